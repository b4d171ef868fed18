package cn.enterprisegrid.policyindex.match;

import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.policyindex.profile.CreditStatus;
import cn.enterprisegrid.policyindex.profile.Enterprise;
import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.profile.FinancialYear;
import cn.enterprisegrid.policyindex.profile.Profile;
import cn.enterprisegrid.policyindex.profile.ProfileDeriver;
import cn.enterprisegrid.policyindex.rule.Op;
import cn.enterprisegrid.policyindex.rule.Rule;
import cn.enterprisegrid.policyindex.rule.Truth;
import cn.enterprisegrid.policyindex.rule.Verdict;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PolicyMatcherTest {

  static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);

  static Profile firm(CreditStatus credit, Set<String> tags, Double revenue) {
    Enterprise e = new Enterprise("91330824MA0000000X", "开化某科技", "330824106200", null, null, "3985",
        LocalDate.of(2024, 3, 1), 100.0, 80, List.of(new FinancialYear(2024, revenue, 2000.0, 120.0, 40.0)), tags, credit);
    return ProfileDeriver.standard().profile(e, AS_OF);
  }

  static Profile firm() {
    return firm(CreditStatus.NORMAL, Set.of("高新技术企业"), 3800.0);
  }

  static Rule rule(String json) {
    return Rule.parse(json);
  }

  private static NearMiss onlyNearMiss(PolicyMatcher m, Profile p) {
    Matches r = m.match(p);
    assertThat(r.matches()).isEmpty();
    assertThat(r.nearMisses()).hasSize(1);
    return r.nearMisses().get(0);
  }

  @Test
  void revenueGapIsQuantified() {
    PolicyMatcher m = new PolicyMatcher();
    m.put("p1", rule("{\"all\":[{\"field\":\"regionCode\",\"op\":\"prefix\",\"value\":[\"330824\"]},"
        + "{\"field\":\"revenue\",\"op\":\"gte\",\"value\":5000,\"clause\":\"第三条\"}]}"));
    Gap g = onlyNearMiss(m, firm()).gaps().get(0);
    assertThat(g.field()).isEqualTo(Field.REVENUE);
    assertThat(g.op()).isEqualTo(Op.GTE);
    assertThat(g.have().asDouble()).isEqualTo(3800);
    assertThat(g.need().asDouble()).isEqualTo(5000);
    assertThat(g.shortBy()).isEqualTo(1200);
    assertThat(g.message()).isEqualTo("revenue 1,200 short of 5,000");
    assertThat(g.clause()).isEqualTo("第三条");
    assertThat(g.pointer()).isEqualTo("/all/1");
  }

  @Test
  void missingTagIsNamed() {
    PolicyMatcher m = new PolicyMatcher();
    m.put("p1", rule("{\"field\":\"tags\",\"op\":\"hasAll\",\"value\":[\"高新技术企业\",\"专精特新\"]}"));
    Gap g = onlyNearMiss(m, firm()).gaps().get(0);
    assertThat(g.missing()).containsExactly("专精特新");
    assertThat(g.message()).isEqualTo("tag 专精特新 missing");
  }

  @Test
  void yearsSinceEstablishedGivesTheDate() {
    PolicyMatcher m = new PolicyMatcher();
    m.put("p1", rule("{\"field\":\"yearsSinceEstablished\",\"op\":\"gte\",\"value\":3}"));
    Gap g = onlyNearMiss(m, firm()).gaps().get(0);
    assertThat(g.eligibleFrom()).isEqualTo(LocalDate.of(2027, 3, 1));
    assertThat(g.shortBy()).isEqualTo(2);
    assertThat(g.message()).startsWith("eligible from 2027-03-01");
  }

  @Test
  void negatedLeafMustBecomeFalse() {
    PolicyMatcher m = new PolicyMatcher();
    m.put("p1", rule("{\"all\":[{\"field\":\"revenue\",\"op\":\"gte\",\"value\":1000},"
        + "{\"not\":{\"field\":\"creditStatus\",\"op\":\"eq\",\"value\":\"SERIOUS_DISHONESTY\"}}]}"));
    Gap g = onlyNearMiss(m, firm(CreditStatus.SERIOUS_DISHONESTY, Set.of(), 3800.0)).gaps().get(0);
    assertThat(g.negated()).isTrue();
    assertThat(g.pointer()).isEqualTo("/all/1/not");
    assertThat(g.message()).isEqualTo("creditStatus must not be SERIOUS_DISHONESTY (is SERIOUS_DISHONESTY)");
  }

  @Test
  void alternativesOfAnAnyAreAllReported() {
    PolicyMatcher m = new PolicyMatcher();
    m.put("p1", rule("{\"any\":[{\"field\":\"tags\",\"op\":\"hasAny\",\"value\":[\"专精特新\"]},"
        + "{\"field\":\"employees\",\"op\":\"lte\",\"value\":50}]}"));
    NearMiss nm = onlyNearMiss(m, firm());
    assertThat(nm.gaps()).extracting(Gap::pointer).containsExactly("/any/0", "/any/1");
    assertThat(nm.gaps().get(1).message()).isEqualTo("employees 30 over the limit of 50");
    assertThat(nm.gaps().get(0).message()).isEqualTo("needs one of tags 专精特新");
  }

  @Test
  void notANearMissWhenTwoThingsFailOrTheRegionIsWrongOrDataIsMissing() {
    PolicyMatcher m = new PolicyMatcher();
    m.put("two", rule("{\"all\":[{\"field\":\"revenue\",\"op\":\"gte\",\"value\":5000},"
        + "{\"field\":\"employees\",\"op\":\"gte\",\"value\":100}]}"));
    m.put("region", rule("{\"all\":[{\"field\":\"regionCode\",\"op\":\"prefix\",\"value\":[\"3301\"]},"
        + "{\"field\":\"revenue\",\"op\":\"gte\",\"value\":1000}]}"));
    m.put("unknown", rule("{\"all\":[{\"field\":\"revenueGrowth\",\"op\":\"gte\",\"value\":0.1},"
        + "{\"field\":\"revenue\",\"op\":\"gte\",\"value\":5000}]}"));
    Matches r = m.match(firm());
    assertThat(r.matches()).isEmpty();
    assertThat(r.nearMisses()).isEmpty();
  }

  @Test
  void eligibleAndUnknownMatchesAreExplained() {
    PolicyMatcher m = new PolicyMatcher();
    m.put("b-unknown", rule("{\"all\":[{\"field\":\"regionCode\",\"op\":\"prefix\",\"value\":[\"3308\"]},"
        + "{\"field\":\"revenueGrowth\",\"op\":\"gte\",\"value\":0.1,\"clause\":\"第四条\"}]}"));
    m.put("a-eligible", rule("{\"all\":[{\"field\":\"industryCode\",\"op\":\"prefix\",\"value\":[\"C\"]},"
        + "{\"field\":\"tags\",\"op\":\"hasAny\",\"value\":[\"高新技术企业\"]}]}"));
    Matches r = m.match(firm());
    assertThat(r.matches()).extracting(PolicyMatch::policyId).containsExactly("a-eligible", "b-unknown");
    PolicyMatch unknown = r.matches().get(1);
    assertThat(unknown.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(unknown.unknownLeaves()).singleElement().satisfies(e -> {
      assertThat(e.field()).isEqualTo(Field.REVENUE_GROWTH);
      assertThat(e.have()).isNull();
      assertThat(e.need().asDouble()).isEqualTo(0.1);
      assertThat(e.clause()).isEqualTo("第四条");
    });
    LeafExplanation region = unknown.explanation().get(0);
    assertThat(region.truth()).isEqualTo(Truth.TRUE);
    assertThat(region.have().asText()).isEqualTo("330824106200");
    assertThat(m.explain("a-eligible", firm()).orElseThrow()).extracting(LeafExplanation::truth)
        .containsExactly(Truth.TRUE, Truth.TRUE);
  }

  @Test
  void registerUpdateRemove() {
    PolicyMatcher m = new PolicyMatcher();
    Rule yes = rule("{\"field\":\"employees\",\"op\":\"gte\",\"value\":10}");
    Rule no = rule("{\"field\":\"employees\",\"op\":\"gte\",\"value\":1000}");
    m.put("p", yes);
    assertThat(m.verdict("p", firm())).isEqualTo(Verdict.ELIGIBLE);
    m.put("p", no);
    assertThat(m.size()).isEqualTo(1);
    assertThat(m.verdict("p", firm())).isEqualTo(Verdict.INELIGIBLE);
    assertThat(m.rule("p")).contains(no);
    assertThat(m.remove("p")).isTrue();
    assertThat(m.remove("p")).isFalse();
    assertThat(m.match(firm()).matches()).isEmpty();
  }

  @Test
  void firmWithoutRegionSeesRegionalPoliciesAsUnknown() {
    PolicyMatcher m = new PolicyMatcher();
    m.put("p", rule("{\"all\":[{\"field\":\"regionCode\",\"op\":\"prefix\",\"value\":[\"3308\"]}]}"));
    Enterprise e = new Enterprise("X", null, null, null, null, null, null, null, null, null, null, null);
    Profile p = ProfileDeriver.standard().profile(e, AS_OF);
    assertThat(m.match(p).matches()).singleElement().extracting(PolicyMatch::verdict).isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void concurrentUpdatesAndMatchesSeeConsistentSnapshots() throws Exception {
    PolicyMatcher m = new PolicyMatcher();
    Rule yes = rule("{\"all\":[{\"field\":\"regionCode\",\"op\":\"prefix\",\"value\":[\"33\"]},"
        + "{\"field\":\"employees\",\"op\":\"gte\",\"value\":10}]}");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicInteger reads = new AtomicInteger();
    AtomicInteger readsWithMatches = new AtomicInteger();
    // the writer keeps going until the reader has matched many times against a changing set, so
    // the test cannot pass with a reader that started after the writer was done
    Thread writer = new Thread(() -> {
      for (int i = 0; i < 2000 || readsWithMatches.get() < 200 && failure.get() == null; i++) {
        m.put("p" + (i % 50), yes);
        if (i % 7 == 0) {
          m.remove("p" + (i % 50));
        }
      }
      stop.set(true);
    });
    Thread reader = new Thread(() -> {
      try {
        Profile p = firm();
        while (!stop.get()) {
          List<PolicyMatch> matches = m.match(p).matches();
          for (PolicyMatch pm : matches) {
            assertThat(pm.verdict()).isEqualTo(Verdict.ELIGIBLE);
          }
          reads.incrementAndGet();
          if (!matches.isEmpty()) {
            readsWithMatches.incrementAndGet();
          }
        }
      } catch (Throwable t) {
        failure.set(t);
      }
    });
    writer.start();
    reader.start();
    writer.join();
    reader.join();
    assertThat(failure.get()).isNull();
    assertThat(readsWithMatches.get()).as("reads that saw policies while they changed (of %d)", reads.get())
        .isGreaterThanOrEqualTo(200);
    assertThat(m.match(firm()).matches()).hasSize(m.size());
  }
}
