package cn.enterprisegrid.policyindex.rule;

import static cn.enterprisegrid.policyindex.rule.Truth.FALSE;
import static cn.enterprisegrid.policyindex.rule.Truth.TRUE;
import static cn.enterprisegrid.policyindex.rule.Truth.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.policyindex.profile.CreditStatus;
import cn.enterprisegrid.policyindex.profile.Enterprise;
import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.profile.FinancialYear;
import cn.enterprisegrid.policyindex.profile.Profile;
import cn.enterprisegrid.policyindex.profile.ProfileDeriver;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KleeneTest {

  @ParameterizedTest(name = "{0} and {1} = {2}; {0} or {1} = {3}")
  @CsvSource({
      "TRUE,TRUE,TRUE,TRUE", "TRUE,FALSE,FALSE,TRUE", "TRUE,UNKNOWN,UNKNOWN,TRUE",
      "FALSE,TRUE,FALSE,TRUE", "FALSE,FALSE,FALSE,FALSE", "FALSE,UNKNOWN,FALSE,UNKNOWN",
      "UNKNOWN,TRUE,UNKNOWN,TRUE", "UNKNOWN,FALSE,FALSE,UNKNOWN", "UNKNOWN,UNKNOWN,UNKNOWN,UNKNOWN"})
  void truthTables(Truth a, Truth b, Truth and, Truth or) {
    assertThat(a.and(b)).isEqualTo(and);
    assertThat(a.or(b)).isEqualTo(or);
  }

  @Test
  void negation() {
    assertThat(TRUE.not()).isEqualTo(FALSE);
    assertThat(FALSE.not()).isEqualTo(TRUE);
    assertThat(UNKNOWN.not()).isEqualTo(UNKNOWN);
    assertThat(Verdict.of(UNKNOWN)).isEqualTo(Verdict.UNKNOWN);
    assertThat(Verdict.of(FALSE)).isEqualTo(Verdict.INELIGIBLE);
  }

  private static final Leaf T = Leaf.of(Field.EMPLOYEES, Op.GTE, 10);   // 50 employees
  private static final Leaf F = Leaf.of(Field.EMPLOYEES, Op.LT, 10);
  private static final Leaf U = Leaf.of(Field.REVENUE, Op.GTE, 10);     // revenue missing

  private static Profile profile() {
    Enterprise e = new Enterprise("U", null, "330824106", null, null, "6513", LocalDate.of(2020, 1, 1), null, 50,
        List.of(new FinancialYear(2024, null, 10.0, null, null)), Set.of("专精特新"), CreditStatus.NORMAL);
    return ProfileDeriver.standard().profile(e, LocalDate.of(2025, 1, 1));
  }

  @Test
  void evaluatorFollowsKleeneSemantics() {
    Profile p = profile();
    assertThat(ReferenceEvaluator.evaluate(T, p)).isEqualTo(TRUE);
    assertThat(ReferenceEvaluator.evaluate(F, p)).isEqualTo(FALSE);
    assertThat(ReferenceEvaluator.evaluate(U, p)).isEqualTo(UNKNOWN);
    assertThat(ReferenceEvaluator.evaluate(Rule.all(T, U), p)).isEqualTo(UNKNOWN);
    assertThat(ReferenceEvaluator.evaluate(Rule.all(F, U), p)).isEqualTo(FALSE);
    assertThat(ReferenceEvaluator.evaluate(Rule.any(T, U), p)).isEqualTo(TRUE);
    assertThat(ReferenceEvaluator.evaluate(Rule.any(F, U), p)).isEqualTo(UNKNOWN);
    assertThat(ReferenceEvaluator.evaluate(Rule.not(U), p)).isEqualTo(UNKNOWN);
    assertThat(ReferenceEvaluator.evaluate(Rule.not(Rule.any(F, F)), p)).isEqualTo(TRUE);
    // exists is never unknown
    assertThat(ReferenceEvaluator.evaluate(Leaf.exists(Field.REVENUE), p)).isEqualTo(FALSE);
    assertThat(ReferenceEvaluator.evaluate(Leaf.exists(Field.ASSETS), p)).isEqualTo(TRUE);
    assertThat(ReferenceEvaluator.evaluate(Rule.not(Leaf.exists(Field.REVENUE)), p)).isEqualTo(TRUE);
    // missing data is never a 0
    assertThat(ReferenceEvaluator.evaluate(Leaf.of(Field.REVENUE, Op.LTE, 100), p)).isEqualTo(UNKNOWN);
    assertThat(ReferenceEvaluator.verdict(Rule.all(T, U), p)).isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void leafOperators() {
    Profile p = profile();
    assertThat(ReferenceEvaluator.evaluate(Leaf.of(Field.REGION_CODE, Op.PREFIX, "3308", "11"), p)).isEqualTo(TRUE);
    assertThat(ReferenceEvaluator.evaluate(Leaf.of(Field.REGION_CODE, Op.PREFIX, "330825"), p)).isEqualTo(FALSE);
    assertThat(ReferenceEvaluator.evaluate(Leaf.of(Field.REGION_CODE, Op.EQ, "330824106"), p)).isEqualTo(TRUE);
    assertThat(ReferenceEvaluator.evaluate(Leaf.of(Field.INDUSTRY_CODE, Op.PREFIX, "I"), p)).isEqualTo(TRUE);
    assertThat(ReferenceEvaluator.evaluate(Leaf.of(Field.INDUSTRY_CODE, Op.PREFIX, "C"), p)).isEqualTo(FALSE);
    assertThat(ReferenceEvaluator.evaluate(Leaf.of(Field.INDUSTRY_CODE, Op.PREFIX, "651"), p)).isEqualTo(TRUE);
    assertThat(ReferenceEvaluator.evaluate(Leaf.of(Field.TAGS, Op.HAS_ALL, "专精特新", "高新技术企业"), p)).isEqualTo(FALSE);
    assertThat(ReferenceEvaluator.evaluate(Leaf.of(Field.TAGS, Op.HAS_ANY, "专精特新", "高新技术企业"), p)).isEqualTo(TRUE);
    assertThat(ReferenceEvaluator.evaluate(Leaf.of(Field.YEARS_SINCE_ESTABLISHED, Op.BETWEEN, 5, 5), p)).isEqualTo(TRUE);
    assertThat(ReferenceEvaluator.evaluate(Leaf.of(Field.EMPLOYEES, Op.IN, 49, 50), p)).isEqualTo(TRUE);
    assertThat(ReferenceEvaluator.evaluate(Leaf.of(Field.EMPLOYEES, Op.GT, 50), p)).isEqualTo(FALSE);
    assertThat(ReferenceEvaluator.evaluate(Leaf.of(Field.CREDIT_STATUS, Op.EQ, "NORMAL"), p)).isEqualTo(TRUE);
    assertThat(ReferenceEvaluator.evaluate(Leaf.of(Field.SIZE_CLASS, Op.EQ, "SMALL"), p)).isEqualTo(UNKNOWN);
    assertThat(ReferenceEvaluator.evaluate(Leaf.of(Field.STAT_TAGS, Op.HAS_ANY, "规上工业"), p)).isEqualTo(FALSE);
  }
}
