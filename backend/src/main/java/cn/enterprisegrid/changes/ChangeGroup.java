package cn.enterprisegrid.changes;

import cn.enterprisegrid.store.HeldConnection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Consumes the {@code changes} stream as one member of a consumer group, so that across nodes each
 * entry is handled by one of them: XREADGROUP, hand the batch over, XACK when its future succeeds.
 * After a crash the consumer (same name: the node id) first re-reads its own pending entries; a
 * periodic XAUTOCLAIM takes over entries another consumer left idle for too long. Handlers must be
 * idempotent, since an entry may be handled again after a crash.
 */
public final class ChangeGroup {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeGroup.class);

  private final Vertx vertx;
  private final String group;
  private final String consumer;
  private final int batchSize;
  private final long claimIdleMs;
  private volatile boolean stopped;
  private final HeldConnection connection;
  private long lastClaim;
  private int failures;
  private boolean single;
  /** Attempts of one entry alone before it is set aside. */
  static final int ATTEMPTS = 5;

  /**
   * @param group the consumer group (created at the start of the stream when missing)
   * @param consumer this node's stable name in the group
   * @param claimIdleMs entries pending longer than this with another consumer are taken over
   */
  public ChangeGroup(Vertx vertx, Redis redis, String group, String consumer, int batchSize, long claimIdleMs) {
    this.vertx = vertx;
    this.group = group;
    this.consumer = consumer;
    this.batchSize = batchSize;
    this.claimIdleMs = claimIdleMs;
    this.connection = new HeldConnection(redis);
  }

  /** Starts consuming; {@code handler}'s future completing means the batch may be acknowledged. */
  public Future<Void> consume(Function<List<Change>, Future<Void>> handler) {
    return connection.send(Request.cmd(Command.XGROUP).arg("CREATE").arg(ChangeFeed.STREAM).arg(group).arg("0")
            .arg("MKSTREAM")).recover(err -> err.getMessage() != null && err.getMessage().startsWith("BUSYGROUP")
            ? Future.succeededFuture() : Future.failedFuture(err))
        .onSuccess(v -> next("0", handler))
        .mapEmpty();
  }

  public void stop() {
    stopped = true;
    connection.reset();
  }

  /**
   * {@code from} is "0" while re-reading own pending entries, then ">" for new ones. A batch that
   * keeps failing is retried one entry at a time; an entry that fails {@link #ATTEMPTS} times alone
   * goes to the stream {@code changes:dead:GROUP} with its error and is acknowledged, so one bad
   * entry cannot stop the group.
   */
  private void next(String from, Function<List<Change>, Future<Void>> handler) {
    if (stopped) {
      return;
    }
    boolean claim = ">".equals(from) && System.currentTimeMillis() - lastClaim > claimIdleMs;
    Future<List<Change>> read = claim ? claimIdle() : readGroup(from);
    read.compose(batch -> {
          if (batch.isEmpty()) {
            return Future.succeededFuture(claim ? from : ">");
          }
          return handler.apply(batch)
              .recover(err -> batch.size() == 1 && failures + 1 >= ATTEMPTS
                  ? deadLetter(batch.get(0), err) : Future.failedFuture(err))
              .compose(v -> ack(batch))
              .map(v -> {
                failures = 0;
                single = false;
                return from;
              });
        })
        .onSuccess(nextFrom -> vertx.runOnContext(v -> next(nextFrom, handler)))
        .onFailure(err -> {
          if (stopped) {
            return;
          }
          failures++;
          single = failures >= 2;
          LOG.warn("{}: batch failed ({} in a row), re-reading pending entries in 1 s: {}", group, failures,
              err.toString());
          vertx.setTimer(1000, t -> next("0", handler));
        });
  }

  private Future<Void> deadLetter(Change c, Throwable err) {
    LOG.error("{}: change {} ({} {}) failed {} times, moved to changes:dead:{}", group, c.streamId(), c.kind(), c.id(),
        ATTEMPTS, group, err);
    return connection.send(Request.cmd(Command.XADD).arg("changes:dead:" + group).arg("*")
        .arg("streamId").arg(c.streamId()).arg("kind").arg(String.valueOf(c.kind())).arg("id").arg(String.valueOf(c.id()))
        .arg("payload").arg(c.payload() == null ? "" : c.payload()).arg("error").arg(String.valueOf(err)))
        .mapEmpty();
  }

  private Future<List<Change>> readGroup(String from) {
    Request req = Request.cmd(Command.XREADGROUP).arg("GROUP").arg(group).arg(consumer).arg("COUNT")
        .arg(single ? 1 : batchSize);
    if (">".equals(from)) {
      req.arg("BLOCK").arg(1000);
    }
    return connection.send(req.arg("STREAMS").arg(ChangeFeed.STREAM).arg(from))
        .map(ChangeFeed::parse);
  }

  /** XAUTOCLAIM answers [cursor, [[id, fields] | nil, ...], ...]; deleted entries come back empty. */
  private Future<List<Change>> claimIdle() {
    lastClaim = System.currentTimeMillis();
    return connection.send(Request.cmd(Command.XAUTOCLAIM).arg(ChangeFeed.STREAM).arg(group)
            .arg(consumer).arg(claimIdleMs).arg("0-0").arg("COUNT").arg(batchSize))
        .map(r -> {
          List<Change> out = new ArrayList<>();
          for (Response entry : r.get(1)) {
            if (entry != null && entry.size() == 2 && entry.get(1) != null) {
              out.add(ChangeFeed.entry(entry));
            }
          }
          if (!out.isEmpty()) {
            LOG.info("{}: took over {} entries idle for more than {} ms", group, out.size(), claimIdleMs);
          }
          return out;
        });
  }

  private Future<Void> ack(List<Change> batch) {
    Request req = Request.cmd(Command.XACK).arg(ChangeFeed.STREAM).arg(group);
    batch.forEach(c -> req.arg(c.streamId()));
    return connection.send(req).mapEmpty();
  }
}
