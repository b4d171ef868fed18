#!/usr/bin/env bash
# Load test of every read (the console's and the mini-program's GET operations, /health, the
# simulation and the call-back sample) at C connections, S seconds each, with wrk in its own process
# (installed from Debian when missing), over the demo data plus F more firms; prints requests/s,
# p50/p99 and answers by status class per endpoint, and exits 1 on any 5xx or socket error.
#   backend/load-reads.sh [seconds=5] [connections=64] [extraFirms=0] [only=substring]
set -euo pipefail
if ! command -v wrk >/dev/null; then
  (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null
fi
exec "$(dirname "$0")/../benchmarks/run.sh" cn.enterprisegrid.bench.ReadLoadBenchmark "$@"
