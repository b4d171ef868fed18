#!/usr/bin/env bash
# Problem intake benchmark: registers F firms of 开化县 (default 3,000) in-process on an embedded
# Redis, then lets wrk (installed from Debian when missing) file problems over HTTP
# (POST /mp/v1/problems) for S seconds (default 20, after a 5 s warm-up) with C connections
# (default 64); prints throughput, latency percentiles, whether every case was stored once and
# indexed, and how long the indexer took to catch up and link similar cases.
#   backend/bench-intake.sh [seconds=20] [connections=64] [firms=3000]
set -euo pipefail
if ! command -v wrk >/dev/null; then
  (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null
fi
exec "$(dirname "$0")/../benchmarks/run.sh" cn.enterprisegrid.problem.bench.IntakeBenchmark "$@"
