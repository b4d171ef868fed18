package cn.enterprisegrid.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

class WordingTest {
  static JsonObject notice(String policy, String kind, JsonObject payload) {
    return new JsonObject().put("id", policy + "~1~" + kind).put("policy", policy).put("version", "1")
        .put("kind", kind).put("uscc", "91330824MA00000000").put("payload", payload);
  }

  @Test
  void thingValuesAreCutToTwentyCharactersWithAnEllipsis() {
    assertThat(WeChatTemplates.fit("thing", "一二三四五六七八九十一二三四五六七八九十")).hasSize(20).doesNotEndWith("…");
    String cut = WeChatTemplates.fit("thing", "一二三四五六七八九十一二三四五六七八九十多");
    assertThat(cut.codePointCount(0, cut.length())).isEqualTo(20);
    assertThat(cut).endsWith("…");
    assertThat(WeChatTemplates.fit("name", "张三李四王五赵六钱七孙八")).hasSize(10);
    assertThat(WeChatTemplates.fit("character_string", "AB-12 中文")).isEqualTo("AB-12");
    // astral characters count as one
    assertThat(WeChatTemplates.cut("𠀀".repeat(25), 20).codePointCount(0, WeChatTemplates.cut("𠀀".repeat(25), 20)
        .length())).isEqualTo(20);
  }

  @Test
  void unknownFirmsAreAskedToCompleteTheirProfile() {
    Message m = Wording.render("firm:X", new JsonArray().add(notice("P1", "policy.unknown",
        new JsonObject().put("title", "稳岗返还"))), Map.of(), Map.of());
    assertThat(m.values().get("hint")).isEqualTo("完善企业信息即可查看是否符合");
    assertThat(m.values().get("deadline")).isEqualTo("长期有效");
    assertThat(m.category()).isEqualTo("policy");
  }

  @Test
  void aDigestNamesTheCountTheDepartmentsAndTheEarliestDeadline() {
    JsonArray items = new JsonArray()
        .add(notice("P1", "policy.eligible", new JsonObject().put("title", "甲").put("department", "科技局")
            .put("closesOn", "2027-03-01")))
        .add(notice("P2", "policy.eligible", new JsonObject().put("title", "乙").put("department", "经信局")
            .put("closesOn", "2027-01-15")));
    Message m = Wording.render("firm:X", items, Map.of(), Map.of());
    assertThat(m.values()).containsEntry("title", "2项惠企政策与您匹配").containsEntry("department", "科技局等2个部门")
        .containsEntry("closesOn", "2027-01-15");
    assertThat(m.policies()).containsExactly("P1", "P2");
  }

  @Test
  void aLiaisonSummaryCountsItsFirms() {
    Message m = Wording.render("liaison:L1", new JsonArray().add(notice("P1", "policy.eligible",
        new JsonObject())), Map.of("P1", "研发补助"), Map.of("P1", 37L));
    assertThat(m.body()).contains("《研发补助》").contains("37家企业");
  }

  @Test
  void amountsInWanYuanBecomeYuan() {
    assertThat(Wording.yuan("12.5")).isEqualTo("125000.00元");
    assertThat(Wording.yuan("0.000001")).isEqualTo("0.01元");
    assertThat(Wording.yuan("x")).isNull();
  }

  /**
   * Every problem notice, for every recipient role, fits the problem template without cutting what matters:
   * {@code phrase} at most five Chinese characters (WeChat cannot cut a phrase: it would refuse it, 47003), the
   * hint within a {@code thing}'s twenty, the date as yyyy-MM-dd.
   */
  @Test
  void problemNoticesFitTheTemplateRulesForEveryKindAndRole() {
    java.util.List<String> kinds = new java.util.ArrayList<>(java.util.List.of("problem.dispatch",
        "problem.transfer", "problem.warning", "problem.breach"));
    for (cn.enterprisegrid.problem.ProblemStatus s : cn.enterprisegrid.problem.ProblemStatus.values()) {
      kinds.add("problem." + s.name());
    }
    for (String kind : kinds) {
      for (String as : java.util.List.of("firm", "handler", "head", "admin", "liaison")) {
        for (String deadline : java.util.List.of("ACCEPT", "FIRST_REPORT", "RESOLVE", "VERIFY")) {
          JsonObject n = notice("problem:7", kind, new JsonObject().put("id", "7").put("as", as)
              .put("title", "企业申请流动资金贷款两个月未有答复请尽快处理").put("department", "开化县人力资源和社会保障局")
              .put("deadline", deadline).put("due", "2026-12-11").put("dispatchNo", "JB-2026-000123")
              .put("pendingDepartment", "开化县财政局").put("uscc", "91330824MA00000000"))
              .put("at", 1_796_000_000_000L);
          Message m = Wording.render(as.equals("liaison") ? "liaison:L1" : "account:u", new JsonArray().add(n),
              Map.of(), Map.of());
          assertThat(m.category()).isEqualTo("problem");
          assertThat(m.values().get("status")).as(kind).matches("\\p{IsHan}{1,5}");
          assertThat(m.values().get("hint").codePointCount(0, m.values().get("hint").length())).as(kind + " " + as)
              .isLessThanOrEqualTo(20);
          assertThat(m.values().get("date")).matches("\\d{4}-\\d{2}-\\d{2}");
          assertThat(m.body()).contains("《企业申请流动资金贷款两个月未有答复请尽快处理》");
        }
      }
    }
  }

  @Test
  void aBreachIsWordedForTheRoleItReaches() {
    JsonObject p = new JsonObject().put("id", "7").put("title", "用地审批慢").put("department", "开化县自然资源和规划局")
        .put("deadline", "RESOLVE").put("due", "2026-12-11").put("dispatchNo", "JB-2026-000123");
    java.util.function.Function<String, String> body = as -> ProblemNotices.render(
        notice("problem:7", "problem.breach", p.copy().put("as", as))).body();
    assertThat(body.apply("handler")).isEqualTo("诉求《用地审批慢》（交办单号JB-2026-000123）已超过办结时限（2026-12-11），请立即办理。");
    assertThat(body.apply("head")).startsWith("贵部门办理的诉求《用地审批慢》").endsWith("请督促办理。");
    assertThat(body.apply("admin")).startsWith("开化县自然资源和规划局办理的诉求").endsWith("已升级督办。");
    Message m = ProblemNotices.render(notice("problem:7", "problem.breach", p.copy().put("as", "handler")));
    assertThat(m.values()).containsEntry("status", "已超期").containsEntry("date", "2026-12-11")
        .containsEntry("problemId", "7").containsEntry("deadline", "办结");
    assertThat(SmsTemplates.params(new SmsTemplates.Template("1002", java.util.List.of("problemId", "dispatchNo",
        "deadline", "due", "missing")), m)).containsExactly("7", "JB-2026-000123", "办结", "2026-12-11", "—");
  }
}
