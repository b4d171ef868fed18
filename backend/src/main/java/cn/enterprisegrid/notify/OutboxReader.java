package cn.enterprisegrid.notify;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import cn.enterprisegrid.store.HeldConnection;
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
 * Reads the outbox as one consumer of the group {@code senders} with bounded concurrency: it asks XREADGROUP for
 * as many entries as there are free slots, hands each to the handler, and reads again as slots free up. The handler
 * acknowledges (its scripts XACK). On start it first re-reads this consumer's own pending entries (a restart after
 * a crash, same node id); the {@link Sweeper} takes over entries of consumers that are gone. Runs on one event loop.
 */
final class OutboxReader {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxReader.class);

  private final Vertx vertx;
  private final String consumer;
  private final int maxInFlight;
  private final Function<OutboxEntry, Future<Void>> handler;
  private final Function<List<OutboxEntry>, Future<Void>> notices;
  private final HeldConnection connection;
  private int inFlight;
  /** Ids of the entries this reader is handling: one the sweeper takes over again while it is slow is skipped. */
  private final java.util.Set<String> handling = new java.util.HashSet<>();
  private boolean reading;
  private boolean stopped;
  /** The id after which to read this consumer's own pending entries; null once they are done. */
  private String pendingFrom = "0";

  /**
   * @param handler handles one push entry
   * @param notices handles the notices of one read at once (one script), with the same failure semantics
   */
  OutboxReader(Vertx vertx, Redis redis, String consumer, int maxInFlight,
      Function<OutboxEntry, Future<Void>> handler, Function<List<OutboxEntry>, Future<Void>> notices) {
    this.notices = notices;
    this.vertx = vertx;
    this.connection = new HeldConnection(redis);
    this.consumer = consumer;
    this.maxInFlight = maxInFlight;
    this.handler = handler;
  }

  /** Creates the group when missing and starts reading. */
  Future<Void> start() {
    return connection.send(Request.cmd(Command.XGROUP).arg("CREATE").arg(NotifyKeys.OUTBOX).arg(NotifyKeys.GROUP)
            .arg("0").arg("MKSTREAM"))
        .recover(err -> err.getMessage() != null && err.getMessage().startsWith("BUSYGROUP")
            ? Future.succeededFuture() : Future.failedFuture(err))
        .onSuccess(v -> pump())
        .mapEmpty();
  }

  /**
   * Stops reading and waits (at most {@code maxMs}) for the entries in flight, so that a graceful stop records
   * their outcomes instead of leaving them uncertain.
   */
  Future<Void> stop(long maxMs) {
    stopped = true;
    connection.reset();
    Promise<Void> drained = Promise.promise();
    long until = System.currentTimeMillis() + maxMs;
    waitDrained(drained, until);
    return drained.future();
  }

  private void waitDrained(Promise<Void> drained, long until) {
    if (inFlight == 0 || System.currentTimeMillis() >= until) {
      if (inFlight > 0) {
        LOG.warn("stopping with {} pushes in flight; they will not be sent again", inFlight);
      }
      drained.complete();
    } else {
      vertx.setTimer(20, t -> waitDrained(drained, until));
    }
  }

  int inFlight() {
    return inFlight;
  }

  /** Hands an entry read elsewhere (the sweeper's XAUTOCLAIM) to the handler, counted against the bound. */
  void dispatch(OutboxEntry e) {
    // XAUTOCLAIM also returns this node's own entries when a send outlasts the idle time (a slow WeChat on a busy
    // machine); handing such a push over again would find it claimed and count it uncertain
    if (!handling.add(e.id())) {
      return;
    }
    inFlight++;
    handler.apply(e).onComplete(ar -> {
      if (ar.failed()) {
        LOG.warn("outbox entry {} stays pending: {}", e.id(), ar.cause().toString());
      }
      handling.remove(e.id());
      inFlight--;
      pump();
    });
  }

  private void pump() {
    if (stopped || reading || inFlight >= maxInFlight) {
      return;
    }
    reading = true;
    int free = maxInFlight - inFlight;
    String from = pendingFrom == null ? ">" : pendingFrom;
    Request req = Request.cmd(Command.XREADGROUP).arg("GROUP").arg(NotifyKeys.GROUP).arg(consumer)
        .arg("COUNT").arg(free);
    if (pendingFrom == null) {
      req.arg("BLOCK").arg(1000);
    }
    req.arg("STREAMS").arg(NotifyKeys.OUTBOX).arg(from);
    connection.send(req).onComplete(ar -> {
      reading = false;
      if (stopped) {
        return;
      }
      if (ar.failed()) {
        connection.reset();
        LOG.warn("reading the outbox failed, again in 1 s: {}", ar.cause().toString());
        vertx.setTimer(1000, t -> pump());
        return;
      }
      List<OutboxEntry> batch = parse(ar.result());
      if (pendingFrom != null) {
        pendingFrom = batch.isEmpty() ? null : batch.get(batch.size() - 1).id();
      }
      List<OutboxEntry> pushes = new ArrayList<>();
      List<OutboxEntry> accepted = new ArrayList<>();
      for (OutboxEntry e : batch) {
        (e.isPush() ? pushes : accepted).add(e);
      }
      if (!accepted.isEmpty()) {
        // notices are cheap: one script for all of them, counted as one slot
        inFlight++;
        notices.apply(accepted).recover(err -> {
          // one bad notice must not hold up the others: handle them one by one
          Future<Void> each = Future.succeededFuture();
          for (OutboxEntry e : accepted) {
            each = each.eventually(() -> handler.apply(e));
          }
          return each;
        }).onComplete(done -> {
          inFlight--;
          pump();
        });
      }
      pushes.forEach(this::dispatch);
      vertx.runOnContext(v -> pump());
    });
  }

  static List<OutboxEntry> parse(Response r) {
    List<OutboxEntry> out = new ArrayList<>();
    if (r == null) {
      return out;
    }
    // RESP3 answers a map stream -> entries, RESP2 [[stream, entries]]
    List<Response> streams = new ArrayList<>();
    if (r.isMap()) {
      for (String key : r.getKeys()) {
        streams.add(r.get(key));
      }
    } else {
      for (Response s : r) {
        streams.add(s.get(1));
      }
    }
    for (Response entries : streams) {
      for (Response entry : entries) {
        OutboxEntry e = OutboxEntry.parse(entry);
        if (e != null) {
          out.add(e);
        }
      }
    }
    return out;
  }
}
