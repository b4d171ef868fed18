package cn.enterprisegrid.policy;

import cn.enterprisegrid.testing.Eventually;
import cn.enterprisegrid.testing.WithBackend;
import cn.enterprisegrid.testing.TestBackend;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.enterprisegrid.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One-tap application against the fund pool: eligibility re-checked, idempotent retries, one
 * application per firm, exclusions, review with release on rejection, disbursement, and 500
 * concurrent applications against a pool that fits 100.
 */
@WithBackend
class RedemptionTest {
  static TestBackend app;
  static PolicyFixture fx;
  static final List<String> RICH = new ArrayList<>();   // revenue 2,000: eligible
  static final List<String> CROWD = new ArrayList<>();  // 500 eligible firms for the race
  static String poor;                                   // revenue 500: not eligible

  @BeforeAll
  static void start() {
    fx = new PolicyFixture(app);
    List<JsonObject> firms = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String u = fx.uscc();
      RICH.add(u);
      firms.add(PolicyFixture.firm(u, 2000, 50));
    }
    for (int i = 0; i < 500; i++) {
      String u = fx.uscc();
      CROWD.add(u);
      firms.add(PolicyFixture.firm(u, 3000, 80));
    }
    poor = fx.uscc();
    firms.add(PolicyFixture.firm(poor, 500, 10));
    fx.importFirms(firms);
    fx.awaitIndexed(firms.size());
  }

  @Test
  void oneTapGrantsAtOnceAndARetriedCallAnswersTheSame() {
    String id = fx.publish(PolicyFixture.policy("一键兑现奖励", "ONE_CLICK", 2.5, 100));
    String firm = RICH.get(0);
    String token = fx.firmToken(firm);
    HttpResponse<Buffer> first = fx.apply(id, token, "tap-1", null);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
    JsonObject application = first.bodyAsJsonObject();
    assertThat(application.getString("status")).isEqualTo("GRANTED");
    assertThat(application.getString("id")).isEqualTo(id + "-" + firm);
    assertThat(application.getValue("amount").toString()).isEqualTo("2.5");
    assertThat(application.getJsonObject("figures").getDouble("revenue")).isEqualTo(2000.0);
    for (int i = 0; i < 10; i++) {
      HttpResponse<Buffer> retry = fx.apply(id, token, "tap-1", null);
      assertThat(retry.statusCode()).isEqualTo(201);
      assertThat(retry.bodyAsJsonObject()).isEqualTo(application);
    }
    assertThat(app.redis().zcard("policy:{p:" + id + "}:apps").await().toLong()).isEqualTo(1);
    assertThat(app.redis().xlen("policy:{p:" + id + "}:ledger").await().toLong()).isEqualTo(1);
    assertThat(fx.pool(id)).isEqualTo(new JsonObject("{\"total\":100,\"reserved\":2.5,\"paid\":0,\"remaining\":97.5}"));

    assertProblem(fx.apply(id, token, "tap-1", new JsonObject().put("figures", new JsonObject().put("employees", 51))),
        422, "/problems/idempotency-mismatch");
    JsonObject again = assertProblem(fx.apply(id, token, "tap-2", null), 409, "/problems/already-applied");
    assertThat(again.getJsonObject("application").getString("status")).isEqualTo("GRANTED");
    // the script's refusals are problem documents like every other: instance included, replays too
    assertThat(again.getString("instance")).isEqualTo("/mp/v1/policies/" + id + "/apply");
    JsonObject replayed = assertProblem(fx.apply(id, token, "tap-2", null), 409, "/problems/already-applied");
    assertThat(replayed).isEqualTo(again);

    JsonArray mine = app.get("/mp/v1/applications", token).bodyAsJsonObject().getJsonArray("items");
    assertThat(mine).hasSize(1);
    assertThat(mine.getJsonObject(0).getString("policyId")).isEqualTo(id);
  }

  @Test
  void eligibilityIsCheckedAgainAtApplyTimeAndCorrectedFiguresAreRecorded() {
    String id = fx.publish(PolicyFixture.policy("复核资格", "ONE_CLICK", 1, 100));
    JsonObject problem = assertProblem(fx.apply(id, fx.firmToken(poor), null, null), 422, "/problems/ineligible");
    assertThat(problem.getString("detail")).contains("申报条件");
    assertThat(fx.pool(id).getValue("reserved").toString()).isEqualTo("0");

    // the firm corrects its employees in the same tap: recorded as SELF_REPORTED
    String firm = RICH.get(1);
    HttpResponse<Buffer> r = fx.apply(id, fx.firmToken(firm), "k", new JsonObject()
        .put("figures", new JsonObject().put("employees", 64)));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    JsonObject me = app.get("/mp/v1/me/enterprise", fx.firmToken(firm)).bodyAsJsonObject();
    assertThat(me.getInteger("employees")).isEqualTo(64);
    assertThat(me.getJsonObject("provenance").getJsonObject("employees").getString("source")).isEqualTo("SELF_REPORTED");

    assertThat(fx.apply("P999999", fx.firmToken(firm), null, null).statusCode()).isEqualTo(404);
    assertThat(fx.apply("not-an-id", fx.firmToken(firm), null, null).statusCode()).isEqualTo(400);
  }

  @Test
  void reviewReservesThenRejectionReleasesAndPaymentMovesToPaid() {
    String id = fx.publish(PolicyFixture.policy("审核类补助", "REVIEW", 10, 25));
    String a = RICH.get(2);
    String b = RICH.get(3);
    String c = RICH.get(4);
    assertThat(fx.apply(id, fx.firmToken(a), null, null).bodyAsJsonObject().getString("status"))
        .isEqualTo("PENDING_REVIEW");
    assertThat(fx.apply(id, fx.firmToken(b), null, null).statusCode()).isEqualTo(201);
    assertProblem(fx.apply(id, fx.firmToken(c), null, null), 409, "/problems/pool-exhausted");
    assertThat(fx.pool(id).getValue("remaining").toString()).isEqualTo("5");

    String appA = id + "-" + a;
    String appB = id + "-" + b;
    assertThat(app.post("/api/v1/applications/" + appA + "/reject", fx.author, new JsonObject()).statusCode())
        .as("a reason is required").isEqualTo(422);
    assertThat(app.post("/api/v1/applications/" + appA + "/reject", fx.otherDept,
        new JsonObject().put("reason", "x")).statusCode()).isEqualTo(403);
    JsonObject rejected = app.post("/api/v1/applications/" + appA + "/reject", fx.author,
        new JsonObject().put("reason", "材料不全")).bodyAsJsonObject();
    assertThat(rejected.getString("status")).isEqualTo("REJECTED");
    assertThat(rejected.getString("reason")).isEqualTo("材料不全");
    assertThat(fx.pool(id).getValue("reserved").toString()).isEqualTo("10");
    // the released amount serves the next firm
    assertThat(fx.apply(id, fx.firmToken(c), null, null).statusCode()).isEqualTo(201);

    assertThat(app.post("/api/v1/applications/" + appB + "/disburse", fx.author,
        new JsonObject().put("paidOn", "2026-12-01").put("reference", "KH-PAY-1")).statusCode())
        .as("not approved yet").isEqualTo(409);
    assertThat(app.post("/api/v1/applications/" + appB + "/approve", fx.author, null).bodyAsJsonObject()
        .getString("status")).isEqualTo("GRANTED");
    JsonObject paid = app.post("/api/v1/applications/" + appB + "/disburse", fx.author,
        new JsonObject().put("paidOn", "2026-12-01").put("reference", "KH-PAY-1")).bodyAsJsonObject();
    assertThat(paid.getString("status")).isEqualTo("PAID");
    assertThat(paid.getString("paymentRef")).isEqualTo("KH-PAY-1");
    assertThat(app.post("/api/v1/applications/" + appB + "/disburse", fx.author,
        new JsonObject().put("paidOn", "2026-12-01").put("reference", "KH-PAY-1")).statusCode())
        .as("never paid twice").isEqualTo(409);
    assertThat(fx.pool(id)).isEqualTo(new JsonObject("{\"total\":25,\"reserved\":10,\"paid\":10,\"remaining\":5}"));
    JsonArray listed = app.get("/api/v1/policies/" + id + "/applications?status=PAID", fx.author)
        .bodyAsJsonObject().getJsonArray("items");
    assertThat(listed).hasSize(1);
  }

  @Test
  void aFirmMayApplyBeforeThisNodesCatalogHasCaughtUpWithThePublication() {
    String id = fx.publish(PolicyFixture.policy("刚发布的政策", "ONE_CLICK", 1, 10));
    app.backend().policyCatalog().forget(id); // as in the milliseconds after a publication elsewhere
    HttpResponse<Buffer> r = fx.apply(id, fx.firmToken(RICH.get(7)), null, null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    assertThat(app.get("/mp/v1/policies/" + id, fx.firmToken(RICH.get(7))).bodyAsJsonObject()
        .getJsonObject("application").getString("status")).isEqualTo("GRANTED");
  }

  @Test
  void aPolicyThatCannotBeStackedIsRefusedWithItsReason() {
    String first = fx.publish(PolicyFixture.policy("甲奖励", "ONE_CLICK", 1, 100));
    String second = fx.publish(PolicyFixture.policy("乙奖励", "ONE_CLICK", 1, 100)
        .put("exclusions", new JsonArray().add(first)));
    String firm = RICH.get(5);
    assertThat(fx.apply(first, fx.firmToken(firm), null, null).statusCode()).isEqualTo(201);
    JsonObject refused = assertProblem(fx.apply(second, fx.firmToken(firm), null, null), 409, "/problems/excluded");
    assertThat(refused.getString("policy")).isEqualTo(first);
    // the firm is told before it taps: the second policy is listed last, naming what blocks it
    JsonArray eligible = app.get("/mp/v1/policies/matched", fx.firmToken(firm)).bodyAsJsonObject()
        .getJsonArray("eligible");
    JsonObject blocked = eligible.getJsonObject(eligible.size() - 1);
    assertThat(blocked.getString("id")).isEqualTo(second);
    assertThat(blocked.getString("excludedBy")).isEqualTo(first);
    // a third policy that cannot be stacked with the first is not pushed to the firm holding the first
    String third = fx.publish(PolicyFixture.policy("丙奖励", "ONE_CLICK", 1, 100)
        .put("exclusions", new JsonArray().add(first)));
    String free = RICH.get(8);
    Eventually.until("the free firm is told", () -> notices(free).contains(third));
    assertThat(notices(firm)).doesNotContain(third);
    // and the other way round: the exclusion binds both policies
    String other = RICH.get(6);
    assertThat(fx.apply(second, fx.firmToken(other), null, null).statusCode()).isEqualTo(201);
    assertProblem(fx.apply(first, fx.firmToken(other), null, null), 409, "/problems/excluded");
  }

  /** The policies of the firm's inbox notices. */
  private static List<String> notices(String firm) {
    return app.get("/mp/v1/notifications", fx.firmToken(firm)).bodyAsJsonObject().getJsonArray("items").stream()
        .map(i -> ((JsonObject) i).getString("policyId")).toList();
  }

  @Test
  void fiveHundredConcurrentApplicationsAgainstAPoolForOneHundred() {
    String id = fx.publish(PolicyFixture.policy("限额奖励", "ONE_CLICK", 1.5, 150));
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (String firm : CROWD) {
      calls.add(app.http.request(HttpMethod.POST, "/mp/v1/policies/" + id + "/apply")
          .putHeader("Authorization", "Bearer " + fx.firmToken(firm)).putHeader("Idempotency-Key", "race").send());
    }
    Future.all(calls).await();
    Map<Integer, Integer> byStatus = new HashMap<>();
    calls.forEach(f -> byStatus.merge(f.result().statusCode(), 1, Integer::sum));
    assertThat(byStatus).containsEntry(201, 100).containsEntry(409, 400).hasSize(2);
    assertThat(fx.pool(id)).isEqualTo(new JsonObject("{\"total\":150,\"reserved\":150,\"paid\":0,\"remaining\":0}"));
    assertThat(app.redis().zcard("policy:{p:" + id + "}:apps").await().toLong()).isEqualTo(100);
    assertThat(app.redis().xlen("policy:{p:" + id + "}:ledger").await().toLong()).isEqualTo(100);
  }
}
