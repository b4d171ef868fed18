package cn.enterprisegrid.policyindex.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReferenceDataTest {

  private final Divisions divisions = Divisions.standard();
  private final IndustryCodes industries = IndustryCodes.standard();

  @Test
  void divisionsNestByPrefixAcrossFiveLevels() {
    assertThat(divisions.name("330824")).contains("开化县");
    assertThat(divisions.level("33")).contains(DivisionLevel.PROVINCE);
    assertThat(divisions.level("3308")).contains(DivisionLevel.CITY);
    assertThat(divisions.level("330824")).contains(DivisionLevel.COUNTY);
    assertThat(divisions.level("330824106")).contains(DivisionLevel.TOWNSHIP);
    assertThat(divisions.level("330824106200")).contains(DivisionLevel.VILLAGE);
    assertThat(divisions.parent("330824106200")).contains("330824106");
    assertThat(divisions.parent("330824106")).contains("330824");
    assertThat(divisions.parent("330824")).contains("3308");
    assertThat(divisions.parent("3308")).contains("33");
    assertThat(divisions.parent("33")).isEmpty();
    assertThat(divisions.children("330824")).hasSize(14).allSatisfy(d -> assertThat(d.code()).startsWith("330824"));
    assertThat(divisions.provinces()).hasSize(31);
    assertThat(divisions.atLevel(DivisionLevel.COUNTY)).hasSize(2978);
    assertThat(divisions.atLevel(DivisionLevel.TOWNSHIP)).hasSize(41352);
    assertThat(divisions.atLevel(DivisionLevel.VILLAGE)).hasSize(25547);
    assertThat(divisions.exists("339999")).isFalse();
    assertThat(divisions.children("nope")).isEmpty();
  }

  @Test
  void plausibleRegionCodes() {
    assertThat(DivisionLevel.isPlausibleCode("330824106")).isTrue();
    assertThat(DivisionLevel.isPlausibleCode("3308241")).isFalse();
    assertThat(DivisionLevel.isPlausibleCode("33082410620x")).isFalse();
    assertThat(DivisionLevel.isPlausibleCode(null)).isFalse();
  }

  @Test
  void industryCodesHaveFourLevelsAndImpliedSingleClassGroups() {
    assertThat(industries.classes()).hasSize(1380);
    assertThat(industries.level("C")).contains(IndustryLevel.SECTION);
    assertThat(industries.level("65")).contains(IndustryLevel.DIVISION);
    assertThat(industries.level("651")).contains(IndustryLevel.GROUP);
    assertThat(industries.level("6513")).contains(IndustryLevel.CLASS);
    assertThat(industries.path("6513")).contains(new IndustryPath("I", "65", "651", "6513"));
    assertThat(industries.exists("3985")).isTrue(); // 2019 amendment
    // 5320 铁路货物运输 is the single class of group 532, which the standard does not list
    assertThat(industries.path("5320")).contains(new IndustryPath("G", "53", "532", "5320"));
    Optional<IndustryCode> g = industries.find("532");
    assertThat(g).isPresent();
    assertThat(g.get().implied()).isTrue();
    assertThat(g.get().level()).isEqualTo(IndustryLevel.GROUP);
    assertThat(g.get().name()).isEqualTo("铁路货物运输");
    assertThat(industries.find("531").orElseThrow().implied()).isFalse();
    assertThat(industries.path("65")).isEmpty();
    assertThat(industries.exists("1398")).isFalse();
    assertThat(industries.section("1398")).contains("C"); // unlisted class of a listed division
    assertThat(industries.section("9999")).isEmpty();
    assertThat(IndustryCodes.isPlausiblePrefix("C")).isTrue();
    assertThat(IndustryCodes.isPlausiblePrefix("Z")).isFalse();
    assertThat(IndustryCodes.isPlausiblePrefix("65131")).isFalse();
    assertThat(IndustryCodes.isPlausiblePrefix("6")).isFalse();
  }

  @Test
  void statTagsFollowTheThresholds() {
    assertThat(StatTags.derive("C", "3985", 2000.0)).contains(java.util.Set.of(StatTags.INDUSTRY_ABOVE_SIZE));
    assertThat(StatTags.derive("C", "3985", 1999.99)).contains(java.util.Set.of());
    assertThat(StatTags.derive("D", "4411", 2500.0)).contains(java.util.Set.of("规上工业"));
    assertThat(StatTags.derive("F", "5111", 2000.0)).contains(java.util.Set.of("限上批发"));
    assertThat(StatTags.derive("F", "5211", 500.0)).contains(java.util.Set.of("限上零售"));
    assertThat(StatTags.derive("F", "5211", 499.0)).contains(java.util.Set.of());
    assertThat(StatTags.derive("H", "6110", 200.0)).contains(java.util.Set.of("限上住宿餐饮"));
    assertThat(StatTags.derive("H", "6210", 200.0)).contains(java.util.Set.of("限上住宿餐饮"));
    assertThat(StatTags.derive("I", "6513", 99999.0)).contains(java.util.Set.of());
    assertThat(StatTags.derive("I", "6513", null)).contains(java.util.Set.of());
    assertThat(StatTags.derive("C", "3985", null)).isEmpty();
    assertThat(StatTags.derive(null, null, 5000.0)).isEmpty();
  }
}
