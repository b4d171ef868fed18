#!/usr/bin/env bash
# Policy and redemption benchmark: registers F firms of 开化县 (default 100,000) in-process on an
# embedded Redis, times publication → stored match set of a policy all of them match, then sends A
# one-tap applications over HTTP (default 20,000, C=64 in flight) against a fund pool that fits
# 80 % of them and checks the totals. Prints a table. Build output goes to backend/target-bench.
#   backend/bench-policy.sh [firms=100000] [applications=20000] [concurrency=64]
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
  cn.enterprisegrid.policy.bench.PolicyBenchmark "$@"
