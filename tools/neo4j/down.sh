#!/usr/bin/env bash
# Stop the Neo4j started by up.sh and remove its data.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
state="$root/.neo4j"
if [ -f "$state/pid" ]; then
  pid="$(cat "$state/pid")"
  kill "$pid" 2>/dev/null
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null
fi
rm -rf "$state"
echo "Neo4j stopped" >&2
