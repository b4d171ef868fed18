package cn.enterprisegrid.policy;

import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.ProblemException;
import io.vertx.core.Future;

/**
 * The published version of a policy as a request should see it: this node's catalog, or Redis when
 * the catalog has not caught up yet (the few milliseconds after a publication).
 */
public final class PublishedPolicies {
  private final PolicyCatalog catalog;
  private final PolicyStore store;

  public PublishedPolicies(PolicyCatalog catalog, PolicyStore store) {
    this.catalog = catalog;
    this.store = store;
  }

  public PolicyCatalog catalog() {
    return catalog;
  }

  /** The catalog's version, else Redis's; 404 when the policy is not published. */
  public Future<PolicySpec> get(String id) {
    return catalog.spec(id).map(Future::succeededFuture).orElseGet(() -> fromRedis(id));
  }

  /** The version in Redis, ignoring this node's catalog (after the catalog proved stale). */
  public Future<PolicySpec> fromRedis(String id) {
    return store.get(id).compose(p -> p.exists() && p.published() != null ? Future.succeededFuture(p.published())
        : Future.failedFuture(ProblemException.notFound(Text.of("policy.no-published", id))));
  }
}
