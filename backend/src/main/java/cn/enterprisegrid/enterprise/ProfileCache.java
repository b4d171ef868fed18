package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.config.ChinaTime;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Response;

import java.time.LocalDate;
import java.util.List;

/**
 * The hot profile read of one HTTP verticle, over the process's {@link ViewCache}. While the cache
 * is trusted (its change feed is caught up) a cached view is answered without any Redis round trip:
 * the access rules run on the region and liaison cached with it. Otherwise a read first asks Redis
 * for the version, region and liaison (HMGET of three members) and answers the cached view only if
 * it was rendered from that version. A miss loads the record (HGETALL), renders and caches it.
 * Views are rendered for a date (derived figures such as years since establishment are today's),
 * so a view of yesterday is rendered again. Malformed codes are refused before Redis is asked (a
 * cached view is of a valid code, so a hit skips the check-character arithmetic).
 */
public final class ProfileCache {
  private final ViewCache cache;
  private final EnterpriseStore store;
  private final Store redis;
  private final ProfileView views = ProfileView.standard();

  public ProfileCache(ViewCache cache, Store redis, EnterpriseStore store) {
    this.cache = cache;
    this.redis = redis;
    this.store = store;
  }

  /**
   * The encoded profile view of {@code uscc} if the principal may read it, else null (unknown or
   * out of scope alike).
   */
  public Future<Buffer> read(String uscc, Principal principal) {
    LocalDate today = ChinaTime.today();
    long epoch = cache.epoch();
    if (cache.trusted()) {
      ViewCache.Entry e = cache.get(uscc);
      if (e != null && e.isView() && e.day().equals(today)) {
        boolean may = EnterpriseAccess.canRead(principal, uscc, e.region(), e.liaisonId());
        return Future.succeededFuture(may ? e.json() : null);
      }
      return load(uscc, principal, today, epoch);
    }
    if (!Uscc.isValid(uscc)) {
      return Future.succeededFuture(null);
    }
    return redis.api().hmget(List.of(EnterpriseKeys.firm(uscc), "v", "region", "liaisonId")).compose(r -> {
      String version = str(r, 0);
      if (version == null || !EnterpriseAccess.canRead(principal, uscc, str(r, 1), str(r, 2))) {
        return Future.succeededFuture(null);
      }
      ViewCache.Entry e = cache.get(uscc);
      if (e != null && e.isView() && String.valueOf(e.version()).equals(version) && e.day().equals(today)) {
        return Future.succeededFuture(e.json());
      }
      return load(uscc, principal, today, epoch);
    });
  }

  private Future<Buffer> load(String uscc, Principal principal, LocalDate today, long epoch) {
    if (!Uscc.isValid(uscc)) {
      return Future.succeededFuture(null);
    }
    return store.load(uscc).map(s -> {
      if (!s.exists()) {
        return null;
      }
      Buffer json = views.render(s, today).toBuffer();
      cache.put(uscc, new ViewCache.Entry(s.version(), s.regionCode(), s.liaisonId(), today, json), epoch);
      return EnterpriseAccess.canRead(principal, s) ? json : null;
    });
  }

  private static String str(Response r, int i) {
    Response v = r == null ? null : r.get(i);
    return v == null ? null : v.toString();
  }
}
