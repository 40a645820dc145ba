"""A real store built from the real corpus, shared by the export tests (read-only after the build)."""
from __future__ import annotations

import pytest

from org_graph.ingest import ingest
from org_graph.store.oxigraph import GraphStore
from org_graph.store.projection import project


@pytest.fixture(scope="session")
def store_path(corpus_path, tmp_path_factory):
    path = tmp_path_factory.mktemp("export-store") / "data"
    st = GraphStore.open(path)
    try:
        ingest(st, [corpus_path])
    finally:
        st.close()
    return path


@pytest.fixture
def store(store_path):
    st = GraphStore.open(store_path, read_only=True)
    yield st
    st.close()


@pytest.fixture(scope="session")
def projection(store_path):
    st = GraphStore.open(store_path, read_only=True)
    try:
        return project(st)
    finally:
        st.close()


@pytest.fixture(scope="session")
def hqv(store_path) -> str:
    """Huỳnh Quốc Việt's id, as the store resolves the name (he is one person in the corpus)."""
    st = GraphStore.open(store_path, read_only=True)
    try:
        (row,) = st.ready("people-named", {"name": "huỳnh quốc việt"})
        return row["person_id"]
    finally:
        st.close()
