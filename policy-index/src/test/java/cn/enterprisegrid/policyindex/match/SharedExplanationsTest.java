package cn.enterprisegrid.policyindex.match;

import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.policyindex.profile.Profile;
import cn.enterprisegrid.policyindex.profile.ProfileDeriver;
import cn.enterprisegrid.policyindex.rule.Rule;
import cn.enterprisegrid.policyindex.testing.SyntheticData;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Explanations and gaps are built once per firm and distinct leaf and shared between rules (and
 * between calls on one thread through a per-thread memo): every answer of a matcher holding many
 * rules that repeat leaves must equal the answer of a matcher holding that rule alone, and
 * interleaving firms must not leak one firm's values into another's answer.
 */
class SharedExplanationsTest {
  static final LocalDate AS_OF = LocalDate.of(2025, 2, 28);

  @Test
  void sharedExplanationsEqualThoseOfASingleRuleMatcher() {
    SyntheticData data = new SyntheticData(7L, AS_OF, 0.15);
    List<Profile> firms = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      firms.add(ProfileDeriver.standard().profile(data.enterprise(i), AS_OF));
    }
    Map<String, Rule> rules = new LinkedHashMap<>();
    for (int i = 0; i < 300; i++) {
      rules.put(String.format("P%04d", i), data.realisticRule());
    }
    for (int i = 0; i < 100; i++) {
      rules.put(String.format("R%04d", i), data.randomRule(3, firms));
    }
    PolicyMatcher all = new PolicyMatcher();
    all.putAll(rules);
    Map<String, PolicyMatcher> alone = new HashMap<>();
    rules.forEach((id, r) -> {
      PolicyMatcher m = new PolicyMatcher();
      m.put(id, r);
      alone.put(id, m);
    });
    int compared = 0;
    int sharedInstances = 0;
    for (Profile p : firms) {
      Matches m = all.match(p);
      for (PolicyMatch pm : m.matches()) {
        Matches single = alone.get(pm.policyId()).match(p);
        assertThat(single.matches()).containsExactly(pm);
        assertThat(all.explain(pm.policyId(), p)).contains(pm.explanation());
        compared++;
      }
      for (NearMiss nm : m.nearMisses()) {
        assertThat(alone.get(nm.policyId()).match(p).nearMisses()).containsExactly(nm);
        compared++;
      }
      sharedInstances += countShared(m);
    }
    assertThat(compared).isGreaterThan(5_000);
    assertThat(sharedInstances).as("realistic rules repeat leaves, so explanations are shared").isGreaterThan(1_000);
  }

  private static int countShared(Matches m) {
    java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    int shared = 0;
    for (PolicyMatch pm : m.matches()) {
      for (LeafExplanation e : pm.explanation()) {
        shared += seen.add(e) ? 0 : 1;
      }
    }
    return shared;
  }
}
