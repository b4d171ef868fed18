#!/usr/bin/env bash
# Enterprise registry benchmark: streamed import of generated firms, then concurrent profile reads.
#   backend/bench-enterprise.sh [lines=100000] [clients=50] [seconds=20]
# Starts the backend in-process on an embedded Redis (nothing else needed), generates realistic
# NDJSON firms over the real Zhejiang divisions and GB/T 4754-2017 classes, POSTs the file streamed
# to /api/v1/enterprises/import, re-imports it (all unchanged), then reads GET /api/v1/enterprises/{uscc}
# from concurrent clients and prints a table. Build output goes to backend/target-bench.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${BENCH_BUILD_DIR:-$PWD/backend/target-bench}"
MVN="mvn -q -B ${MVN_OFFLINE:--o}"
$MVN -pl backend test-compile -Dbackend.build.dir="$BUILD"
$MVN -pl backend dependency:build-classpath -Dbackend.build.dir="$BUILD" \
  -Dmdep.outputFile="$BUILD/bench.classpath" -Dmdep.includeScope=test
exec java -Xms1g -Xmx2g -XX:+UseParallelGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -DLOG_LEVEL=WARN -DACCESS_LOG_LEVEL=WARN \
  -cp "$BUILD/classes:$BUILD/test-classes:$(cat "$BUILD/bench.classpath")" \
  cn.enterprisegrid.enterprise.bench.ImportBenchmark "$@"
