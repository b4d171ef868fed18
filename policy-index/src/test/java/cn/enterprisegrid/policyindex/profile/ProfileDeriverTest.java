package cn.enterprisegrid.policyindex.profile;

import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.policyindex.reference.SizeClass;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProfileDeriverTest {

  private final ProfileDeriver deriver = ProfileDeriver.standard();
  private static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);

  private static Enterprise firm(String region, String industry, LocalDate est, Integer employees, List<FinancialYear> fin,
      Set<String> tags) {
    return new Enterprise("U1", "n", region, null, null, industry, est, 100.0, employees, fin, tags, CreditStatus.NORMAL);
  }

  @Test
  void derivesCodesSizeTagsAndRatios() throws Exception {
    Enterprise e = Enterprise.parse(EnterpriseJsonTest.FULL);
    Derived d = deriver.derive(e, AS_OF);
    assertThat(d.countyCode()).isEqualTo("330824");
    assertThat(d.townshipCode()).isEqualTo("330824106");
    assertThat(d.industrySection()).isEqualTo("C");
    assertThat(d.industryDivision()).isEqualTo("39");
    assertThat(d.industryGroup()).isEqualTo("398");
    assertThat(d.sizeClass()).isEqualTo(SizeClass.SMALL); // 120 employees < 300 for medium
    assertThat(d.statTags()).containsExactly("规上工业");
    assertThat(d.yearsSinceEstablished()).isEqualTo(6);
    assertThat(d.rdRatio()).isEqualTo(310 / 6200.5);
    assertThat(d.revenueGrowth()).isEqualTo((6200.5 - 5000) / 5000);
    assertThat(d.latest().year()).isEqualTo(2024);
  }

  @Test
  void missingDataStaysMissing() {
    Enterprise e = firm(null, null, null, null, null, null);
    Profile p = deriver.profile(e, AS_OF);
    for (Field f : Field.values()) {
      if (f != Field.REGISTERED_CAPITAL && f != Field.CREDIT_STATUS) {
        assertThat(p.has(f)).as(f.jsonName()).isFalse();
        assertThat(p.value(f)).as(f.jsonName()).isEmpty();
      }
    }
    assertThat(p.value(Field.REGISTERED_CAPITAL)).contains(100.0);
    assertThat(p.codePath(Field.REGION_CODE)).isEmpty();
  }

  @Test
  void sizeNeedsItsIndicatorsButRailIsPresentAsUnclassified() {
    FinancialYear y = new FinancialYear(2024, 1000.0, null, null, null);
    assertThat(deriver.derive(firm("330824106", "3985", null, 500, List.of(y), null), AS_OF).sizeClass())
        .isEqualTo(SizeClass.SMALL);
    assertThat(deriver.derive(firm("330824106", "3985", null, null, List.of(y), null), AS_OF).sizeClass()).isNull();
    Profile rail = deriver.profile(firm("330824106", "5320", null, 500, List.of(y), null), AS_OF);
    assertThat(rail.derived().sizeClass()).isEqualTo(SizeClass.UNCLASSIFIED);
    assertThat(rail.value(Field.SIZE_CLASS)).contains("UNCLASSIFIED");
  }

  @Test
  void statTagsUnknownWithoutRevenueButEmptyForOtherIndustries() {
    assertThat(deriver.derive(firm("330824106", "3985", null, 5, List.of(), null), AS_OF).statTags()).isNull();
    assertThat(deriver.derive(firm("330824106", "6513", null, 5, List.of(), null), AS_OF).statTags()).isEmpty();
  }

  @Test
  void yearsSinceEstablishedCountsCompletedYears() {
    assertThat(Years.completed(LocalDate.of(2020, 6, 30), AS_OF)).isEqualTo(5);
    assertThat(Years.completed(LocalDate.of(2020, 7, 1), AS_OF)).isEqualTo(4);
    assertThat(Years.completed(LocalDate.of(2024, 2, 29), LocalDate.of(2025, 2, 28))).isZero();
    assertThat(Years.completed(LocalDate.of(2024, 2, 29), LocalDate.of(2025, 3, 1))).isEqualTo(1);
    assertThat(Years.reachedOn(LocalDate.of(2024, 2, 29), 1)).isEqualTo(LocalDate.of(2025, 3, 1));
    assertThat(Years.reachedOn(LocalDate.of(2024, 2, 29), 4)).isEqualTo(LocalDate.of(2028, 2, 29));
    assertThat(Years.reachedOn(LocalDate.of(2024, 3, 1), 3)).isEqualTo(LocalDate.of(2027, 3, 1));
    // latestEstablishedFor is the exact boundary: completed >= n <=> established <= boundary
    LocalDate at = LocalDate.of(2025, 2, 28);
    for (int n = 0; n < 6; n++) {
      LocalDate b = Years.latestEstablishedFor(n, at);
      assertThat(Years.completed(b, at)).isGreaterThanOrEqualTo(n);
      assertThat(Years.completed(b.plusDays(1), at)).isLessThan(n);
    }
  }

  @Test
  void growthNeedsConsecutiveYearsAndRatioNeedsPositiveRevenue() {
    List<FinancialYear> gap = List.of(new FinancialYear(2021, 100.0, null, null, null),
        new FinancialYear(2024, 200.0, null, 0.0, null));
    Derived d = deriver.derive(firm("330824106", "6513", null, 5, gap, null), AS_OF);
    assertThat(d.revenueGrowth()).isNull();
    assertThat(d.rdRatio()).isEqualTo(0.0);
    List<FinancialYear> zero = List.of(new FinancialYear(2024, 0.0, null, 5.0, null));
    assertThat(deriver.derive(firm("330824106", "6513", null, 5, zero, null), AS_OF).rdRatio()).isNull();
  }
}
