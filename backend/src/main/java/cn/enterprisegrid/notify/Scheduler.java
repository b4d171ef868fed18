package cn.enterprisegrid.notify;

import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Moves what has become due into the outbox: buffered notices whose push is due (after the digest window and the
 * quiet hours; the flush applies the frequency cap) and retries whose backoff has passed. Both are atomic scripts,
 * so every node runs a scheduler and none moves anything twice.
 */
final class Scheduler {
  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
  private static final int BATCH = 500;
  private static final long WEEK_MS = Duration.ofDays(7).toMillis();

  private final Vertx vertx;
  private final Store store;
  private final Clock clock;
  private final int cap;
  private long timer = -1;
  private boolean busy;

  Scheduler(Vertx vertx, Store store, Clock clock, int cap) {
    this.vertx = vertx;
    this.store = store;
    this.clock = clock;
    this.cap = cap;
  }

  void start() {
    timer = vertx.setPeriodic(200, t -> tick());
  }

  void stop() {
    vertx.cancelTimer(timer);
  }

  private void tick() {
    if (busy) {
      return;
    }
    busy = true;
    run().onFailure(err -> LOG.warn("scheduler: {}", err.toString())).onComplete(ar -> busy = false);
  }

  /** Moves batches until nothing more is due. */
  private Future<Void> run() {
    String now = String.valueOf(clock.millis());
    return store.script("notify_flush", List.of(NotifyKeys.DUE, NotifyKeys.OUTBOX, NotifyKeys.STATS), List.of(now, String.valueOf(BATCH), String.valueOf(cap),
            String.valueOf(WEEK_MS)))
        .compose(flushed -> store.script("notify_due", List.of(NotifyKeys.RETRY, NotifyKeys.OUTBOX), List.of(now, String.valueOf(BATCH)))
            .compose(moved -> {
              // a full batch means more may be waiting: go on without waiting for the next tick
              boolean more = flushed.number() > 0 && flushed.number() >= BATCH || moved.number() >= BATCH;
              return more ? run() : Future.succeededFuture();
            }));
  }
}
