#!/usr/bin/env bash
# Excel import benchmark: writes R firms of 开化县 (default 100,000) to an .xlsx with POI's SXSSF (shared
# strings, date cells, formatted amounts, as Excel saves one), starts the backend in-process on an
# embedded Redis, POSTs the workbook streamed to /api/v1/enterprises/import and prints the import time
# and the JVM's heap during it (peak in use, peak left after a collection).
#   backend/bench-import-xlsx.sh [rows=100000]
# BENCH_JAVA_OPTS sets the JVM flags (default -Xms1g -Xmx2g -XX:+UseParallelGC), e.g. -Xmx256m to
# show the import needs no more.
exec "$(dirname "$0")/../benchmarks/run.sh" cn.enterprisegrid.enterprise.bench.XlsxImportBenchmark "$@"
