package cn.enterprisegrid.redemption;

import cn.enterprisegrid.config.ChinaTime;
import cn.enterprisegrid.enterprise.EnterpriseStore;
import cn.enterprisegrid.enterprise.StoredEnterprise;
import cn.enterprisegrid.policy.PolicyKeys;
import cn.enterprisegrid.policy.PolicySpec;
import cn.enterprisegrid.policyindex.match.PolicyMatcher;
import cn.enterprisegrid.policyindex.profile.Profile;
import cn.enterprisegrid.policyindex.profile.ProfileDeriver;
import cn.enterprisegrid.policyindex.rule.Verdict;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * 免申即享: grants a policy's benefit to eligible firms without an application, in batches. Each
 * grant is the same atomic script as a one-tap application, so a batch that is run again (after a
 * crash, or by another node) skips the firms already granted and never pays twice; eligibility
 * and the amount are re-checked on each firm's current profile.
 */
public final class AutoGrants {
  private static final Logger LOG = LoggerFactory.getLogger(AutoGrants.class);

  private final Store store;
  private final EnterpriseStore enterprises;
  private final Redemptions redemptions;
  private final int batchSize;

  public AutoGrants(Store store, EnterpriseStore enterprises, Redemptions redemptions, int batchSize) {
    this.store = store;
    this.enterprises = enterprises;
    this.redemptions = redemptions;
    this.batchSize = Math.max(1, batchSize);
  }

  /** What a run did. */
  public record Outcome(int granted, int skipped, boolean poolExhausted) {}

  /** Grants to every firm of the policy's live eligible set. */
  public Future<Outcome> grantAll(PolicySpec spec, Set<String> exclusions) {
    return store.api().smembers(PolicyKeys.matchSet(spec.id(), "eligible")).compose(r -> {
      List<String> usccs = new ArrayList<>();
      r.forEach(m -> usccs.add(m.toString()));
      usccs.sort(null);
      return grant(spec, single(spec), exclusions, usccs, 0, new int[2]);
    });
  }

  /** Grants to the given firms (e.g. newly eligible after a profile change). */
  public Future<Outcome> grant(PolicySpec spec, Set<String> exclusions, List<String> usccs) {
    return grant(spec, single(spec), exclusions, usccs, 0, new int[2]);
  }

  /** The policy's rule compiled once for a run (eligibility is re-checked on each firm's current profile). */
  private static PolicyMatcher single(PolicySpec spec) {
    PolicyMatcher one = new PolicyMatcher();
    one.put(spec.id(), spec.rule());
    return one;
  }

  private Future<Outcome> grant(PolicySpec spec, PolicyMatcher one, Set<String> exclusions, List<String> usccs,
      int from, int[] counts) {
    LocalDate today = ChinaTime.today();
    if (from >= usccs.size() || !spec.openOn(today)) {
      return Future.succeededFuture(new Outcome(counts[0], counts[1], false));
    }
    List<String> batch = usccs.subList(from, Math.min(usccs.size(), from + batchSize));
    ProfileDeriver deriver = ProfileDeriver.standard();
    return enterprises.loadAll(batch).compose(firms -> {
      List<Future<Redemptions.Answer>> answers = new ArrayList<>();
      for (StoredEnterprise s : firms) {
        if (!s.exists()) {
          counts[1]++;
          continue;
        }
        Profile profile = deriver.profile(s.enterprise(), today);
        OptionalDouble amount = spec.benefit().amountFor(profile);
        if (one.verdict(spec.id(), profile) != Verdict.ELIGIBLE || amount.isEmpty() || amount.getAsDouble() <= 0) {
          counts[1]++;
          continue;
        }
        answers.add(redemptions.apply(new Redemptions.Request(spec.id(), spec.version(), s.uscc(),
            s.enterprise().name(), Money.fen(amount.getAsDouble()), new JsonObject(), List.copyOf(exclusions),
            "system:auto-grant", null, null, true), today));
      }
      return Future.all(answers).map(cf -> {
        boolean exhausted = false;
        for (int i = 0; i < answers.size(); i++) {
          Redemptions.Answer a = cf.resultAt(i);
          if (a.refusal() == null) {
            counts[0]++;
          } else {
            counts[1]++;
            exhausted |= a.poolExhausted();
          }
        }
        return exhausted;
      });
    }).compose(exhausted -> {
      if (exhausted) {
        LOG.warn("auto-grant {} v{}: the fund pool is exhausted after {} grants", spec.id(), spec.version(), counts[0]);
        return Future.succeededFuture(new Outcome(counts[0], counts[1], true));
      }
      return grant(spec, one, exclusions, usccs, from + batch.size(), counts);
    });
  }
}
