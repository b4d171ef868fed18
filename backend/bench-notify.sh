#!/usr/bin/env bash
# Notification benchmark: N firms (default 100,000) with one consenting WeChat user each, one policy
# matching all of them; times publish -> all notices enqueued, and the delivery of every subscribe
# message to the fake WeChat server with bounded concurrency, counting duplicates. Embedded Redis in
# a temp dir; prints a table (docs/notifications.md).
#   backend/bench-notify.sh [firms=100000] [senders=64]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${BENCH_BUILD_DIR:-$PWD/backend/target-bench-notify}"
MVN="mvn -q -B ${MVN_OFFLINE:--o}"
$MVN -pl backend test-compile -Dbackend.build.dir="$BUILD"
$MVN -pl backend dependency:build-classpath -Dbackend.build.dir="$BUILD" \
  -Dmdep.outputFile="$BUILD/bench.classpath" -Dmdep.includeScope=test
exec java -Xms1g -Xmx2g -XX:+UseParallelGC -DLOG_LEVEL=WARN -DACCESS_LOG_LEVEL=WARN \
  -cp "$BUILD/classes:$BUILD/test-classes:$(cat "$BUILD/bench.classpath")" \
  cn.enterprisegrid.notify.NotifyBenchmark "$@"
