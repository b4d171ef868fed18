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
}
