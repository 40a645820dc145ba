#!/usr/bin/env bash
# Run a command with the test Neo4j up and NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD in its
# environment; stop Neo4j afterwards whatever happens. Used by `make test`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
env_lines="$("$here/up.sh")"
trap '"$here/down.sh"' EXIT
while IFS= read -r line; do export "$line"; done <<< "$env_lines"
"$@"
