#!/usr/bin/env bash
# Hot-read benchmark from a separate load-generator process (wrk), against the real jar:
#   backend/bench-reads.sh [connections=50] [seconds=20]
# Builds backend.jar, starts it with --demo (3,000 firms of 开化县) on a temp data dir and its
# embedded Redis, logs in as the demo county admin, collects the firms' USCCs through the listing
# API, then lets wrk read GET /api/v1/enterprises/{uscc} at random with N keep-alive connections on
# 2 threads, and prints wrk's latency distribution. Installs wrk from Debian when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
CONNS="${1:-50}"
SECS="${2:-20}"
PORT="${BENCH_PORT:-18099}"
if ! command -v wrk >/dev/null; then
  (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null
fi
[ -f backend/target/backend.jar ] || mvn -q -B -ntp -DskipTests package
WORK="$(mktemp -d)"
trap 'kill -TERM $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
DATA_DIR="$WORK/data" HTTP_PORT="$PORT" ACCESS_LOG_LEVEL=WARN java -Xmx1g -jar backend/target/backend.jar --demo \
  > "$WORK/backend.log" 2>&1 &
PID=$!
for _ in $(seq 1 600); do curl -sf "localhost:$PORT/health" >/dev/null && break; sleep 0.1; done
TOKEN=$(curl -sf "localhost:$PORT/api/v1/auth/login" -d '{"username":"kh.admin","password":"demo-pass-2026"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
# the indexer catches up with the demo firms within a second or two of start
sleep 3
python3 - "$PORT" "$TOKEN" > "$WORK/ids.lua" <<'PY'
import json, sys, urllib.request
port, token = sys.argv[1], sys.argv[2]
ids, page = [], None
while True:
    url = f"http://localhost:{port}/api/v1/enterprises?limit=200" + (f"&page={page}" if page else "")
    req = urllib.request.Request(url, headers={"Authorization": "Bearer " + token})
    body = json.load(urllib.request.urlopen(req))
    ids += [i["uscc"] for i in body["items"]]
    page = body.get("next")
    if not page:
        break
print("ids = {" + ",".join('"%s"' % i for i in ids) + "}")
PY
cat >> "$WORK/ids.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
request = function()
  return wrk.format("GET", "/api/v1/enterprises/" .. ids[math.random(#ids)])
end
LUA
echo "firms: $(grep -o '"' "$WORK/ids.lua" | wc -l | awk '{print $1/2}'), connections: $CONNS, seconds: $SECS, load before: $(cut -d' ' -f1 /proc/loadavg)"
wrk -t2 -c"$CONNS" -d"${SECS}s" --latency -s "$WORK/ids.lua" "http://localhost:$PORT"
