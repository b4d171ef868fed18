package cn.enterprisegrid.policy;

import cn.enterprisegrid.audit.AuditKeys;
import cn.enterprisegrid.config.ChinaTime;
import cn.enterprisegrid.enterprise.EnterpriseKeys;
import cn.enterprisegrid.policyindex.index.EnterpriseIndex;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Computes and stores the match set of a published policy version: the ELIGIBLE and UNKNOWN firms
 * from this node's enterprise index, written to Redis in chunks beside the live sets and then
 * swapped in by one script that also appends {@code policy.matched}. Blocking (Lucene): call it
 * from a worker.
 */
public final class MatchSets {
  private static final int CHUNK = 5000;

  private final Store store;
  private final EnterpriseIndex index;

  public MatchSets(Store store, EnterpriseIndex index) {
    this.store = store;
    this.index = index;
  }

  /** Counts of a stored match set; {@code installed} is false when a newer version superseded it. */
  public record Result(boolean installed, int eligible, int unknown) {}

  /**
   * Computes the set of {@code spec} and installs it unless the policy moved on meanwhile.
   * {@code exclusions} (both directions) go with the set, so that the notification fan-out does not
   * tell a firm about a policy it cannot stack with one it holds.
   */
  public Future<Result> compute(PolicySpec spec, Collection<String> exclusions) {
    List<String> eligible = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    index.refresh();
    index.forEachEligible(spec.rule(), ChinaTime.today(), eligible::add);
    index.forEachUnknown(spec.rule(), ChinaTime.today(), unknown::add);
    String id = spec.id();
    String nextE = PolicyKeys.nextMatchSet(id, "eligible");
    String nextU = PolicyKeys.nextMatchSet(id, "unknown");
    JsonObject payload = new JsonObject().put("version", spec.version()).put("title", spec.title())
        .put("department", spec.department()).put("mode", spec.mode().name())
        .put("closesOn", spec.closesOn().toString())
        .put("exclusions", new JsonArray(new ArrayList<>(exclusions)));
    return store.api().del(List.of(nextE, nextU))
        .compose(v -> write(nextE, eligible, 0))
        .compose(v -> write(nextU, unknown, 0))
        .compose(v -> firms(spec.id(), "E", eligible, 0))
        .compose(v -> firms(spec.id(), "U", unknown, 0))
        .compose(v -> store.script("match_set", AuditKeys.with(List.of(PolicyKeys.policy(id),
                PolicyKeys.matchSet(id, "eligible"), PolicyKeys.matchSet(id, "unknown"), nextE, nextU),
                AuditKeys.changesOnly()),
            List.of(spec.id(), String.valueOf(spec.version()), Instant.now().toString(), payload.encode())))
        .map(r -> new Result(Boolean.parseBoolean(r.body()), eligible.size(), unknown.size()));
  }

  private Future<Void> write(String key, List<String> members, int from) {
    if (from >= members.size()) {
      return Future.succeededFuture();
    }
    int to = Math.min(members.size(), from + CHUNK);
    List<String> args = new ArrayList<>(to - from + 1);
    args.add(key);
    args.addAll(members.subList(from, to));
    return store.api().sadd(args).compose(r -> write(key, members, to));
  }

  private Future<Void> firms(String policyId, String verdict, List<String> members, int from) {
    if (from >= members.size()) {
      return Future.succeededFuture();
    }
    int to = Math.min(members.size(), from + CHUNK);
    List<String> keys = members.subList(from, to).stream().map(EnterpriseKeys::matches).toList();
    return store.script("match_firms", keys, List.of(policyId, verdict)).compose(r -> firms(policyId, verdict, members, to));
  }
}
