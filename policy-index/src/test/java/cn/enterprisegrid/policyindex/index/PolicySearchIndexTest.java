package cn.enterprisegrid.policyindex.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicySearchIndexTest {

  @TempDir
  Path dir;

  PolicySearchIndex index;

  static List<PolicyDocument> policies() {
    List<PolicyDocument> out = new ArrayList<>();
    out.add(new PolicyDocument("rd", "关于支持企业加大研发投入的若干措施",
        "对研发费用占营业收入比例达到3%的企业给予补助。",
        "第一条 为鼓励企业加大研发投入，对上年度研发费用占营业收入比例达到3%以上的规上工业企业，按研发费用增量的10%给予补助，最高50万元。"
            + "第二条 申报企业应无严重失信记录。",
        "科技局", "开政办发〔2024〕12号", "PERCENT", "ONE_CLICK", "PUBLISHED", List.of("330824"), LocalDate.of(2024, 3, 1)));
    out.add(new PolicyDocument("zjtx", "专精特新中小企业奖励办法", "对新认定的专精特新中小企业给予一次性奖励。",
        "对首次认定为省级专精特新中小企业的，给予一次性奖励20万元；认定为国家级专精特新小巨人企业的，奖励100万元。",
        "经信局", "开经信〔2024〕3号", "FIXED", "AUTO_GRANT", "PUBLISHED", List.of("330824"), LocalDate.of(2024, 5, 10)));
    out.add(new PolicyDocument("loan", "小微企业贷款贴息", "对小微企业流动资金贷款给予贴息。",
        "对符合条件的小型微型企业，按贷款市场报价利率的50%给予贴息，单户每年不超过10万元。",
        "财政局", "开财〔2023〕21号", "PERCENT", "REVIEWED", "CLOSED", List.of(), LocalDate.of(2023, 1, 5)));
    out.add(new PolicyDocument("hire", "稳岗就业补贴", "对吸纳就业的企业给予社保补贴。",
        "企业新招用登记失业人员并缴纳社会保险的，按每人每月500元给予补贴。研发人员另行奖励。",
        "人社局", "开人社〔2024〕7号", "TIERS", "ONE_CLICK", "PUBLISHED", List.of("3301"), LocalDate.of(2024, 6, 1)));
    out.add(new PolicyDocument("tech", "高新技术企业认定奖励", "对首次认定的高新技术企业奖励。",
        "对首次通过高新技术企业认定的企业，奖励30万元；重新认定的，奖励10万元。", "科技局", "开科〔2024〕2号", "FIXED",
        "AUTO_GRANT", "PUBLISHED", List.of("330824"), LocalDate.of(2024, 2, 1)));
    return out;
  }

  @BeforeEach
  void open() {
    index = PolicySearchIndex.open(dir.resolve("policies"));
    index.rebuild(policies(), "c-1");
  }

  @AfterEach
  void close() {
    index.close();
  }

  @Test
  void findsAndHighlightsChineseText() {
    PolicySearchResult r = index.search(PolicyQuery.text("研发费用补助"));
    assertThat(r.total()).isGreaterThanOrEqualTo(1);
    PolicyHit top = r.hits().get(0);
    assertThat(top.id()).isEqualTo("rd");
    assertThat(top.highlights().get("body")).contains("<em>研发</em>");
    assertThat(String.join(" ", top.highlights().values())).contains("<em>");
    assertThat(top.department()).isEqualTo("科技局");
    PolicySearchResult z = index.search(PolicyQuery.text("专精特新"));
    assertThat(z.hits().get(0).id()).isEqualTo("zjtx");
    assertThat(z.hits().get(0).highlights().get("title")).contains("<em>");
  }

  @Test
  void docNumberFindsThePolicy() {
    PolicySearchResult r = index.search(PolicyQuery.text("开政办发〔2024〕12号"));
    assertThat(r.hits().get(0).id()).isEqualTo("rd");
    assertThat(r.hits().get(0).docNumber()).isEqualTo("开政办发〔2024〕12号");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"(*?[", "AND", "", "   ", "\\", "\"", "-", "+", "||", "~", "*", ")))(((", "title:研发",
      "a\"b", "研发 -补助", "\"研发 费用\"", "NOT OR AND", "\u0000\u0001", "😀", "[1 TO 5]", "{!lucene}", "/regex/",
      "研发~2", "研发^10", "?", "&&", "!!!", "<script>alert(1)</script>"})
  void hostileTextNeverThrows(String text) {
    assertThatCode(() -> index.search(PolicyQuery.text(text))).doesNotThrowAnyException();
  }

  /** What a user types around the words is not syntax: the query finds what its words find. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "研发 -补助|研发 补助", "\"研发 费用\"|研发 费用", "+研发 +补助|研发 补助", "研发 AND 补助|研发 补助",
      "(研发)(补助)|研发 补助", "研发*|研发", "%研发%|研发", "研发~2|研发 2", "研发^10|研发 10", "title:奖励|title 奖励",
      "-奖励|奖励", "贷款 NOT 贴息|贷款 贴息"})
  void punctuationAndOperatorsFindWhatTheWordsFind(String typed, String words) {
    List<String> plain = ids(index.search(PolicyQuery.text(words)));
    assertThat(plain).as("the words alone find something").isNotEmpty();
    assertThat(ids(index.search(PolicyQuery.text(typed)))).as(typed).isEqualTo(plain);
  }

  @ParameterizedTest
  @ValueSource(strings = {"%", "\"", "*", "?", "-", "\"(*?[", "||"})
  void textWithoutWordsFindsNothing(String text) {
    assertThat(index.search(PolicyQuery.text(text)).total()).isZero();
  }

  private static List<String> ids(PolicySearchResult r) {
    return r.hits().stream().map(PolicyHit::id).toList();
  }

  @Test
  void veryLongAndNullTextNeverThrow() {
    assertThatCode(() -> index.search(PolicyQuery.text("研发(".repeat(5000)))).doesNotThrowAnyException();
    assertThatCode(() -> index.search(PolicyQuery.text("a ".repeat(5000)))).doesNotThrowAnyException();
    PolicySearchResult all = index.search(PolicyQuery.text(null));
    assertThat(all.total()).isEqualTo(5);
    // listing without text is by publication date, newest first
    assertThat(all.hits()).extracting(PolicyHit::id).containsExactly("hire", "zjtx", "rd", "tech", "loan");
  }

  @Test
  void highlightsEscapeHtml() {
    index.upsert(new PolicyDocument("x", "<b>研发</b> 标题", null, null, null, null, null, null, "PUBLISHED", null, null));
    index.refresh();
    PolicySearchResult r = index.search(PolicyQuery.text("研发 标题"));
    PolicyHit hit = r.hits().stream().filter(h -> h.id().equals("x")).findFirst().orElseThrow();
    assertThat(hit.highlights().get("title")).doesNotContain("<b>").contains("&lt;b&gt;");
  }

  @Test
  void facetsFiltersAndPaging() {
    PolicySearchResult all = index.search(PolicyQuery.text(""));
    assertThat(all.facets().get("department")).contains(new FacetValue("科技局", 2), new FacetValue("经信局", 1));
    assertThat(all.facets().get("status")).containsExactly(new FacetValue("PUBLISHED", 4), new FacetValue("CLOSED", 1));
    PolicySearchResult tech = index.search(PolicyQuery.text("").withFilters(Set.of("科技局"), Set.of(), Set.of(), Set.of()));
    assertThat(tech.total()).isEqualTo(2);
    // the filtered dimension keeps its alternatives; other dimensions are narrowed
    assertThat(tech.facets().get("department")).hasSize(4);
    assertThat(tech.facets().get("mode")).containsExactlyInAnyOrder(new FacetValue("ONE_CLICK", 1), new FacetValue("AUTO_GRANT", 1));
    PolicySearchResult autoGrant = index.search(PolicyQuery.text("奖励").withFilters(Set.of(), Set.of("FIXED"), Set.of("AUTO_GRANT"), Set.of("PUBLISHED")));
    assertThat(autoGrant.hits()).extracting(PolicyHit::id).containsExactlyInAnyOrder("zjtx", "tech");
    PolicySearchResult page2 = index.search(PolicyQuery.text("").page(2, 2));
    assertThat(page2.hits()).extracting(PolicyHit::id).containsExactly("rd", "tech");
    assertThat(page2.total()).isEqualTo(5);
    PolicySearchResult beyond = index.search(PolicyQuery.text("").page(10, 2));
    assertThat(beyond.hits()).isEmpty();
  }

  @Test
  void regionFilterKeepsPoliciesThatApplyToTheFirm() {
    PolicySearchResult kaihua = index.search(PolicyQuery.text("").inRegion("330824106200"));
    assertThat(kaihua.hits()).extracting(PolicyHit::id).containsExactlyInAnyOrder("rd", "zjtx", "tech", "loan");
    PolicySearchResult hangzhou = index.search(PolicyQuery.text("").inRegion("330106001"));
    assertThat(hangzhou.hits()).extracting(PolicyHit::id).containsExactlyInAnyOrder("hire", "loan");
  }

  @Test
  void durabilityAndUpdates() {
    index.upsert(new PolicyDocument("rd", "研发投入新政", null, null, "科技局", null, null, null, "PUBLISHED", null, null));
    index.delete("loan");
    index.commit("c-2");
    assertThat(index.size()).isEqualTo(4);
    index.upsert(new PolicyDocument("late", "未提交", null, null, null, null, null, null, null, null, null));
    index.close();
    index = PolicySearchIndex.open(dir.resolve("policies"));
    assertThat(index.lastChangeId()).contains("c-2");
    assertThat(index.size()).isEqualTo(4);
    assertThat(index.search(PolicyQuery.text("新政")).hits()).extracting(PolicyHit::id).containsExactly("rd");
  }
}
