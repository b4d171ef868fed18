package cn.enterprisegrid.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * One Redis connection kept for a blocking reader ({@code XREAD BLOCK}, {@code XREADGROUP BLOCK}),
 * which would starve a pooled client: opened on first use and again after an error. Not
 * thread-safe; use it from one context.
 */
public final class HeldConnection {
  private final Redis redis;
  private RedisConnection connection;

  public HeldConnection(Redis redis) {
    this.redis = redis;
  }

  /** Sends on the held connection, opening it first when needed. */
  public Future<Response> send(Request request) {
    return connection().compose(c -> c.send(request));
  }

  /** Drops the connection (after a failure or to stop); the next send opens a new one. */
  public void reset() {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }

  private Future<RedisConnection> connection() {
    if (connection != null) {
      return Future.succeededFuture(connection);
    }
    Promise<RedisConnection> promise = Promise.promise();
    redis.connect().onSuccess(c -> {
      connection = c;
      c.exceptionHandler(err -> connection = null);
      promise.complete(c);
    }).onFailure(promise::fail);
    return promise.future();
  }
}
