package cn.enterprisegrid.policyindex.index;

import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.policyindex.profile.CreditStatus;
import cn.enterprisegrid.policyindex.profile.Enterprise;
import cn.enterprisegrid.policyindex.profile.FinancialYear;
import cn.enterprisegrid.policyindex.profile.Profile;
import cn.enterprisegrid.policyindex.profile.ProfileDeriver;
import cn.enterprisegrid.policyindex.rule.Benefit;
import cn.enterprisegrid.policyindex.rule.Rule;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnterpriseIndexTest {

  static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);
  static final Clock CLOCK = Clock.fixed(AS_OF.atStartOfDay().toInstant(ZoneOffset.ofHours(8)), ZoneOffset.ofHours(8));

  @TempDir
  Path dir;

  static Profile firm(String uscc, String region, Double revenue, Integer employees) {
    Enterprise e = new Enterprise(uscc, null, region, null, null, "3985", LocalDate.of(2020, 1, 1), null, employees,
        revenue == null ? null : List.of(new FinancialYear(2024, revenue, null, null, null)), Set.of(), CreditStatus.NORMAL);
    return ProfileDeriver.standard().profile(e, AS_OF);
  }

  static final Rule KAIHUA_BIG = Rule.parse("{\"all\":[{\"field\":\"regionCode\",\"op\":\"prefix\",\"value\":[\"330824\"]},"
      + "{\"field\":\"revenue\",\"op\":\"gte\",\"value\":2000}]}");

  @Test
  void restartKeepsLastChangeIdAndCommittedDocuments() {
    Path p = dir.resolve("firms");
    try (EnterpriseIndex index = EnterpriseIndex.open(p, CLOCK)) {
      assertThat(index.lastChangeId()).isEmpty();
      index.upsert(firm("A", "330824106", 3000.0, 50));
      index.commit("1700000000000-0");
      index.upsert(firm("B", "330824106", 3000.0, 50)); // never committed
      assertThat(index.lastChangeId()).contains("1700000000000-0");
    }
    try (EnterpriseIndex index = EnterpriseIndex.open(p, CLOCK)) {
      assertThat(index.lastChangeId()).contains("1700000000000-0");
      assertThat(index.size()).isEqualTo(1);
      index.upsert(firm("B", "330824106", 3000.0, 50));
      index.commit("1700000000001-0");
    }
    try (EnterpriseIndex index = EnterpriseIndex.open(p, CLOCK)) {
      assertThat(index.lastChangeId()).contains("1700000000001-0");
      assertThat(index.count(KAIHUA_BIG)).isEqualTo(new Counts(2, 0));
    }
  }

  @Test
  void anIndexOfAnotherLayoutIsRecreatedEmptySoTheCallerRebuildsIt() throws Exception {
    Path p = dir.resolve("old");
    try (LuceneStore old = new LuceneStore(p, new org.apache.lucene.analysis.core.KeywordAnalyzer(), 16, null, "enterprise-1")) {
      org.apache.lucene.document.Document d = new org.apache.lucene.document.Document();
      d.add(new org.apache.lucene.document.KeywordField("uscc", "A", org.apache.lucene.document.Field.Store.YES));
      old.writer().addDocument(d);
      old.commit("42-0");
    }
    try (EnterpriseIndex index = EnterpriseIndex.open(p, CLOCK)) {
      assertThat(index.lastChangeId()).isEmpty();
      assertThat(index.size()).isZero();
      index.upsert(firm("A", "330824106", 3000.0, 50));
      index.commit("43-0");
    }
    try (EnterpriseIndex index = EnterpriseIndex.open(p, CLOCK)) {
      assertThat(index.lastChangeId()).contains("43-0");
      assertThat(index.size()).isEqualTo(1);
    }
  }

  @Test
  void upsertReplacesDeleteRemovesAfterRefresh() {
    try (EnterpriseIndex index = EnterpriseIndex.open(dir.resolve("x"), CLOCK)) {
      index.upsert(firm("A", "330824106", 3000.0, 50));
      index.upsert(firm("B", "330824106", null, 50));
      index.upsert(firm("C", "330106001", 3000.0, 50));
      assertThat(index.size()).isZero(); // not visible before refresh
      index.refresh();
      assertThat(index.count(KAIHUA_BIG)).isEqualTo(new Counts(1, 1));
      index.upsert(firm("A", "330824106", 1000.0, 50));
      index.delete("B");
      index.refresh();
      assertThat(index.size()).isEqualTo(2);
      assertThat(index.count(KAIHUA_BIG)).isEqualTo(new Counts(0, 0));
    }
  }

  @Test
  void pagesAndStreamsIdsInOrder() {
    try (EnterpriseIndex index = EnterpriseIndex.open(dir.resolve("p"), CLOCK)) {
      List<Profile> firms = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        firms.add(firm(String.format("F%03d", i), "330824106", i % 5 == 0 ? null : 2500.0, 10));
      }
      index.rebuild(firms, "r1");
      List<String> all = new ArrayList<>();
      String after = null;
      do {
        IdPage page = index.eligible(KAIHUA_BIG, AS_OF, after, 7);
        all.addAll(page.ids());
        after = page.next();
      } while (after != null);
      assertThat(all).hasSize(20).isSorted().doesNotContain("F000", "F005");
      IdPage unknown = index.unknown(KAIHUA_BIG, AS_OF, null, 100);
      assertThat(unknown.ids()).containsExactly("F000", "F005", "F010", "F015", "F020");
      assertThat(unknown.next()).isNull();
      List<String> streamed = new ArrayList<>();
      index.forEachUnknown(KAIHUA_BIG, AS_OF, streamed::add);
      assertThat(streamed).containsExactlyInAnyOrderElementsOf(unknown.ids());
      assertThat(index.lastChangeId()).contains("r1");
      index.rebuild(firms.subList(0, 3), "r2");
      assertThat(index.size()).isEqualTo(3);
      assertThat(index.sizeOnDisk()).isPositive();
    }
  }

  @Test
  void yearsSinceEstablishedUsesTheClockByDefault() {
    Rule fiveYears = Rule.parse("{\"field\":\"yearsSinceEstablished\",\"op\":\"gte\",\"value\":5}");
    try (EnterpriseIndex index = EnterpriseIndex.open(dir.resolve("y"), CLOCK)) {
      index.rebuild(List.of(firm("A", "330824106", 1.0, 1)), "r");
      assertThat(index.count(fiveYears).eligible()).isEqualTo(1); // 2020-01-01 .. 2025-06-30
      assertThat(index.count(fiveYears, LocalDate.of(2024, 12, 31)).eligible()).isZero();
    }
  }

  @Test
  void simulationBreaksDownAndEstimatesThePayout() {
    try (EnterpriseIndex index = EnterpriseIndex.open(dir.resolve("s"), CLOCK)) {
      index.rebuild(List.of(
          firm("A", "330824106200", 2500.0, 50),
          firm("B", "330824106", 6000.0, 400),
          firm("C", "330824115", 9000.0, 50),
          firm("D", "330824115", null, 50),
          firm("E", "330106001", 9000.0, 50)), "r");
      Benefit tiers = Benefit.parse("{\"kind\":\"TIERS\",\"of\":\"revenue\",\"tiers\":[{\"min\":2000,\"amount\":10},{\"min\":5000,\"amount\":30}]}");
      Simulation s = index.simulate(KAIHUA_BIG, tiers, 45.0);
      assertThat(s.eligible()).isEqualTo(3);
      assertThat(s.unknown()).isEqualTo(1);
      assertThat(s.byTownship()).containsExactly(
          new Bucket("330824106", "桐村镇", 2, 0), new Bucket("330824115", "华埠镇", 1, 1));
      assertThat(s.bySection()).containsExactly(new Bucket("C", "制造业", 3, 1));
      assertThat(s.bySize()).extracting(Bucket::key).containsExactly("SMALL", "MEDIUM");
      Payout p = s.payout();
      assertThat(p.total()).isEqualTo(70.0);
      assertThat(p.firmsPaid()).isEqualTo(3);
      assertThat(p.shortfall()).isEqualTo(25.0);
      assertThat(p.coveredBestCase()).isEqualTo(2);  // 10 + 30
      assertThat(p.coveredWorstCase()).isEqualTo(1); // 30, then 30 > 15 left
      Simulation noBenefit = index.simulate(KAIHUA_BIG, null, null);
      assertThat(noBenefit.payout()).isNull();
    }
  }
}
