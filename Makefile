# Two entry points (see README): `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: setup demo test eval bench clean neo4j-up neo4j-down

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

## The main job on the bundled sample: ingest it into the embedded default store
## (./org-graph-data), then ask who held a post that day and a person's timeline, with evidence.
demo: setup
	$(VENV)/bin/org-graph ingest examples/
	$(VENV)/bin/org-graph who-held "Chủ tịch Ủy ban nhân dân tỉnh Cà Mau" --on 2022-01-07
	$(VENV)/bin/org-graph timeline "Huỳnh Quốc Việt"

## The whole test suite, with a real Neo4j started for it (tools/neo4j) and stopped after.
test: setup browser
	HF_HUB_OFFLINE=1 tools/neo4j/with-neo4j.sh $(PY) -m pytest

## A real Neo4j for development: prints NEO4J_URI=… lines (eval "$$(make -s neo4j-up)").
neo4j-up:
	@tools/neo4j/up.sh

neo4j-down:
	@tools/neo4j/down.sh

## Extraction score on both gold sets (../shared/eval): dev and outlets.
eval: setup
	$(VENV)/bin/org-graph extract ../shared/corpus/articles.jsonl -o /tmp/org-graph-dev.jsonl --quiet
	$(PY) ../shared/eval/score.py ../shared/eval/gold/dev /tmp/org-graph-dev.jsonl
	$(VENV)/bin/org-graph extract ../shared/corpus/outlets.jsonl -o /tmp/org-graph-outlets.jsonl --quiet
	$(PY) ../shared/eval/score.py ../shared/eval/gold/outlets /tmp/org-graph-outlets.jsonl

bench: setup
	$(PY) bench/extract_speed.py

clean:
	rm -rf $(VENV) build *.egg-info

## Chromium for the viewer's browser test (Debian's package; never a browser download).
.PHONY: browser web-vendor
browser:
	@tools/browser/install.sh

## Copy Cytoscape.js from npm (web/package.json) into the package; the copy is committed, so a
## checkout works without npm.
web-vendor:
	cd web && npm ci --no-audit --no-fund
	cp web/node_modules/cytoscape/dist/cytoscape.min.js src/org_graph/web/static/vendor/cytoscape.min.js
	cp web/node_modules/cytoscape/LICENSE src/org_graph/web/static/vendor/cytoscape.LICENSE
