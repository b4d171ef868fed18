package cn.enterprisegrid.mp.wechat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The account's access token, shared by every backend node through one Redis key that expires before the token.
 * <p>
 * A miss is filled under a node-local lock (single flight: concurrent callers on one node wait for one fetch, then
 * read the key again). A token WeChat rejected is removed only while the key still holds that very token
 * (compare-and-delete in Lua), so a node holding a stale token never deletes the fresh one another node stored.
 */
final class SharedAccessToken {

  private static final Logger LOG = LoggerFactory.getLogger(SharedAccessToken.class);

  /** KEYS[1] the token key, ARGV[1] the token that failed. */
  static final String COMPARE_AND_DELETE =
    "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

  private final Vertx vertx;
  private final RedisAPI redis;
  private final String key;
  private final String lockName;
  private final Supplier<Future<IssuedToken>> fetcher;
  private final Duration safetyMargin;
  private final long lockTimeoutMs;

  SharedAccessToken(Vertx vertx, RedisAPI redis, String appId, Supplier<Future<IssuedToken>> fetcher,
                    Duration safetyMargin, long lockTimeoutMs) {
    this.vertx = vertx;
    this.redis = redis;
    this.key = redisKey(appId);
    this.lockName = SharedAccessToken.class.getName() + ":" + appId;
    this.fetcher = fetcher;
    this.safetyMargin = safetyMargin;
    this.lockTimeoutMs = lockTimeoutMs;
  }

  /**
   * @param appId the account
   * @return the Redis key of the account's token; the hash tag keeps every account's token in one slot
   */
  static String redisKey(String appId) {
    return "wechat:{token}:" + appId;
  }

  /** @return the cached token, or a fresh one fetched once per node and stored for every node */
  Future<String> get() {
    return cached().compose(token -> token != null ? Future.succeededFuture(token)
      : vertx.sharedData().withLocalLock(lockName, lockTimeoutMs,
      () -> cached().compose(again -> again != null ? Future.succeededFuture(again) : fetchAndStore())));
  }

  /**
   * Drops the cached token if it is still {@code failed}.
   *
   * @param failed the token WeChat rejected
   * @return whether this call removed it
   */
  Future<Boolean> invalidate(String failed) {
    return redis.eval(List.of(COMPARE_AND_DELETE, "1", key, failed))
      .map(r -> r != null && r.toLong() == 1L);
  }

  private Future<String> cached() {
    return redis.get(key).map(r -> r == null ? null : r.toString());
  }

  private Future<String> fetchAndStore() {
    return fetcher.get().compose(issued -> {
      long ttlMs = ttlMillis(issued.expiresInSeconds(), safetyMargin);
      LOG.debug("stored a fresh access token for {} ms under {}", ttlMs, key);
      return redis.set(List.of(key, issued.value(), "PX", Long.toString(ttlMs))).map(issued.value());
    });
  }

  /**
   * The key's lifetime: {@code expires_in} minus the margin, or half of {@code expires_in} when that is shorter
   * than twice the margin (a token about to expire is still cached briefly rather than fetched on every call).
   */
  static long ttlMillis(long expiresInSeconds, Duration margin) {
    long expiresMs = Math.max(1L, expiresInSeconds) * 1000L;
    long marginMs = margin.toMillis();
    return expiresMs > 2 * marginMs ? expiresMs - marginMs : Math.max(1L, expiresMs / 2);
  }
}
