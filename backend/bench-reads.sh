#!/usr/bin/env bash
# Hot-read benchmark from a separate load-generator process (wrk), against the real jar:
#   backend/bench-reads.sh [connections=50] [seconds=20]
# Builds backend.jar, starts it with --demo (3,000 firms of 开化县) on a temp data dir and its
# embedded Redis, with the recommended JVM flags (backend/jvm.options, as README's run command) and
# -Xmx1g, logs in as the demo county admin, collects the firms' USCCs through the listing API, then
# lets wrk read GET /api/v1/enterprises/{uscc} at random with N keep-alive connections on
# WRK_THREADS threads (default 2): first a warm-up of WARMUP_SECS (default 5: JIT compilation and
# the first render of each view; not measured), then the measured run of the same connections.
# Prints wrk's latency distribution, and for the measured run only: the server's own response-time
# histogram (micrometer, /metrics), the JVM's GC pauses (-Xlog:gc), the CPU time per request of
# the JVM and of redis-server, and the load average (other processes on the same 2 cores show in
# the tail). Environment: JAVA_OPTS (replaces backend/jvm.options), WRK_THREADS, WARMUP_SECS,
# BENCH_PORT, BENCH_JAR (another build to compare, default backend/target/backend.jar). Installs wrk
# from Debian when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
CONNS="${1:-50}"
SECS="${2:-20}"
PORT="${BENCH_PORT:-18099}"
THREADS="${WRK_THREADS:-2}"
WARMUP="${WARMUP_SECS:-5}"
JVM_FLAGS="${JAVA_OPTS:-@backend/jvm.options}"
if ! command -v wrk >/dev/null; then
  (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null
fi
JAR="${BENCH_JAR:-backend/target/backend.jar}"
[ -f "$JAR" ] || mvn -q -B -ntp -DskipTests package
WORK="$(mktemp -d)"
trap 'kill -TERM $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
# shellcheck disable=SC2086 # JVM_FLAGS is a list of flags
DATA_DIR="$WORK/data" HTTP_PORT="$PORT" ACCESS_LOG_LEVEL=WARN java -Xmx1g $JVM_FLAGS \
  "-Xlog:gc:file=$WORK/gc.log" -jar "$JAR" --demo > "$WORK/backend.log" 2>&1 &
PID=$!
for _ in $(seq 1 600); do curl -sf "localhost:$PORT/health" >/dev/null && break; sleep 0.1; done
TOKEN=$(curl -sf "localhost:$PORT/api/v1/auth/login" -H 'Content-Type: application/json' -d '{"username":"kh.admin","password":"demo-pass-2026"}' \
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
REDIS_PID=$(pgrep -f "$WORK/data/redis/bin/redis-server" | head -1 || true)
cpu_ticks() { [ -n "$1" ] && awk '{print $14+$15}' "/proc/$1/stat" || echo 0; }
echo "firms: $(grep -o '"' "$WORK/ids.lua" | wc -l | awk '{print $1/2}'), connections: $CONNS, wrk threads: $THREADS, seconds: $SECS (after a ${WARMUP}s warm-up), JVM: -Xmx1g $JVM_FLAGS"
if [ "$WARMUP" -gt 0 ]; then
  wrk -t"$THREADS" -c"$CONNS" -d"${WARMUP}s" -s "$WORK/ids.lua" "http://localhost:$PORT" > /dev/null
fi
curl -sf "localhost:$PORT/metrics" > "$WORK/metrics.before"
GC_LINES=$(wc -l < "$WORK/gc.log")
JVM0=$(cpu_ticks $PID); REDIS0=$(cpu_ticks "$REDIS_PID")
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --latency -s "$WORK/ids.lua" "http://localhost:$PORT" | tee "$WORK/wrk.txt"
JVM1=$(cpu_ticks $PID); REDIS1=$(cpu_ticks "$REDIS_PID")
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
curl -sf "localhost:$PORT/metrics" > "$WORK/metrics.after"
REQS=$(grep -o '[0-9]* requests in' "$WORK/wrk.txt" | awk '{print $1}')
TICK=$(getconf CLK_TCK)
echo "CPU per request: JVM $(( (JVM1 - JVM0) * 1000000 / TICK / REQS )) µs, redis-server $(( (REDIS1 - REDIS0) * 1000000 / TICK / REQS )) µs"
tail -n +$((GC_LINES + 1)) "$WORK/gc.log" | awk '/Pause/ { p = $NF; sub("ms", "", p); n++; s += p; if (p > m) m = p }
  END { printf "GC pauses during the run: %d, longest %.1f ms, total %.0f ms\n", n, m, s }'
python3 - "$WORK/metrics.before" "$WORK/metrics.after" <<'PY'
import re, sys
def buckets(path):
    out = {}
    for line in open(path):
        m = re.match(r'vertx_http_server_response_time_seconds_bucket\{(.*)\} (\S+)', line)
        if m and 'code="200"' in m.group(1) and 'method="GET"' in m.group(1):
            le = re.search(r'le="([^"]+)"', m.group(1)).group(1)
            out[le] = out.get(le, 0) + float(m.group(2))
    return out
before, after = buckets(sys.argv[1]), buckets(sys.argv[2])
rows = sorted(((float(le), after[le] - before.get(le, 0)) for le in after), key=lambda r: r[0])
total = rows[-1][1] if rows else 0
if not total:
    print("server histogram: none found in /metrics")
    sys.exit()
cells = []
for le, n in rows:
    if le in (0.001, 0.002, 0.005, 0.01, 0.05):
        cells.append(f"<= {le * 1000:g} ms {n / total * 100:.2f}%")
p99 = next(le for le, n in rows if n >= 0.99 * total)
print(f"server-side response time (micrometer, {int(total)} answers 200): " + ", ".join(cells)
      + f"; p99 <= {p99 * 1000:g} ms (bucket bound)")
PY
