package cn.enterprisegrid.policy;

import cn.enterprisegrid.audit.AuditKeys;
import cn.enterprisegrid.changes.Change;
import cn.enterprisegrid.changes.ChangeGroup;
import cn.enterprisegrid.config.ChinaTime;
import cn.enterprisegrid.enterprise.EnterpriseIndexer;
import cn.enterprisegrid.enterprise.EnterpriseKeys;
import cn.enterprisegrid.enterprise.EnterpriseStore;
import cn.enterprisegrid.enterprise.StoredEnterprise;
import cn.enterprisegrid.policyindex.index.EnterpriseIndex;
import cn.enterprisegrid.policyindex.profile.ProfileDeriver;
import cn.enterprisegrid.policyindex.rule.Verdict;
import cn.enterprisegrid.redemption.AutoGrants;
import cn.enterprisegrid.redemption.Redemptions;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Keeps match sets and auto-grants in step with the {@code changes} stream, once across nodes
 * (consumer group {@code policy-match}): a published or amended policy gets its match set computed
 * and, in AUTO_GRANT mode, its grants created; a changed profile is re-matched against the live
 * policies, and a firm that became eligible for an AUTO_GRANT policy is granted. Every step is
 * idempotent, so an entry handled again after a crash repeats nothing. A worker verticle: the match
 * set reads the Lucene enterprise index.
 */
public final class MatchWorker extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MatchWorker.class);
  /** How long a match set waits for the enterprise index to reach its publication. */
  private static final long INDEX_WAIT_MS = 120_000;

  private final String redisUrl;
  private final String nodeId;
  private final PolicyCatalog catalog;
  private final EnterpriseIndex index;
  private final Supplier<String> indexApplied;
  private final int autoGrantBatch;
  private Store store;
  private PolicyStore policies;
  private EnterpriseStore enterprises;
  private MatchSets matchSets;
  private AutoGrants autoGrants;
  private ChangeGroup group;

  public MatchWorker(String redisUrl, String nodeId, PolicyCatalog catalog, EnterpriseIndex index,
      Supplier<String> indexApplied, int autoGrantBatch) {
    this.redisUrl = redisUrl;
    this.nodeId = nodeId;
    this.catalog = catalog;
    this.index = index;
    this.indexApplied = indexApplied;
    this.autoGrantBatch = autoGrantBatch;
  }

  @Override
  public Future<?> start() {
    store = Store.connect(vertx, redisUrl);
    policies = new PolicyStore(store);
    enterprises = new EnterpriseStore(store);
    matchSets = new MatchSets(store, index);
    autoGrants = new AutoGrants(store, enterprises, new Redemptions(store), autoGrantBatch);
    group = new ChangeGroup(vertx, store.client(), "policy-match", nodeId, 500, 60_000);
    return group.consume(this::handle);
  }

  @Override
  public Future<?> stop() {
    group.stop();
    return store.close();
  }

  private Future<Void> handle(List<Change> batch) {
    Set<String> policyIds = new LinkedHashSet<>();
    Set<String> firms = new LinkedHashSet<>();
    String last = batch.get(batch.size() - 1).streamId();
    for (Change c : batch) {
      if ("policy".equals(c.kind()) && c.id() != null) {
        policyIds.add(c.id());
      } else if ("enterprise".equals(c.kind()) && c.id() != null) {
        firms.add(c.id());
      }
    }
    // policies first: a set computed from an index that already holds a later profile change is
    // simply confirmed by the re-match that follows
    Future<Void> done = Future.succeededFuture();
    for (String id : policyIds) {
      done = done.compose(v -> publication(id, last));
    }
    return firms.isEmpty() ? done : done.compose(v -> rematch(new ArrayList<>(firms)));
  }

  private Future<Void> publication(String id, String position) {
    return policies.get(id).compose(p -> {
      if (!p.exists() || p.status() != PolicyStatus.PUBLISHED) {
        return Future.succeededFuture();
      }
      PolicySpec spec = p.published();
      boolean matched = String.valueOf(p.version()).equals(p.fields().get("matchedVersion"));
      Future<Boolean> set = matched ? Future.succeededFuture(true)
          : indexReaches(position, System.currentTimeMillis()).compose(v -> {
            long t0 = System.nanoTime();
            return matchSets.compute(spec, catalog.exclusionsOf(spec)).map(r -> {
              LOG.info("match set {} v{}: {} eligible, {} unknown in {} ms{}", id, spec.version(), r.eligible(),
                  r.unknown(), (System.nanoTime() - t0) / 1_000_000, r.installed() ? "" : " (superseded)");
              return r.installed();
            });
          });
      return set.compose(installed -> {
        boolean granted = String.valueOf(p.version()).equals(p.fields().get("grantedVersion"));
        if (!installed || granted || spec.mode() != Mode.AUTO_GRANT || !spec.openOn(ChinaTime.today())) {
          return Future.succeededFuture();
        }
        return autoGrants.grantAll(spec, catalog.exclusionsOf(spec)).compose(o -> {
          LOG.info("auto-grant {} v{}: {} granted, {} skipped{}", id, spec.version(), o.granted(), o.skipped(),
              o.poolExhausted() ? ", pool exhausted" : "");
          return store.api().hset(List.of(PolicyKeys.policy(id), "grantedVersion", String.valueOf(spec.version())))
              .mapEmpty();
        });
      });
    });
  }

  /** Waits (polling) until the enterprise index has applied the changes up to {@code position}. */
  private Future<Void> indexReaches(String position, long since) {
    String applied = indexApplied.get();
    if (applied != null && EnterpriseIndexer.atOrAfter(applied, position)) {
      return Future.succeededFuture();
    }
    if (System.currentTimeMillis() - since > INDEX_WAIT_MS) {
      LOG.warn("enterprise index still behind {} after {} ms; computing the match set anyway", position, INDEX_WAIT_MS);
      return Future.succeededFuture();
    }
    Promise<Void> later = Promise.promise();
    vertx.setTimer(50, t -> indexReaches(position, since).onComplete(later));
    return later.future();
  }

  private Future<Void> rematch(List<String> usccs) {
    List<PolicySpec> live = new ArrayList<>(catalog.live());
    if (live.isEmpty()) {
      return Future.succeededFuture();
    }
    // the live policies in one order: their pairs in ARGV, their keys in KEYS (lua/rematch.lua)
    JsonArray versions = new JsonArray();
    List<String> policyKeys = new ArrayList<>();
    live.forEach(s -> {
      versions.add(new JsonArray().add(s.id()).add(s.version()));
      policyKeys.addAll(List.of(PolicyKeys.policy(s.id()), PolicyKeys.matchSet(s.id(), "eligible"),
          PolicyKeys.matchSet(s.id(), "unknown")));
    });
    LocalDate today = ChinaTime.today();
    ProfileDeriver deriver = ProfileDeriver.standard();
    return enterprises.loadAll(usccs).compose(list -> {
      List<Future<List<String>>> results = new ArrayList<>();
      for (StoredEnterprise s : list) {
        JsonObject verdicts = new JsonObject();
        if (s.exists()) {
          catalog.matcher().verdicts(deriver.profile(s.enterprise(), today),
              (policyId, verdict) -> verdicts.put(policyId, verdict == Verdict.ELIGIBLE ? "E" : "U"));
        }
        List<String> keys = new ArrayList<>(policyKeys.size() + 2);
        keys.add(EnterpriseKeys.matches(s.uscc()));
        keys.addAll(policyKeys);
        keys.addAll(AuditKeys.changesOnly());
        results.add(store.script("rematch", keys, List.of(s.uscc(), verdicts.encode(), versions.encode()))
            .map(r -> r.list().stream().map(Object::toString).toList()));
      }
      return Future.all(results).compose(cf -> {
        Future<Void> grants = Future.succeededFuture();
        for (int i = 0; i < list.size(); i++) {
          String uscc = list.get(i).uscc();
          for (String pid : cf.<List<String>>resultAt(i)) {
            PolicySpec spec = catalog.spec(pid).orElse(null);
            if (spec != null && spec.mode() == Mode.AUTO_GRANT && spec.openOn(today)) {
              grants = grants.compose(v -> autoGrants.grant(spec, catalog.exclusionsOf(spec), List.of(uscc)).mapEmpty());
            }
          }
        }
        return grants;
      });
    });
  }


}
