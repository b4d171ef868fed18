package cn.enterprisegrid.notify;

import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Takes over outbox entries left pending too long by a consumer that died or hangs (XAUTOCLAIM with the configured
 * idle time) and hands them to this node's reader; now and then trims entries every consumer has acknowledged.
 * Handling an entry twice is harmless: notices are recognised by their inbox item, pushes by their claim.
 */
final class Sweeper {
  private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);
  private static final long TRIM_EVERY_MS = 30_000;

  private final Vertx vertx;
  private final Store store;
  private final OutboxReader reader;
  private final String consumer;
  private final long idleMs;
  private long timer = -1;
  private long lastTrim;
  private boolean busy;

  Sweeper(Vertx vertx, Store store, OutboxReader reader, String consumer, long idleMs) {
    this.vertx = vertx;
    this.store = store;
    this.reader = reader;
    this.consumer = consumer;
    this.idleMs = idleMs;
  }

  void start() {
    timer = vertx.setPeriodic(Math.max(200, Math.min(idleMs / 4, 5000)), t -> sweep());
  }

  void stop() {
    vertx.cancelTimer(timer);
  }

  Future<Integer> sweep() {
    if (busy) {
      return Future.succeededFuture(0);
    }
    busy = true;
    Future<Integer> claimed = store.api().xautoclaim(List.of(NotifyKeys.OUTBOX, NotifyKeys.GROUP, consumer,
            String.valueOf(idleMs), "0-0", "COUNT", "100"))
        .map(r -> {
          int n = 0;
          for (Response entry : r.get(1)) {
            OutboxEntry e = OutboxEntry.parse(entry);
            if (e != null) {
              n++;
              reader.dispatch(e);
            }
          }
          if (n > 0) {
            LOG.info("took over {} outbox entries idle for more than {} ms", n, idleMs);
          }
          return n;
        });
    return claimed.compose(n -> {
          long now = System.currentTimeMillis();
          if (now - lastTrim < TRIM_EVERY_MS) {
            return Future.succeededFuture(n);
          }
          lastTrim = now;
          return store.script("notify_trim", List.of(NotifyKeys.OUTBOX), List.of()).map(n);
        })
        .onFailure(err -> LOG.warn("sweep failed: {}", err.toString()))
        .onComplete(ar -> busy = false);
  }
}
