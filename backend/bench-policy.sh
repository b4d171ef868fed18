#!/usr/bin/env bash
# Policy and redemption benchmark: registers F firms of 开化县 (default 100,000) in-process on an
# embedded Redis, times publication → stored match set of a policy all of them match, then sends A
# one-tap applications over HTTP (default 20,000, C=64 in flight) against a fund pool that fits
# 80 % of them and checks the totals. Prints a table.
#   backend/bench-policy.sh [firms=100000] [applications=20000] [concurrency=64]
exec "$(dirname "$0")/../benchmarks/run.sh" cn.enterprisegrid.policy.bench.PolicyBenchmark "$@"
