#!/usr/bin/env bash
# Problems benchmark: N cases (default 1,000,000, about ten years of a prefecture city: 金华市's
# counties and townships), the past written directly as the scripts leave it, the last 2 % through
# the scripts and the clock; then the scheduler's overdue poll and ProblemStore.overdueNow (median
# and p99 of 50), the report and bulletin of one county over 2025 (median and p99 of 20), the
# bulletin as XLSX, and Redis memory per case. Embedded Redis in a temp dir; prints a table.
#   backend/bench-problems.sh [cases=1000000]
exec "$(dirname "$0")/../benchmarks/run.sh" cn.enterprisegrid.problem.bench.ProblemBenchmark "$@"
