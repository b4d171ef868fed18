#!/usr/bin/env bash
# Service-grid benchmark: township cells for all 41 k townships, one liaison per township, N firms
# (default 1,000,000) written directly in the grid's minimal form, then the timed assignment
# (index + fill, as the first POST /api/v1/grid/assign does) and the coverage report. Embedded
# Redis in a temp dir; prints a table.
#   backend/bench-grid.sh [firms=1000000] [capacity=40]
exec "$(dirname "$0")/../benchmarks/run.sh" cn.enterprisegrid.grid.bench.GridBenchmark "$@"
