package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.changes.Change;
import cn.enterprisegrid.changes.ChangeFeed;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;

/**
 * Keeps a {@link ViewCache} in step with writes made anywhere (other nodes too) by following the
 * {@code changes} stream from its end: an {@code enterprise} change forgets that firm's view
 * (below the written version), a grid, assignment or liaison change forgets every view (those
 * operations move liaisons of firms they do not name one by one). While the feed is caught up the
 * cache is trusted, so hot reads skip Redis; when it falls behind or stops, readers go back to
 * checking versions in Redis, and the feed resumes where it stopped.
 */
public final class ViewInvalidator extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ViewInvalidator.class);
  /** Kinds of change that may alter firms' liaisons (and versions) without naming the firms. */
  private static final Set<String> BULK = Set.of("grid", "assignment", "liaison");
  private static final int BATCH = 1000;
  private static final long BLOCK_MS = 500;
  /** How long a caught-up feed keeps the cache trusted: a healthy feed reports every BLOCK_MS. */
  private static final long GRACE_MS = 2 * BLOCK_MS;

  private final String redisUrl;
  private final ViewCache cache;
  private Store store;
  private ChangeFeed feed;

  public ViewInvalidator(String redisUrl, ViewCache cache) {
    this.redisUrl = redisUrl;
    this.cache = cache;
  }

  @Override
  public Future<?> start() {
    store = Store.connect(vertx, redisUrl);
    feed = new ChangeFeed(vertx, store.client(), BATCH, BLOCK_MS).onCaughtUp(() -> cache.caughtUp(GRACE_MS));
    return store.api().xrevrange(List.of(ChangeFeed.STREAM, "+", "-", "COUNT", "1")).map(r -> {
      String from = r == null || r.size() == 0 ? "0" : r.get(0).get(0).toString();
      // views cached before this position may have missed changes made before it: start over
      cache.invalidateAll();
      feed.follow(from, this::apply);
      LOG.debug("profile views follow changes after {}", from);
      return null;
    });
  }

  private Future<Void> apply(List<Change> batch) {
    for (Change c : batch) {
      Long version = "enterprise".equals(c.kind()) ? version(c.payload()) : null;
      if (version != null && c.id() != null) {
        cache.written(c.id(), version);
      } else if (BULK.contains(c.kind()) || "enterprise".equals(c.kind())) {
        cache.invalidateAll();
      }
    }
    return Future.succeededFuture();
  }

  /** The version an enterprise change wrote, or null when its payload does not say. */
  private static Long version(String payload) {
    try {
      return new JsonObject(payload).getLong("version");
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override
  public Future<?> stop() {
    feed.stop();
    cache.feedStopped();
    return store.close();
  }
}
