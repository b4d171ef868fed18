#!/usr/bin/env bash
# Enterprise registry benchmark: streamed import of generated firms, then concurrent profile reads.
#   backend/bench-enterprise.sh [lines=100000] [clients=50] [seconds=20]
# Starts the backend in-process on an embedded Redis (nothing else needed), generates realistic
# NDJSON firms over the real Zhejiang divisions and GB/T 4754-2017 classes, POSTs the file streamed
# to /api/v1/enterprises/import, re-imports it (all unchanged), then reads GET /api/v1/enterprises/{uscc}
# from concurrent clients and prints a table.
exec "$(dirname "$0")/../benchmarks/run.sh" cn.enterprisegrid.enterprise.bench.ImportBenchmark "$@"
