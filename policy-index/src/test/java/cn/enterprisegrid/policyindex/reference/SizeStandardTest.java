package cn.enterprisegrid.policyindex.reference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SizeStandardTest {

  private final SizeStandard std = SizeStandard.standard();

  // Worked examples of the README (industry, sector rows 2-3); 3985 is a manufacturing class.
  @Test
  void readmeExampleMediumFailsRevenueAndDropsToSmall() {
    assertThat(std.classify("3985", 500, 1000.0, null)).isEqualTo(SizeClass.SMALL);
  }

  @Test
  void readmeExampleMicroWhenBelowSmallOnOneIndicator() {
    assertThat(std.classify("3985", 10, 50000.0, null)).isEqualTo(SizeClass.MICRO);
  }

  @Test
  void readmeExampleLarge() {
    assertThat(std.classify("3985", 1200, 45000.0, null)).isEqualTo(SizeClass.LARGE);
  }

  @Test
  void lowerBoundsAreInclusive() {
    assertThat(std.classify("1311", 1000, 40000.0, null)).isEqualTo(SizeClass.LARGE);
    assertThat(std.classify("1311", 999, 40000.0, null)).isEqualTo(SizeClass.MEDIUM);
    assertThat(std.classify("1311", 300, 2000.0, null)).isEqualTo(SizeClass.MEDIUM);
    assertThat(std.classify("1311", 20, 300.0, null)).isEqualTo(SizeClass.SMALL);
    assertThat(std.classify("1311", 19, 300.0, null)).isEqualTo(SizeClass.MICRO);
    assertThat(std.classify("1311", 20, 299.99, null)).isEqualTo(SizeClass.MICRO);
  }

  @Test
  void sectorIsTheMostSpecificScope() {
    assertThat(std.sectorOf("3985").orElseThrow().name()).isEqualTo("industry");
    assertThat(std.sectorOf("0511").orElseThrow().name()).isEqualTo("agriculture");
    assertThat(std.sectorOf("4710").orElseThrow().name()).isEqualTo("construction");
    assertThat(std.sectorOf("5910").orElseThrow().name()).isEqualTo("transport"); // group 591
    assertThat(std.sectorOf("5920").orElseThrow().name()).isEqualTo("warehousing");
    assertThat(std.sectorOf("7010").orElseThrow().name()).isEqualTo("real_estate_development");
    assertThat(std.sectorOf("7020").orElseThrow().name()).isEqualTo("property_management");
    assertThat(std.sectorOf("7110").orElseThrow().name()).isEqualTo("leasing_business_services");
    assertThat(std.sectorOf("6513").orElseThrow().name()).isEqualTo("software_it_services");
    assertThat(std.sectorOf("6311").orElseThrow().name()).isEqualTo("information_transmission");
  }

  @Test
  void otherUnlistedFallbackUsesEmployeesOnly() {
    assertThat(std.sectorOf("7030").orElseThrow().name()).isEqualTo("other_unlisted");
    assertThat(std.sectorOf("7090").orElseThrow().name()).isEqualTo("other_unlisted");
    assertThat(std.sectorOf("7320").orElseThrow().name()).isEqualTo("other_unlisted"); // M
    assertThat(std.classify("7030", 300, null, null)).isEqualTo(SizeClass.LARGE);
    assertThat(std.classify("7320", 100, null, null)).isEqualTo(SizeClass.MEDIUM);
    assertThat(std.classify("8411", 10, null, null)).isEqualTo(SizeClass.SMALL); // Q
    assertThat(std.classify("8411", 9, null, null)).isEqualTo(SizeClass.MICRO);
  }

  @Test
  void railTransportIsNotSized() {
    assertThat(std.sectorOf("5311")).isEmpty();
    assertThat(std.classify("5320", 5000, 900000.0, 900000.0)).isEqualTo(SizeClass.UNCLASSIFIED);
    assertThat(std.sectorOf("5411")).isPresent();
  }

  @Test
  void missingIndicatorIsUnclassified() {
    assertThat(std.classify("3985", 500, null, null)).isEqualTo(SizeClass.UNCLASSIFIED);
    assertThat(std.classify("3985", null, 1000.0, null)).isEqualTo(SizeClass.UNCLASSIFIED);
    // construction uses revenue and assets
    assertThat(std.classify("4710", 5, 90000.0, null)).isEqualTo(SizeClass.UNCLASSIFIED);
    assertThat(std.classify("4710", null, 90000.0, 90000.0)).isEqualTo(SizeClass.LARGE);
    assertThat(std.classify(null, 5, 1.0, 1.0)).isEqualTo(SizeClass.UNCLASSIFIED);
    assertThat(std.classify("9999", 5, 1.0, 1.0)).isEqualTo(SizeClass.UNCLASSIFIED);
  }

  @Test
  void otherSectorsUseTheirIndicators() {
    // wholesale: employees 200/20/5, revenue 40000/5000/1000
    assertThat(std.classify("5111", 250, 45000.0, null)).isEqualTo(SizeClass.LARGE);
    assertThat(std.classify("5111", 250, 4999.0, null)).isEqualTo(SizeClass.SMALL);
    // real estate development: revenue 200000/1000/100, assets 10000/5000/2000
    assertThat(std.classify("7010", null, 1000.0, 5000.0)).isEqualTo(SizeClass.MEDIUM);
    assertThat(std.classify("7010", null, 1000.0, 1999.0)).isEqualTo(SizeClass.MICRO);
    assertThat(std.sectors()).hasSize(16);
  }
}
