#!/usr/bin/env bash
# Runs one benchmark main of this module (the bench scripts call it):
#   benchmarks/run.sh MAIN_CLASS [args...]
# Builds the benchmarks with the modules they need in one reactor build (nothing is installed into
# ~/.m2, so a fresh clone works), then starts MAIN_CLASS on the classpath that build wrote
# (benchmarks/target/bench.classpath: sibling modules as their target directories).
# BENCH_JAVA_OPTS replaces the JVM flags; MVN_OFFLINE=-o keeps Maven offline once ~/.m2 is warm.
set -euo pipefail
MAIN="$1"
shift
cd "$(dirname "$0")/.."
# test-compile, not compile: the fixtures come from the siblings' test classes
mvn -q -B -ntp ${MVN_OFFLINE:-} -pl benchmarks -am test-compile
JAVA_FLAGS="${BENCH_JAVA_OPTS:--Xms1g -Xmx2g -XX:+UseParallelGC}"
# shellcheck disable=SC2086 # JAVA_FLAGS is a list of flags
exec java $JAVA_FLAGS -DLOG_LEVEL=WARN -DACCESS_LOG_LEVEL=WARN \
  -cp "$PWD/benchmarks/target/classes:$(cat benchmarks/target/bench.classpath)" "$MAIN" "$@"
