#!/usr/bin/env bash
# Start the development/test Neo4j in the background (building the launcher first if needed) and
# print NEO4J_URI=…, NEO4J_USER=…, NEO4J_PASSWORD=… lines a shell can `eval`.
# State lives in .neo4j/ at the repository root; `tools/neo4j/down.sh` stops it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
state="$root/.neo4j"
jar="$here/target/neo4j-launcher-0.1.0.jar"
mkdir -p "$state"

if [ -f "$state/pid" ] && kill -0 "$(cat "$state/pid")" 2>/dev/null && [ -f "$state/env" ]; then
  cat "$state/env"
  exit 0
fi
if [ ! -f "$jar" ] || [ "$here/pom.xml" -nt "$jar" ] || [ "$here/src/main/java/org/orggraph/Neo4jLauncher.java" -nt "$jar" ]; then
  echo "building the Neo4j launcher (Maven; the first time downloads Neo4j from Maven Central)…" >&2
  (cd "$here" && mvn -q -B package -DskipTests >&2)
fi
rm -rf "$state/home" "$state/env"
password="${NEO4J_TEST_PASSWORD:-org-graph-test}"
nohup java -Xmx1g -cp "$jar:$here/target/lib/*" org.orggraph.Neo4jLauncher \
  "$state/home" "$state/env" "$password" > "$state/log" 2>&1 &
echo $! > "$state/pid"
for _ in $(seq 1 180); do
  if [ -f "$state/env" ]; then
    cat "$state/env"
    exit 0
  fi
  if ! kill -0 "$(cat "$state/pid")" 2>/dev/null; then
    echo "Neo4j failed to start; its log ($state/log) ends with:" >&2
    tail -n 20 "$state/log" >&2
    exit 1
  fi
  sleep 1
done
echo "Neo4j did not start within 180 s; see $state/log" >&2
exit 1
