#!/usr/bin/env bash
# Service-grid benchmark: township cells for all 41 k townships, one liaison per township, N firms
# (default 1,000,000) written directly in the grid's minimal form, then the timed assignment
# (index + fill, as the first POST /api/v1/grid/assign does) and the coverage report. Embedded
# Redis in a temp dir; prints a table.
#   backend/bench-grid.sh [firms=1000000] [capacity=40]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${BENCH_BUILD_DIR:-$PWD/backend/target-bench}"
MVN="mvn -q -B ${MVN_OFFLINE:--o}"
$MVN -pl backend test-compile -Dbackend.build.dir="$BUILD"
$MVN -pl backend dependency:build-classpath -Dbackend.build.dir="$BUILD" \
  -Dmdep.outputFile="$BUILD/bench.classpath" -Dmdep.includeScope=test
exec java -Xms1g -Xmx2g -XX:+UseParallelGC -DLOG_LEVEL=WARN -DACCESS_LOG_LEVEL=WARN \
  -cp "$BUILD/classes:$BUILD/test-classes:$(cat "$BUILD/bench.classpath")" \
  cn.enterprisegrid.grid.bench.GridBenchmark "$@"
