#!/usr/bin/env bash
# Matching benchmark: synthetic firms over the real division/industry codes, realistic rules, every
# engine next to the ReferenceEvaluator. Full scale by default (1,000,000 firms x 5,000 rules);
# e.g. `policy-index/bench.sh --firms 100000` for a quick run. Other options: --rules N,
# --queries N, --profiles N, --ref-queries N, --ref-profiles N, --ref-bulk-firms N, --seed N,
# --monitor-profiles N, --warmup N, --throughput-profiles N, --dir PATH, --keep, --skip-facets,
# --skip-monitor. The main lives in the benchmarks module (benchmarks/run.sh).
set -euo pipefail
export BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx8g -Xms2g}"
exec "$(dirname "$0")/../benchmarks/run.sh" cn.enterprisegrid.policyindex.bench.MatchingBenchmark "$@"
