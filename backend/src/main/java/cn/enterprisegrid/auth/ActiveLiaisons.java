package cn.enterprisegrid.auth;

import cn.enterprisegrid.grid.GridKeys;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a liaison is still active, as each request of its sessions asks: a deactivated liaison's
 * tokens (console and mini-program alike) stop working within {@link #FRESH_MS} on every node, and
 * it cannot log in again. Each node reads a liaison's flag at most once per {@link #FRESH_MS}; a
 * liaison with no record (an account made before its liaison) counts as active.
 */
final class ActiveLiaisons {
  static final long FRESH_MS = 2_000;

  private record Seen(boolean active, long at) {}

  private final Store store;
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();

  ActiveLiaisons(Store store) {
    this.store = store;
  }

  /** Whether the liaison is active, as this node read it at most {@link #FRESH_MS} ago. */
  Future<Boolean> active(String liaisonId) {
    Seen s = seen.get(liaisonId);
    if (s != null && System.currentTimeMillis() - s.at < FRESH_MS) {
      return Future.succeededFuture(s.active);
    }
    return activeNow(liaisonId);
  }

  /** Whether the liaison is active, read now (a login: rare, and must not pass on an old answer). */
  Future<Boolean> activeNow(String liaisonId) {
    long now = System.currentTimeMillis();
    if (seen.size() > 100_000) {
      seen.clear();   // bounded: a node serves far fewer liaisons than this
    }
    return store.api().hget(GridKeys.liaison(liaisonId), "active").map(r -> {
      boolean active = r == null || !"0".equals(r.toString());
      seen.put(liaisonId, new Seen(active, now));
      return active;
    });
  }
}
