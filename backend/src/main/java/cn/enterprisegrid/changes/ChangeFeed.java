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
 * Follows the {@code changes} stream from a position and hands batches to a consumer in order; the
 * next batch is read only when the consumer's future completes, so a slow consumer slows the
 * reading, never loses entries. A failed batch is retried from the same position after a pause.
 * Uses its own connection, since {@code XREAD BLOCK} holds it.
 */
public final class ChangeFeed {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
  public static final String STREAM = "changes";

  private final Vertx vertx;
  private final int batchSize;
  private final long blockMs;
  private volatile boolean stopped;
  private final HeldConnection connection;
  private Runnable caughtUp = () -> { };

  public ChangeFeed(Vertx vertx, Redis redis, int batchSize, long blockMs) {
    this.vertx = vertx;
    this.batchSize = batchSize;
    this.connection = new HeldConnection(redis);
    this.blockMs = blockMs;
  }

  /**
   * Starts following after {@code fromId} ({@code 0} = from the beginning). {@code consumer} gets
   * each batch; its future completing means the batch is applied.
   */
  public void follow(String fromId, Function<List<Change>, Future<Void>> consumer) {
    next(fromId, consumer);
  }

  /**
   * Runs {@code action} after every read that found less than a full batch, once that batch is
   * applied: the feed has then seen the stream up to about now. With {@code blockMs} of blocking,
   * a healthy feed says so at least that often.
   */
  public ChangeFeed onCaughtUp(Runnable action) {
    this.caughtUp = action;
    return this;
  }

  public void stop() {
    stopped = true;
    connection.reset();
  }

  private void next(String position, Function<List<Change>, Future<Void>> consumer) {
    if (stopped) {
      return;
    }
    connection.send(Request.cmd(Command.XREAD).arg("COUNT").arg(batchSize)
            .arg("BLOCK").arg(blockMs).arg("STREAMS").arg(STREAM).arg(position))
        .compose(response -> {
          List<Change> batch = parse(response);
          if (batch.isEmpty()) {
            caughtUp.run();
            return Future.succeededFuture(position);
          }
          String last = batch.get(batch.size() - 1).streamId();
          return consumer.apply(batch).map(v -> {
            if (batch.size() < batchSize) {
              caughtUp.run();
            }
            return last;
          });
        })
        .onSuccess(nextPosition -> vertx.runOnContext(v -> next(nextPosition, consumer)))
        .onFailure(err -> {
          if (stopped) {
            return;
          }
          LOG.warn("change feed: batch after {} failed, retrying in 1 s: {}", position, err.toString());
          connection.reset();
          vertx.setTimer(1000, t -> next(position, consumer));
        });
  }

  /**
   * XREAD answers null on timeout; else, in RESP2, [[stream, [[id, [field, value, ...]], ...]]], and
   * in RESP3 a map {stream: [[id, [...]], ...]}.
   */
  static List<Change> parse(Response response) {
    List<Change> out = new ArrayList<>();
    if (response == null) {
      return out;
    }
    List<Response> streams = new ArrayList<>();
    if (response.isMap()) {
      for (String key : response.getKeys()) {
        streams.add(response.get(key));
      }
    } else {
      for (Response stream : response) {
        streams.add(stream.get(1));
      }
    }
    for (Response entries : streams) {
      for (Response entry : entries) {
        out.add(entry(entry));
      }
    }
    return out;
  }

  /** One stream entry, [id, [field, value, ...]]. */
  static Change entry(Response entry) {
    String id = entry.get(0).toString();
    Response fields = entry.get(1);
    String kind = null;
    String entity = null;
    String payload = null;
    for (int i = 0; i + 1 < fields.size(); i += 2) {
      String name = fields.get(i).toString();
      String value = fields.get(i + 1).toString();
      switch (name) {
        case "kind" -> kind = value;
        case "id" -> entity = value;
        case "payload" -> payload = value;
        default -> { }
      }
    }
    return new Change(id, kind, entity, payload);
  }
}
