package cn.enterprisegrid.policy;

import cn.enterprisegrid.changes.Change;
import cn.enterprisegrid.changes.ChangeFeed;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps this node's {@link PolicyCatalog} current: loads every policy at start, then follows the
 * {@code changes} stream and reloads a policy whenever a {@code policy} event names it. Runs as a
 * worker verticle, since the catalog updates a Lucene index. Policies are few (thousands), so a
 * full load at start is cheaper and simpler than catching up from a commit point.
 */
public final class PolicyFeed extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyFeed.class);

  private final String redisUrl;
  private final PolicyCatalog catalog;
  private Store store;
  private PolicyStore policies;
  private ChangeFeed feed;

  public PolicyFeed(String redisUrl, PolicyCatalog catalog) {
    this.redisUrl = redisUrl;
    this.catalog = catalog;
  }

  @Override
  public Future<?> start() {
    store = Store.connect(vertx, redisUrl);
    policies = new PolicyStore(store);
    feed = new ChangeFeed(vertx, store.client(), 500, 1000);
    // the position is taken before loading, so a change made meanwhile is applied again, never missed
    return store.api().xrevrange(List.of(ChangeFeed.STREAM, "+", "-", "COUNT", "1"))
        .map(r -> r == null || r.size() == 0 ? "0-0" : r.get(0).get(0).toString())
        .compose(position -> policies.all().map(all -> {
          all.forEach(catalog::apply);
          catalog.refresh(position);
          LOG.info("policy catalog: {} published policies, following changes after {}", catalog.live().size(),
              position);
          feed.follow(position, this::apply);
          return null;
        }));
  }

  @Override
  public Future<?> stop() {
    feed.stop();
    return store.close();
  }

  private Future<Void> apply(List<Change> batch) {
    Set<String> ids = new LinkedHashSet<>();
    for (Change c : batch) {
      if ("policy".equals(c.kind()) && c.id() != null) {
        ids.add(c.id());
      }
    }
    if (ids.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<StoredPolicy>> loads = new ArrayList<>();
    ids.forEach(id -> loads.add(policies.get(id)));
    String last = batch.get(batch.size() - 1).streamId();
    return Future.all(loads).map(cf -> {
      for (int i = 0; i < ids.size(); i++) {
        StoredPolicy p = cf.resultAt(i);
        catalog.apply(p);
      }
      catalog.refresh(last);
      return null;
    });
  }
}
