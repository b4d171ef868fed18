package cn.enterprisegrid.policyindex;

import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.policyindex.index.Bucket;
import cn.enterprisegrid.policyindex.index.Counts;
import cn.enterprisegrid.policyindex.index.EnterpriseIndex;
import cn.enterprisegrid.policyindex.index.Simulation;
import cn.enterprisegrid.policyindex.match.Gap;
import cn.enterprisegrid.policyindex.match.Matches;
import cn.enterprisegrid.policyindex.match.NearMiss;
import cn.enterprisegrid.policyindex.match.PolicyMatch;
import cn.enterprisegrid.policyindex.match.PolicyMatcher;
import cn.enterprisegrid.policyindex.profile.CreditStatus;
import cn.enterprisegrid.policyindex.profile.Enterprise;
import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.profile.FinancialYear;
import cn.enterprisegrid.policyindex.profile.Profile;
import cn.enterprisegrid.policyindex.profile.ProfileDeriver;
import cn.enterprisegrid.policyindex.rule.All;
import cn.enterprisegrid.policyindex.rule.Any;
import cn.enterprisegrid.policyindex.rule.Benefit;
import cn.enterprisegrid.policyindex.rule.Leaf;
import cn.enterprisegrid.policyindex.rule.Not;
import cn.enterprisegrid.policyindex.rule.ReferenceEvaluator;
import cn.enterprisegrid.policyindex.rule.Rule;
import cn.enterprisegrid.policyindex.rule.Truth;
import cn.enterprisegrid.policyindex.rule.Verdict;
import cn.enterprisegrid.policyindex.testing.SyntheticData;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of random profiles × random rules: ReferenceEvaluator, PolicyMatcher and
 * EnterpriseIndex (TRUE and UNKNOWN sets) must agree on every pair.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DifferentialTest {

  static final LocalDate AS_OF = LocalDate.of(2025, 2, 28);
  static final int FIRMS = 3000;
  static final int RANDOM_RULES = 400;
  static final int REALISTIC_RULES = 100;

  @TempDir
  Path dir;

  List<Profile> profiles;
  Map<String, Rule> rules;
  Map<String, Profile> byUscc;

  @BeforeAll
  void generate() {
    SyntheticData data = new SyntheticData(20250228L, AS_OF, 0.15);
    ProfileDeriver deriver = ProfileDeriver.standard();
    profiles = new ArrayList<>();
    for (int i = 0; i < FIRMS; i++) {
      profiles.add(deriver.profile(data.enterprise(i), AS_OF));
    }
    profiles.addAll(edgeCases(deriver));
    byUscc = new HashMap<>();
    profiles.forEach(p -> byUscc.put(p.uscc(), p));
    rules = new LinkedHashMap<>();
    for (int i = 0; i < RANDOM_RULES; i++) {
      rules.put(String.format("R%04d", i), data.randomRule(3, profiles));
    }
    for (int i = 0; i < REALISTIC_RULES; i++) {
      rules.put(String.format("P%04d", i), data.realisticRule());
    }
  }

  private static List<Profile> edgeCases(ProfileDeriver d) {
    List<Enterprise> e = new ArrayList<>();
    e.add(new Enterprise("EDGE-EMPTY", null, null, null, null, null, null, null, null, null, null, null));
    e.add(new Enterprise("EDGE-RAIL", null, "330824106200", null, null, "5320", LocalDate.of(2024, 2, 29), 0.0, 0,
        List.of(new FinancialYear(2023, 0.0, 0.0, 0.0, 0.0), new FinancialYear(2024, 0.0, -0.0, 0.0, 0.0)), Set.of(),
        CreditStatus.SERIOUS_DISHONESTY));
    e.add(new Enterprise("EDGE-UNKNOWN-INDUSTRY", null, "330824", null, null, "9999", AS_OF, 1.0, 1,
        List.of(new FinancialYear(2024, 2000.0, null, null, null)), Set.of("专精特新"), CreditStatus.NORMAL));
    e.add(new Enterprise("EDGE-UNLISTED-CLASS", null, "110101001", null, null, "1398", AS_OF.plusDays(1), 1.0, 1000,
        List.of(new FinancialYear(2024, 40000.0, 1.0, 400.0, 1.0)), Set.of("高新技术企业"), CreditStatus.NORMAL));
    e.add(new Enterprise("EDGE-FUTURE", null, "330106001", null, null, "6513", AS_OF.plusYears(3), 1.0, 10,
        List.of(new FinancialYear(2021, 10.0, null, null, null), new FinancialYear(2022, 20.0, null, 1.0, null)), Set.of(),
        CreditStatus.NORMAL));
    List<Profile> out = new ArrayList<>();
    e.forEach(x -> out.add(d.profile(x, AS_OF)));
    return out;
  }

  private Map<String, Set<String>[]> referenceSets() {
    Map<String, Set<String>[]> out = new HashMap<>();
    rules.forEach((id, r) -> {
      @SuppressWarnings({"unchecked", "rawtypes"})
      Set<String>[] sets = new Set[] {new TreeSet<String>(), new TreeSet<String>()};
      for (Profile p : profiles) {
        Verdict v = ReferenceEvaluator.verdict(r, p);
        if (v != Verdict.INELIGIBLE) {
          sets[v == Verdict.ELIGIBLE ? 0 : 1].add(p.uscc());
        }
      }
      out.put(id, sets);
    });
    return out;
  }

  @Test
  void verdictsAreMixed() {
    long eligible = 0;
    long unknown = 0;
    long total = 0;
    for (Set<String>[] s : referenceSets().values()) {
      eligible += s[0].size();
      unknown += s[1].size();
      total += profiles.size();
    }
    // the generator must exercise all three answers
    assertThat(eligible).isGreaterThan(total / 50);
    assertThat(unknown).isGreaterThan(total / 50);
    assertThat(eligible + unknown).isLessThan(total * 9 / 10);
  }

  @Test
  void policyMatcherAgreesWithReferenceOnEveryPair() {
    PolicyMatcher matcher = new PolicyMatcher();
    matcher.putAll(rules);
    PolicyMatcher flat = PolicyMatcher.withoutPrefilter();
    flat.putAll(rules);
    long pairs = 0;
    for (Profile p : profiles) {
      Map<String, Verdict> got = new HashMap<>();
      matcher.verdicts(p, (id, v) -> assertThat(got.put(id, v)).as("reported twice " + id).isNull());
      Map<String, Verdict> gotFlat = new HashMap<>();
      flat.verdicts(p, gotFlat::put);
      for (Map.Entry<String, Rule> e : rules.entrySet()) {
        Verdict expected = ReferenceEvaluator.verdict(e.getValue(), p);
        Verdict actual = got.getOrDefault(e.getKey(), Verdict.INELIGIBLE);
        if (actual != expected || gotFlat.getOrDefault(e.getKey(), Verdict.INELIGIBLE) != expected) {
          throw new AssertionError("matcher " + actual + " vs reference " + expected + " for rule " + e.getKey() + " "
              + e.getValue().toJson() + " and firm " + p.enterprise().toJson());
        }
        pairs++;
      }
    }
    assertThat(pairs).isEqualTo((long) profiles.size() * rules.size());
  }

  @Test
  void matchResultsAndNearMissesAgreeWithBruteForce() {
    PolicyMatcher matcher = new PolicyMatcher();
    matcher.putAll(rules);
    int nearMisses = 0;
    for (int i = 0; i < profiles.size(); i += 3) {
      Profile p = profiles.get(i);
      Matches m = matcher.match(p);
      Map<String, PolicyMatch> matched = new HashMap<>();
      m.matches().forEach(x -> matched.put(x.policyId(), x));
      Map<String, NearMiss> misses = new HashMap<>();
      m.nearMisses().forEach(x -> misses.put(x.policyId(), x));
      for (Map.Entry<String, Rule> e : rules.entrySet()) {
        Rule r = e.getValue();
        Verdict expected = ReferenceEvaluator.verdict(r, p);
        PolicyMatch pm = matched.get(e.getKey());
        if (expected == Verdict.INELIGIBLE) {
          assertThat(pm).isNull();
          Set<String> flips = bruteForceFlips(r, p);
          NearMiss nm = misses.get(e.getKey());
          Set<String> got = nm == null ? Set.of() : new HashSet<>(nm.gaps().stream().map(Gap::pointer).toList());
          assertThat(got).as("near-miss leaves of %s for %s", r.toJson(), p.uscc()).isEqualTo(flips);
          if (nm != null) {
            nearMisses++;
            assertThat(nm.gaps()).allSatisfy(g -> assertThat(g.message()).isNotBlank());
          }
        } else {
          assertThat(pm).as("%s for %s", e.getKey(), p.uscc()).isNotNull();
          assertThat(pm.verdict()).isEqualTo(expected);
          List<Leaf> leaves = r.leaves();
          assertThat(pm.explanation()).hasSize(leaves.size());
          for (int k = 0; k < leaves.size(); k++) {
            assertThat(pm.explanation().get(k).truth()).isEqualTo(ReferenceEvaluator.leaf(leaves.get(k), p));
          }
          assertThat(misses).doesNotContainKey(e.getKey());
        }
      }
    }
    assertThat(nearMisses).isGreaterThan(100);
  }

  /** Pointers of the leaves whose single flip makes the rule TRUE (regionCode, industryCode and UNKNOWN leaves excluded). */
  private static Set<String> bruteForceFlips(Rule r, Profile p) {
    List<Leaf> leaves = r.leaves();
    List<String> pointers = r.leafPointers();
    Set<String> out = new HashSet<>();
    for (int i = 0; i < leaves.size(); i++) {
      Truth t = ReferenceEvaluator.leaf(leaves.get(i), p);
      if (t == Truth.UNKNOWN || leaves.get(i).field() == Field.REGION_CODE || leaves.get(i).field() == Field.INDUSTRY_CODE) {
        continue;
      }
      if (evalWithFlip(r, p, i, new int[] {0}) == Truth.TRUE) {
        out.add(pointers.get(i));
      }
    }
    return out;
  }

  private static Truth evalWithFlip(Rule r, Profile p, int flip, int[] counter) {
    if (r instanceof All a) {
      Truth t = Truth.TRUE;
      for (Rule c : a.children()) {
        t = t.and(evalWithFlip(c, p, flip, counter));
      }
      return t;
    }
    if (r instanceof Any a) {
      Truth t = Truth.FALSE;
      for (Rule c : a.children()) {
        t = t.or(evalWithFlip(c, p, flip, counter));
      }
      return t;
    }
    if (r instanceof Not n) {
      return evalWithFlip(n.child(), p, flip, counter).not();
    }
    Truth t = ReferenceEvaluator.leaf((Leaf) r, p);
    return counter[0]++ == flip ? t.not() : t;
  }

  @Test
  void enterpriseIndexTrueAndUnknownSetsAgreeWithReference() {
    Map<String, Set<String>[]> expected = referenceSets();
    try (EnterpriseIndex index = EnterpriseIndex.open(dir.resolve("firms"))) {
      index.rebuild(profiles, "diff-1");
      assertThat(index.size()).isEqualTo(profiles.size());
      for (Map.Entry<String, Rule> e : rules.entrySet()) {
        Set<String> t = new TreeSet<>();
        Set<String> u = new TreeSet<>();
        index.forEachEligible(e.getValue(), AS_OF, t::add);
        index.forEachUnknown(e.getValue(), AS_OF, u::add);
        Set<String>[] want = expected.get(e.getKey());
        if (!t.equals(want[0]) || !u.equals(want[1])) {
          throw new AssertionError(diff(e.getKey(), e.getValue(), want, t, u));
        }
        Counts c = index.count(e.getValue(), AS_OF);
        assertThat(c).isEqualTo(new Counts(want[0].size(), want[1].size()));
      }
    }
  }

  private String diff(String id, Rule r, Set<String>[] want, Set<String> t, Set<String> u) {
    StringBuilder b = new StringBuilder("index disagrees on rule " + id + " " + r.toJson() + "\n");
    for (String s : symmetricDiff(want[0], t)) {
      b.append(" TRUE set differs on ").append(byUscc.get(s).enterprise().toJson()).append(" ").append(byUscc.get(s).derived()).append('\n');
    }
    for (String s : symmetricDiff(want[1], u)) {
      b.append(" UNKNOWN set differs on ").append(byUscc.get(s).enterprise().toJson()).append(" ").append(byUscc.get(s).derived()).append('\n');
    }
    return b.toString();
  }

  private static List<String> symmetricDiff(Set<String> a, Set<String> b) {
    List<String> out = new ArrayList<>();
    a.stream().filter(x -> !b.contains(x)).limit(3).forEach(out::add);
    b.stream().filter(x -> !a.contains(x)).limit(3).forEach(out::add);
    return out;
  }

  @Test
  void simulationAgreesWithReference() {
    List<Benefit> benefits = List.of(
        Benefit.parse("{\"kind\":\"FIXED\",\"amount\":10}"),
        Benefit.parse("{\"kind\":\"PERCENT\",\"of\":\"rdExpense\",\"rate\":0.1,\"cap\":20}"),
        Benefit.parse("{\"kind\":\"TIERS\",\"of\":\"revenue\",\"tiers\":[{\"min\":500,\"amount\":5},{\"min\":2000,\"amount\":20}]}"),
        Benefit.parse("{\"kind\":\"PERCENT\",\"of\":\"employees\",\"rate\":0.5}"));
    try (EnterpriseIndex index = EnterpriseIndex.open(dir.resolve("sim"))) {
      index.rebuild(profiles, "sim-1");
      int k = 0;
      for (Map.Entry<String, Rule> e : rules.entrySet()) {
        if (k++ % 5 != 0) {
          continue;
        }
        Benefit b = benefits.get(k % benefits.size());
        double pool = 100;
        Simulation s = index.simulate(e.getValue(), b, pool, AS_OF);
        long eligible = 0;
        long unknown = 0;
        double total = 0;
        double unknownTotal = 0;
        long paid = 0;
        long noFigure = 0;
        List<Double> amounts = new ArrayList<>();
        Map<String, long[]> townships = new HashMap<>();
        Map<String, long[]> sizes = new HashMap<>();
        for (Profile p : profiles) {
          Verdict v = ReferenceEvaluator.verdict(e.getValue(), p);
          if (v == Verdict.INELIGIBLE) {
            continue;
          }
          int slot = v == Verdict.ELIGIBLE ? 0 : 1;
          if (p.derived().townshipCode() != null) {
            townships.computeIfAbsent(p.derived().townshipCode(), x -> new long[2])[slot]++;
          }
          if (p.derived().sizeClass() != null) {
            sizes.computeIfAbsent(p.derived().sizeClass().name(), x -> new long[2])[slot]++;
          }
          OptionalDouble a = b.amountFor(p);
          if (v == Verdict.ELIGIBLE) {
            eligible++;
            if (a.isPresent()) {
              total += a.getAsDouble();
              paid++;
              amounts.add(a.getAsDouble());
            } else {
              noFigure++;
            }
          } else {
            unknown++;
            unknownTotal += a.orElse(0);
          }
        }
        assertThat(s.eligible()).isEqualTo(eligible);
        assertThat(s.unknown()).isEqualTo(unknown);
        assertThat(s.payout().total()).isCloseTo(total, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(s.payout().unknownUpperBound()).isCloseTo(unknownTotal, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(s.payout().firmsPaid()).isEqualTo(paid);
        assertThat(s.payout().firmsWithoutFigure()).isEqualTo(noFigure);
        amounts.sort(null);
        double left = pool;
        long best = 0;
        for (double a : amounts) {
          if (a > left) {
            break;
          }
          left -= a;
          best++;
        }
        assertThat(s.payout().coveredBestCase()).isEqualTo(total > pool ? best : paid);
        assertThat(s.payout().coveredWorstCase()).isLessThanOrEqualTo(s.payout().coveredBestCase());
        Map<String, long[]> gotTownships = new HashMap<>();
        for (Bucket bucket : s.byTownship()) {
          gotTownships.put(bucket.key(), new long[] {bucket.eligible(), bucket.unknown()});
        }
        assertThat(gotTownships.keySet()).isEqualTo(townships.keySet());
        townships.forEach((key, v) -> assertThat(gotTownships.get(key)).containsExactly(v));
        Map<String, long[]> gotSizes = new HashMap<>();
        s.bySize().forEach(bucket -> gotSizes.put(bucket.key(), new long[] {bucket.eligible(), bucket.unknown()}));
        assertThat(gotSizes.keySet()).isEqualTo(sizes.keySet());
        sizes.forEach((key, v) -> assertThat(gotSizes.get(key)).containsExactly(v));
      }
    }
  }
}
