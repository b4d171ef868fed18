#!/usr/bin/env bash
# Runs one in-process benchmark harness of the backend's test sources (used by the bench-*.sh
# scripts): compiles the backend with its tests into BENCH_BUILD_DIR (default backend/target-bench,
# apart from the test build), writes the test classpath once, then runs MAIN_CLASS with it.
#   backend/bench-java.sh MAIN_CLASS [args...]
# MVN_OFFLINE=-o keeps Maven offline (faster once ~/.m2 holds everything).
set -euo pipefail
MAIN="$1"
shift
cd "$(dirname "$0")/.."
BUILD="${BENCH_BUILD_DIR:-$PWD/backend/target-bench}"
MVN="mvn -q -B ${MVN_OFFLINE:-}"
$MVN -pl backend test-compile -Dbackend.build.dir="$BUILD"
$MVN -pl backend dependency:build-classpath -Dbackend.build.dir="$BUILD" \
  -Dmdep.outputFile="$BUILD/bench.classpath" -Dmdep.includeScope=test
exec java -Xms1g -Xmx2g -XX:+UseParallelGC -DLOG_LEVEL=WARN -DACCESS_LOG_LEVEL=WARN \
  -cp "$BUILD/classes:$BUILD/test-classes:$(cat "$BUILD/bench.classpath")" "$MAIN" "$@"
