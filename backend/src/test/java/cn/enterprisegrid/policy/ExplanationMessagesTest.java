package cn.enterprisegrid.policy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.policyindex.match.Gap;
import cn.enterprisegrid.policyindex.match.LeafExplanation;
import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.rule.Op;
import cn.enterprisegrid.policyindex.rule.Truth;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

/** The exact Chinese sentence of every kind of leaf and gap, for every op kind and unit. */
class ExplanationMessagesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ExplanationMessages M = ExplanationMessages.standard();

  private static JsonNode j(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String leaf(Field f, Op op, Truth t, String have, String need) {
    return M.leaf(new LeafExplanation("/all/0", f, op, t, have == null ? null : j(have), need == null ? null : j(need),
        null));
  }

  private static String gap(Field f, Op op, boolean negated, String have, String need, Double shortBy) {
    return gap(f, op, negated, have, need, shortBy, null, null);
  }

  private static String gap(Field f, Op op, boolean negated, String have, String need, Double shortBy,
      LocalDate from, List<String> missing) {
    return M.gap(new Gap("/all/0", f, op, negated, have == null ? null : j(have), need == null ? null : j(need),
        shortBy, from, missing, "english", null));
  }

  @Test
  void labelsComeFromTheDictionary() {
    assertThat(M.label(Field.REVENUE)).isEqualTo("上年度营业收入");
    assertThat(M.label(Field.RD_RATIO)).isEqualTo("研发投入占比");
    for (Field f : Field.values()) {
      assertThat(M.label(f)).as(f.jsonName()).isNotEqualTo(f.jsonName()).matches(".*\\p{IsHan}.*");
    }
  }

  @Test
  void numericLeavesInTheirUnits() {
    assertThat(leaf(Field.REVENUE, Op.GTE, Truth.TRUE, "5300", "5000"))
        .isEqualTo("上年度营业收入5,300万元，满足不低于5,000万元");
    assertThat(leaf(Field.REVENUE, Op.GTE, Truth.FALSE, "3800.5", "5000"))
        .isEqualTo("上年度营业收入3,800.5万元，不满足不低于5,000万元");
    assertThat(leaf(Field.EMPLOYEES, Op.GT, Truth.TRUE, "120", "100")).isEqualTo("从业人数120人，满足高于100人");
    assertThat(leaf(Field.EMPLOYEES, Op.LTE, Truth.FALSE, "1200", "1000"))
        .isEqualTo("从业人数1,200人，不满足不超过1,000人");
    assertThat(leaf(Field.ASSETS, Op.LT, Truth.TRUE, "12000", "40000"))
        .isEqualTo("上年度资产总额12,000万元，满足低于40,000万元");
    assertThat(leaf(Field.EMPLOYEES, Op.BETWEEN, Truth.TRUE, "30", "[5,100]")).isEqualTo("从业人数30人，满足在5人至100人之间");
    assertThat(leaf(Field.YEARS_SINCE_ESTABLISHED, Op.EQ, Truth.FALSE, "3", "2")).isEqualTo("成立年限3年，不满足为2年");
    assertThat(leaf(Field.EMPLOYEES, Op.IN, Truth.TRUE, "10", "[10,20]")).isEqualTo("从业人数10人，满足为10人、20人之一");
    assertThat(leaf(Field.RD_RATIO, Op.GTE, Truth.TRUE, "0.0425", "0.03")).isEqualTo("研发投入占比4.25%，满足不低于3%");
    assertThat(leaf(Field.REVENUE_GROWTH, Op.GT, Truth.FALSE, "0.07", "0.1")).isEqualTo("营业收入增长率7%，不满足高于10%");
    assertThat(leaf(Field.TAX_PAID, Op.GTE, Truth.TRUE, "1234567.125", "100"))
        .isEqualTo("上年度纳税额1,234,567.125万元，满足不低于100万元");
  }

  @Test
  void codesEnumsAndTagsByTheirNames() {
    assertThat(leaf(Field.REGION_CODE, Op.PREFIX, Truth.TRUE, "\"330824115\"", "[\"330824\"]"))
        .isEqualTo("所在地区为华埠镇，满足属于开化县");
    assertThat(leaf(Field.INDUSTRY_CODE, Op.PREFIX, Truth.FALSE, "\"5211\"", "[\"C\",\"65\"]"))
        .isEqualTo("所属行业为百货零售，不满足属于制造业、软件和信息技术服务业之一");
    assertThat(leaf(Field.SIZE_CLASS, Op.IN, Truth.FALSE, "\"MEDIUM\"", "[\"SMALL\",\"MICRO\"]"))
        .isEqualTo("企业规模为中型，不满足为小型、微型之一");
    assertThat(leaf(Field.CREDIT_STATUS, Op.EQ, Truth.FALSE, "\"NORMAL\"", "\"SERIOUS_DISHONESTY\""))
        .isEqualTo("信用状况为正常，不满足为严重失信");
    assertThat(leaf(Field.TAGS, Op.HAS_ANY, Truth.TRUE, "[\"专精特新\",\"高新技术企业\"]", "[\"专精特新\",\"专精特新小巨人\"]"))
        .isEqualTo("资质为专精特新、高新技术企业，满足具备专精特新、专精特新小巨人之一");
    assertThat(leaf(Field.TAGS, Op.HAS_ALL, Truth.FALSE, "[]", "[\"高新技术企业\"]"))
        .isEqualTo("资质为无，不满足具备高新技术企业");
  }

  @Test
  void unknownAndExistsLeavesAskForTheData() {
    assertThat(leaf(Field.RD_RATIO, Op.GTE, Truth.UNKNOWN, null, "0.03")).isEqualTo("缺少资料：研发投入占比，请补充");
    assertThat(leaf(Field.TAX_PAID, Op.EXISTS, Truth.FALSE, null, null)).isEqualTo("缺少资料：上年度纳税额，请补充");
    assertThat(leaf(Field.TAX_PAID, Op.EXISTS, Truth.TRUE, "180", null)).isEqualTo("已填报上年度纳税额");
  }

  @Test
  void numericGapsSayHowFarInTheFieldsUnit() {
    assertThat(gap(Field.REVENUE, Op.GTE, false, "3800", "5000", 1200.0)).isEqualTo("上年度营业收入还差1,200万元");
    assertThat(gap(Field.EMPLOYEES, Op.GT, false, "90", "100", 11.0)).isEqualTo("从业人数还差11人");
    assertThat(gap(Field.REVENUE, Op.GT, false, "4000", "5000", 1000.0))
        .isEqualTo("上年度营业收入须高于5,000万元（现为4,000万元）");
    assertThat(gap(Field.EMPLOYEES, Op.LTE, false, "1200", "1000", 200.0))
        .isEqualTo("从业人数超出上限200人（须不超过1,000人）");
    assertThat(gap(Field.EMPLOYEES, Op.LT, false, "100", "100", 1.0)).isEqualTo("从业人数超出上限1人（须不超过99人）");
    assertThat(gap(Field.ASSETS, Op.LT, false, "50000", "40000", 10000.0))
        .isEqualTo("上年度资产总额须低于40,000万元（现为50,000万元）");
    assertThat(gap(Field.RD_RATIO, Op.GTE, false, "0.025", "0.03", 0.005)).isEqualTo("研发投入占比还差0.5个百分点");
    assertThat(gap(Field.YEARS_SINCE_ESTABLISHED, Op.GTE, false, "1", "3", 2.0, LocalDate.of(2027, 3, 1), null))
        .isEqualTo("成立年限还差2年（2027年3月1日起满足）");
    assertThat(gap(Field.YEARS_SINCE_ESTABLISHED, Op.LTE, false, "7", "5", 2.0))
        .isEqualTo("成立年限超出上限2年（须不超过5年）");
  }

  @Test
  void negatedAndRangeGaps() {
    // not(employees >= 100): employees must fall below 100
    assertThat(gap(Field.EMPLOYEES, Op.GTE, true, "120", "100", 21.0)).isEqualTo("从业人数超出上限21人（须不超过99人）");
    // not(revenue <= 500): revenue must exceed 500, a strict bound on a decimal
    assertThat(gap(Field.REVENUE, Op.LTE, true, "400", "500", 100.0))
        .isEqualTo("上年度营业收入须高于500万元（现为400万元）");
    assertThat(gap(Field.EMPLOYEES, Op.BETWEEN, false, "3", "[5,100]", 2.0)).isEqualTo("从业人数还差2人");
    assertThat(gap(Field.EMPLOYEES, Op.BETWEEN, false, "130", "[5,100]", 30.0))
        .isEqualTo("从业人数超出上限30人（须不超过100人）");
    assertThat(gap(Field.EMPLOYEES, Op.BETWEEN, true, "50", "[5,100]", 46.0))
        .isEqualTo("从业人数须不在5人至100人之间（现为50人）");
    assertThat(gap(Field.EMPLOYEES, Op.EQ, false, "50", "100", null)).isEqualTo("从业人数须为100人（现为50人）");
    assertThat(gap(Field.EMPLOYEES, Op.IN, false, "50", "[10,20]", null)).isEqualTo("从业人数须为以下之一：10人、20人（现为50人）");
    assertThat(gap(Field.REVENUE_GROWTH, Op.EQ, true, "0.1", "0.1", null)).isEqualTo("营业收入增长率不得为10%（现为10%）");
  }

  @Test
  void tagCodeEnumAndExistsGaps() {
    assertThat(gap(Field.TAGS, Op.HAS_ANY, false, "[]", "[\"科技型中小企业\"]", null, null, List.of("科技型中小企业")))
        .isEqualTo("需具备以下资质之一：科技型中小企业");
    assertThat(gap(Field.TAGS, Op.HAS_ALL, false, "[\"专精特新\"]", "[\"专精特新\",\"高新技术企业\"]", null, null,
        List.of("高新技术企业"))).isEqualTo("缺少资质：高新技术企业");
    assertThat(gap(Field.STAT_TAGS, Op.HAS_ANY, true, "[\"规上工业\"]", "[\"规上工业\",\"限上批发\"]", null))
        .isEqualTo("不得具备统计类别：规上工业");
    assertThat(gap(Field.TAGS, Op.HAS_ALL, true, "[\"A\",\"B\"]", "[\"A\",\"B\"]", null)).isEqualTo("不得同时具备资质：A、B");
    assertThat(gap(Field.INDUSTRY_CODE, Op.PREFIX, false, "\"5211\"", "[\"C\"]", null))
        .isEqualTo("所属行业不在政策范围内（需为：制造业）");
    assertThat(gap(Field.REGION_CODE, Op.PREFIX, false, "\"330803\"", "[\"330824\"]", null))
        .isEqualTo("所在地区不在政策范围内（需为：开化县）");
    assertThat(gap(Field.SIZE_CLASS, Op.IN, false, "\"MEDIUM\"", "[\"SMALL\",\"MICRO\"]", null))
        .isEqualTo("企业规模不在政策范围内（需为：小型、微型）");
    assertThat(gap(Field.CREDIT_STATUS, Op.EQ, true, "\"SERIOUS_DISHONESTY\"", "\"SERIOUS_DISHONESTY\"", null))
        .isEqualTo("信用状况不得为：严重失信");
    assertThat(gap(Field.RD_RATIO, Op.EXISTS, false, null, null, null)).isEqualTo("缺少资料：研发投入占比，请补充");
    assertThat(gap(Field.RD_RATIO, Op.EXISTS, true, "0.1", null, null)).isEqualTo("不得填报研发投入占比");
  }
}
