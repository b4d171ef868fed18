package cn.enterprisegrid.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Redis system of record as the domain packages see it: the client, and atomic Lua scripts run
 * by SHA with a fallback to EVAL when the server does not know the script yet (after a restart).
 */
public final class Store {
  private static final Map<String, LuaScript> SCRIPTS = new ConcurrentHashMap<>();

  private final Redis client;
  private final RedisAPI api;

  private Store(Redis client) {
    this.client = client;
    this.api = RedisAPI.api(client);
  }

  /** A pooled client for {@code url} ({@code redis://host:port}, sentinel and cluster URLs too). */
  public static Store connect(Vertx vertx, String url) {
    RedisOptions options = new RedisOptions()
        .setConnectionString(url)
        .setMaxPoolSize(16)
        .setMaxPoolWaiting(2048)
        .setMaxWaitingHandlers(4096);
    return new Store(Redis.createClient(vertx, options));
  }

  public Redis client() {
    return client;
  }

  public RedisAPI api() {
    return api;
  }

  /**
   * Runs the script {@code lua/NAME.lua} atomically with the given keys (every key it touches,
   * docs/lua.md) and arguments, and decodes its answer.
   */
  public Future<ScriptResult> script(String name, List<String> keys, List<String> args) {
    return eval(name, keys, args).map(ScriptResult::of);
  }

  private Future<Response> eval(String name, List<String> keys, List<String> args) {
    LuaScript script = SCRIPTS.computeIfAbsent(name, LuaScript::load);
    List<String> evalArgs = new ArrayList<>(keys.size() + args.size() + 2);
    evalArgs.add(script.sha1());
    evalArgs.add(String.valueOf(keys.size()));
    evalArgs.addAll(keys);
    evalArgs.addAll(args);
    return api.evalsha(evalArgs).recover(err -> {
      if (err.getMessage() != null && err.getMessage().startsWith("NOSCRIPT")) {
        List<String> withSource = new ArrayList<>(evalArgs);
        withSource.set(0, script.source());
        return api.eval(withSource);
      }
      return Future.failedFuture(err);
    });
  }

  public Future<Void> close() {
    client.close();
    return Future.succeededFuture();
  }
}
