#!/usr/bin/env bash
# Notification benchmark: N firms (default 100,000) with one consenting WeChat user each, one policy
# matching all of them; times publish -> all notices enqueued, and the delivery of every subscribe
# message to the fake WeChat server with bounded concurrency, counting duplicates. Embedded Redis in
# a temp dir; prints a table (docs/notifications.md).
#   backend/bench-notify.sh [firms=100000] [senders=64]
exec "$(dirname "$0")/../benchmarks/run.sh" cn.enterprisegrid.notify.NotifyBenchmark "$@"
