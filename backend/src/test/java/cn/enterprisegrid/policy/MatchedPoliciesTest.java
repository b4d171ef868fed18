package cn.enterprisegrid.policy;

import cn.enterprisegrid.testing.Eventually;
import cn.enterprisegrid.testing.WithBackend;
import cn.enterprisegrid.testing.TestBackend;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cn.enterprisegrid.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a bound firm sees: matched policies (ELIGIBLE, UNKNOWN with what is missing, near misses
 * with their gaps) explained with the cited clauses, one policy's explanation, search; and how a
 * profile change re-matches the firm, including a 免申即享 grant it confirms.
 */
@WithBackend
class MatchedPoliciesTest {
  static TestBackend app;
  static PolicyFixture fx;
  static String big;      // revenue 6,000, 专精特新
  static String small;    // revenue 900: short of 1,000
  static String blank;    // no financials: revenue unknown
  static String grower;   // revenue 900, then reports 1,500
  static String rewardId;
  static String tagId;

  @BeforeAll
  static void start() {
    fx = new PolicyFixture(app);
    big = fx.uscc();
    small = fx.uscc();
    blank = fx.uscc();
    grower = fx.uscc();
    JsonObject noFigures = PolicyFixture.firm(blank, 1, 5);
    noFigures.remove("financials");
    fx.importFirms(List.of(PolicyFixture.firm(big, 6000, 120, "专精特新"), PolicyFixture.firm(small, 900, 30),
        noFigures, PolicyFixture.firm(grower, 900, 30)));
    fx.awaitIndexed(4);
    rewardId = fx.publish(PolicyFixture.policy("营收奖励", "ONE_CLICK", 12, 100));
    JsonObject tagged = PolicyFixture.policy("专精特新企业奖励", "ONE_CLICK", 30, 300);
    tagged.getJsonObject("eligibility").getJsonArray("all").add(new JsonObject().put("field", "tags")
        .put("op", "hasAny").put("value", new JsonArray().add("专精特新")).put("clause", "1"));
    tagId = fx.publish(tagged);
  }

  @Test
  void eligibleFirstByBenefitThenUnknownThenNearMisses() {
    JsonObject bigView = app.get("/mp/v1/policies/matched", fx.firmToken(big)).bodyAsJsonObject();
    JsonArray eligible = bigView.getJsonArray("eligible");
    assertThat(eligible.stream().map(e -> ((JsonObject) e).getString("id")).toList()).startsWith(tagId, rewardId);
    JsonObject first = eligible.getJsonObject(0);
    assertThat(first.getValue("amount").toString()).isEqualTo("30");
    JsonObject revenueLeaf = eligible.getJsonObject(1).getJsonArray("explanation").getJsonObject(1);
    assertThat(revenueLeaf.getString("field")).isEqualTo("revenue");
    assertThat(revenueLeaf.getString("truth")).isEqualTo("TRUE");
    assertThat(revenueLeaf.getString("clauseText")).isEqualTo("第二条 营业收入不低于1000万元。");
    assertThat(revenueLeaf.getString("label")).isEqualTo("上年度营业收入");
    assertThat(revenueLeaf.getString("message")).isEqualTo("上年度营业收入6,000万元，满足不低于1,000万元");

    JsonObject smallView = app.get("/mp/v1/policies/matched", fx.firmToken(small)).bodyAsJsonObject();
    assertThat(smallView.getJsonArray("eligible")).isEmpty();
    JsonObject near = smallView.getJsonArray("nearMisses").stream().map(JsonObject.class::cast)
        .filter(n -> n.getString("id").equals(rewardId)).findFirst().orElseThrow();
    JsonObject gap = near.getJsonArray("gaps").getJsonObject(0);
    assertThat(gap.getString("field")).isEqualTo("revenue");
    assertThat(gap.getDouble("shortBy")).isEqualTo(100.0);
    assertThat(gap.getString("message")).isEqualTo("上年度营业收入还差100万元");
    assertThat(gap.getString("clauseText")).startsWith("第二条");

    JsonObject blankView = app.get("/mp/v1/policies/matched", fx.firmToken(blank)).bodyAsJsonObject();
    JsonObject unknown = blankView.getJsonArray("unknown").getJsonObject(0);
    assertThat(unknown.getJsonArray("missing")).contains("revenue");
    assertThat(unknown.getJsonArray("explanation").stream().map(l -> ((JsonObject) l).getString("message")))
        .contains("缺少资料：上年度营业收入，请补充");
  }

  @Test
  void onePolicyWithTheFirmsExplanationAndSearch() {
    JsonObject view = app.get("/mp/v1/policies/" + rewardId, fx.firmToken(small)).bodyAsJsonObject();
    assertThat(view.getString("verdict")).isEqualTo("INELIGIBLE");
    assertThat(view.getJsonArray("clauses")).hasSize(2);
    assertThat(view.containsKey("fundPool")).isFalse();
    assertThat(app.get("/mp/v1/policies/P424242", fx.firmToken(small)).statusCode()).isEqualTo(404);

    HttpResponse<Buffer> found = app.get("/mp/v1/policies/search?q=" + java.net.URLEncoder.encode("专精特新",
        java.nio.charset.StandardCharsets.UTF_8), fx.firmToken(small));
    assertThat(found.statusCode()).as(found.bodyAsString()).isEqualTo(200);
    assertThat(found.bodyAsJsonObject().getJsonArray("hits").getJsonObject(0).getString("id")).isEqualTo(tagId);
    // no user text can break the search
    HttpResponse<Buffer> odd = app.get("/mp/v1/policies/search?q=" + java.net.URLEncoder.encode("\"[{(*~^:AND OR",
        java.nio.charset.StandardCharsets.UTF_8), fx.firmToken(small));
    assertThat(odd.statusCode()).as(odd.bodyAsString()).isEqualTo(200);
  }

  @Test
  void aProfileChangeReMatchesTheFirmAndAutoGrantsWhatItNowQualifiesFor() {
    String auto = fx.publish(PolicyFixture.policy("免申即享补贴", "AUTO_GRANT", 3, 100));
    fx.awaitGranted(auto, "1");
    String grantedBig = auto + "-" + big;
    JsonObject grant = app.get("/api/v1/applications/" + grantedBig, fx.author).bodyAsJsonObject();
    assertThat(grant.getString("status")).isEqualTo("GRANTED");
    assertThat(grant.getString("confirmation")).isEqualTo("AWAITING");
    assertThat(app.get("/api/v1/applications/" + auto + "-" + grower, fx.author).statusCode()).isEqualTo(404);

    // the grower firm reports a higher revenue: it becomes eligible and is granted without applying
    HttpResponse<Buffer> patched = app.send(HttpMethod.PATCH, "/mp/v1/me/enterprise", fx.firmToken(grower),
        new JsonObject().put("financials", new JsonArray().add(new JsonObject()
            .put("year", PolicyFixture.LAST_YEAR).put("revenue", 1500))));
    assertThat(patched.statusCode()).as(patched.bodyAsString()).isEqualTo(200);
    Eventually.until("grant after the profile change",
        () -> app.get("/api/v1/applications/" + auto + "-" + grower, fx.author).statusCode() == 200);
    assertThat(app.redis().sismember("policy:{p:" + rewardId + "}:eligible", grower).await().toInteger()).isEqualTo(1);
    assertThat(app.redis().hget("ent:{e:" + grower + "}:matches", rewardId).await().toString()).isEqualTo("E");

    // paying needs the firm's confirmation of its receipt details
    String grantedSmall = auto + "-" + grower;
    assertProblem(app.post("/api/v1/applications/" + grantedSmall + "/disburse", fx.author,
        new JsonObject().put("paidOn", "2026-12-01").put("reference", "R1")), 409, "/problems/not-confirmed");
    JsonObject receipt = new JsonObject().put("accountName", "开化测试企业").put("bank", "开化农商银行")
        .put("accountNumber", "6228480012345678");
    assertThat(app.post("/mp/v1/applications/" + grantedSmall + "/confirm", fx.firmToken(big), receipt).statusCode())
        .as("another firm's grant").isEqualTo(404);
    assertThat(app.post("/mp/v1/applications/" + grantedSmall + "/confirm", fx.firmToken(grower),
        receipt.copy().put("accountNumber", "12")).statusCode()).isEqualTo(400);
    JsonObject confirmed = app.post("/mp/v1/applications/" + grantedSmall + "/confirm", fx.firmToken(grower), receipt)
        .bodyAsJsonObject();
    assertThat(confirmed.getString("confirmation")).isEqualTo("CONFIRMED");
    assertThat(app.post("/api/v1/applications/" + grantedSmall + "/disburse", fx.author,
        new JsonObject().put("paidOn", "2026-12-01").put("reference", "R1")).bodyAsJsonObject().getString("status"))
        .isEqualTo("PAID");
    assertThat(fx.pool(auto).getValue("paid").toString()).isEqualTo("3");
  }
}
