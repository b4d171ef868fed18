package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Response;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hot profile read: rendered views are kept per firm with the record version and the date they
 * were rendered for, and a read first asks Redis only for the version, region and liaison (HMGET of
 * three members). Because every write bumps the version in the same script, a cached view is served
 * only when it is exactly what a fresh render would give; otherwise the record is loaded and
 * rendered again. Correct with several nodes (each checks the version in Redis), bounded in size.
 */
public final class ProfileCache {
  private static final int MAX = 200_000;
  private static final ConcurrentHashMap<String, Entry> VIEWS = new ConcurrentHashMap<>();

  private record Entry(String version, LocalDate day, Buffer json) {}

  private final EnterpriseStore store;
  private final Store redis;
  private final ProfileView views = ProfileView.standard();

  public ProfileCache(Store redis, EnterpriseStore store) {
    this.redis = redis;
    this.store = store;
  }

  /** A firm as the access rules see it, from its hash's plain members. */
  private record Head(String uscc, String version, String region, String liaisonId) {}

  /**
   * The encoded profile view of {@code uscc} if the principal may read it, else null (unknown or
   * out of scope alike).
   */
  public Future<Buffer> read(String uscc, Principal principal) {
    return redis.api().hmget(List.of(StoredEnterprise.key(uscc), "v", "region", "liaisonId")).compose(r -> {
      Head head = new Head(uscc, str(r, 0), str(r, 1), str(r, 2));
      if (head.version() == null || !canRead(principal, head)) {
        return Future.succeededFuture(null);
      }
      LocalDate today = Clock.today();
      Entry e = VIEWS.get(uscc);
      if (e != null && e.version().equals(head.version()) && e.day().equals(today)) {
        return Future.succeededFuture(e.json());
      }
      return store.load(uscc).map(s -> {
        if (!EnterpriseAccess.canRead(principal, s)) {
          return null;
        }
        Buffer json = views.render(s, today).toBuffer();
        if (VIEWS.size() >= MAX) {
          VIEWS.clear(); // crude but bounded; the hot set refills within seconds
        }
        VIEWS.put(uscc, new Entry(String.valueOf(s.version()), today, json));
        return json;
      });
    });
  }

  private static boolean canRead(Principal p, Head h) {
    if (p.role() == null) {
      return false;
    }
    return switch (p.role()) {
      case GRID_ADMIN, SUPERVISOR -> p.scope().coversRegion(h.region());
      case LIAISON -> h.liaisonId() != null && h.liaisonId().equals(p.scope().liaisonId());
      case ENTERPRISE -> h.uscc().equals(p.scope().uscc());
      default -> false;
    };
  }

  private static String str(Response r, int i) {
    Response v = r == null ? null : r.get(i);
    return v == null ? null : v.toString();
  }
}
