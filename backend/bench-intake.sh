#!/usr/bin/env bash
# Problem intake benchmark: registers F firms of 开化县 (default 3,000) in-process on an embedded
# Redis, then files N problems over HTTP (POST /mp/v1/problems, default 20,000, C=64 in flight)
# after a warm-up; prints throughput, latency percentiles and whether every case was stored once.
#   backend/bench-intake.sh [problems=20000] [concurrency=64] [firms=3000]
exec "$(dirname "$0")/../benchmarks/run.sh" cn.enterprisegrid.problem.bench.IntakeBenchmark "$@"
