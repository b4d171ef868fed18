package cn.enterprisegrid.policy;

import cn.enterprisegrid.testing.WithBackend;
import cn.enterprisegrid.testing.TestBackend;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static cn.enterprisegrid.testing.ProblemAssert.assertFieldProblem;
import static cn.enterprisegrid.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Drafting, review, publication by another author, amendment as a new version, closing, simulation. */
@WithBackend
class PolicyLifecycleTest {
  static TestBackend app;
  static PolicyFixture fx;

  @BeforeAll
  static void start() {
    fx = new PolicyFixture(app);
    List<JsonObject> firms = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      firms.add(PolicyFixture.firm(fx.uscc(), i < 20 ? 2000 : 500, 50));
    }
    fx.importFirms(firms);
    fx.awaitIndexed(30);
  }

  @Test
  void draftsAreValidatedFieldByField() {
    // an unknown member breaks the contract (400) before the handler checks the values (422)
    assertFieldProblem(app.post("/api/v1/policies", fx.author,
        PolicyFixture.policy("坏草稿", "ONE_CLICK", 10, 5).put("colour", "red")), 400, "/colour");
    JsonObject bad = PolicyFixture.policy("坏草稿", "SOMETIMES", 10, -5);
    bad.getJsonObject("eligibility").getJsonArray("all").getJsonObject(1).put("field", "turnover");
    HttpResponse<Buffer> r = app.post("/api/v1/policies", fx.author, bad);
    JsonObject problem = assertFieldProblem(r, 422, "/mode");
    List<String> pointers = problem.getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("pointer")).toList();
    assertThat(pointers).contains("/mode", "/fundPool", "/eligibility/all/1/field");

    JsonObject citesMissingClause = PolicyFixture.policy("引用不存在的条款", "ONE_CLICK", 10, 100);
    citesMissingClause.getJsonObject("eligibility").getJsonArray("all").getJsonObject(0).put("clause", "9");
    assertFieldProblem(app.post("/api/v1/policies", fx.author, citesMissingClause), 422, "/eligibility/all/0/clause");

    assertFieldProblem(app.post("/api/v1/policies", fx.author,
        PolicyFixture.policy("别的部门", "ONE_CLICK", 1, 1).put("department", PolicyFixture.KJJ)), 422, "/department");
    assertThat(app.post("/api/v1/policies", fx.admin, PolicyFixture.policy("管理员", "ONE_CLICK", 1, 1)).statusCode())
        .isEqualTo(403);
  }

  @Test
  void anIncompleteDraftIsSavedButCannotBeSubmitted() {
    HttpResponse<Buffer> r = app.post("/api/v1/policies", fx.author, new JsonObject().put("title", "只有标题"));
    assertThat(r.statusCode()).isEqualTo(201);
    String id = r.bodyAsJsonObject().getString("id");
    assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("DRAFT");
    JsonObject problem = assertProblem(app.post("/api/v1/policies/" + id + "/submit", fx.author, null), 422,
        "/problems/validation");
    assertThat(problem.encode()).contains("/eligibility", "/benefit", "/window");
    // drafts of another department are invisible to its authors' colleagues elsewhere
    assertThat(app.get("/api/v1/policies/" + id, fx.otherDept).statusCode()).isEqualTo(404);
  }

  @Test
  void publicationNeedsAnotherAuthorAndAmendmentsBecomeVersions() {
    HttpResponse<Buffer> created = app.post("/api/v1/policies", fx.author,
        PolicyFixture.policy("规上企业奖励", "ONE_CLICK", 5, 100));
    String id = created.bodyAsJsonObject().getString("id");
    assertThat(app.post("/api/v1/policies/" + id + "/publish", fx.reviewer, null).statusCode())
        .as("a draft must be submitted first").isEqualTo(409);
    assertThat(app.post("/api/v1/policies/" + id + "/submit", fx.author, null).statusCode()).isEqualTo(200);
    assertThat(app.send(HttpMethod.PUT, "/api/v1/policies/" + id, fx.author,
        PolicyFixture.policy("审核中修改", "ONE_CLICK", 5, 100)).statusCode()).as("no edits in review").isEqualTo(409);
    assertProblem(app.post("/api/v1/policies/" + id + "/publish", fx.author, null), 409, "/problems/same-author");
    assertThat(app.post("/api/v1/policies/" + id + "/publish", fx.otherDept, null).statusCode()).isEqualTo(403);
    HttpResponse<Buffer> published = app.post("/api/v1/policies/" + id + "/publish", fx.reviewer, null);
    assertThat(published.statusCode()).as(published.bodyAsString()).isEqualTo(200);
    assertThat(published.bodyAsJsonObject().getString("status")).isEqualTo("PUBLISHED");
    assertThat(published.bodyAsJsonObject().getInteger("version")).isEqualTo(1);
    fx.awaitMatched(id, 1);
    JsonObject matched = app.get("/api/v1/policies/" + id, fx.author).bodyAsJsonObject().getJsonObject("matched");
    assertThat(matched.getLong("eligible")).isEqualTo(20);
    assertThat(app.redis().scard("policy:{p:" + id + "}:eligible").await().toLong()).isEqualTo(20);
    assertThat(fx.pool(id).getValue("total").toString()).isEqualTo("100");

    // an amendment: the reviewer may draft it, then the original author approves it
    JsonObject amended = PolicyFixture.policy("规上企业奖励（修订）", "ONE_CLICK", 8, 150);
    amended.getJsonObject("eligibility").getJsonArray("all").getJsonObject(1).put("value", 400);
    HttpResponse<Buffer> put = app.send(HttpMethod.PUT, "/api/v1/policies/" + id, fx.reviewer, amended);
    assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
    assertThat(put.bodyAsJsonObject().getString("status")).isEqualTo("PUBLISHED");
    assertThat(put.bodyAsJsonObject().getString("amendment")).isEqualTo("DRAFT");
    assertThat(app.post("/api/v1/policies/" + id + "/submit", fx.reviewer, null).statusCode()).isEqualTo(200);
    assertProblem(app.post("/api/v1/policies/" + id + "/publish", fx.reviewer, null), 409, "/problems/same-author");
    assertThat(app.post("/api/v1/policies/" + id + "/publish", fx.author, null).bodyAsJsonObject()
        .getInteger("version")).isEqualTo(2);
    fx.awaitMatched(id, 2);
    assertThat(app.redis().scard("policy:{p:" + id + "}:eligible").await().toLong()).isEqualTo(30);
    assertThat(fx.pool(id).getValue("total").toString()).isEqualTo("150");

    JsonArray versions = app.get("/api/v1/policies/" + id + "/versions", fx.author)
        .bodyAsJsonObject().getJsonArray("items");
    assertThat(versions).hasSize(2);
    assertThat(versions.getJsonObject(0).getJsonObject("policy").getString("title")).isEqualTo("规上企业奖励");
    assertThat(versions.getJsonObject(1).getString("publishedBy")).isEqualTo("jxj.author");
    assertThat(versions.getJsonObject(1).getString("drafter")).isEqualTo("jxj.reviewer");

    assertThat(app.send(HttpMethod.PUT, "/api/v1/policies/" + id, fx.otherDept, amended).statusCode()).isEqualTo(403);
    assertThat(app.post("/api/v1/policies/" + id + "/close", fx.author, null).bodyAsJsonObject().getString("status"))
        .isEqualTo("CLOSED");
    assertThat(app.post("/api/v1/policies/" + id + "/close", fx.author, null).statusCode()).isEqualTo(409);
  }

  @Test
  void simulationCountsBreaksDownAndEstimatesThePayout() {
    JsonObject draft = PolicyFixture.policy("模拟", "ONE_CLICK", 4, 50);
    HttpResponse<Buffer> r = app.post("/api/v1/policies/simulate", fx.author, draft);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject s = r.bodyAsJsonObject();
    assertThat(s.getLong("eligible")).isEqualTo(20);
    assertThat(s.getLong("unknown")).isZero();
    assertThat(s.getJsonArray("byTownship").getJsonObject(0).getString("key")).isEqualTo(PolicyFixture.HUABU);
    assertThat(s.getJsonArray("bySection").getJsonObject(0).getString("key")).isEqualTo("C");
    JsonObject payout = s.getJsonObject("payout");
    assertThat(payout.getDouble("total")).isEqualTo(80.0);
    assertThat(payout.getDouble("shortfall")).isEqualTo(30.0);
    assertFieldProblem(app.post("/api/v1/policies/simulate", fx.author, new JsonObject().put("title", "x")), 422,
        "/eligibility");
  }

  @Test
  void aDraftsFundPoolIsItsDepartmentsUntilPublished() {
    HttpResponse<Buffer> created = app.post("/api/v1/policies", fx.author, PolicyFixture.policy("资金池保密", "ONE_CLICK", 4, 50));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String pool = "/api/v1/policies/" + created.bodyAsJsonObject().getString("id") + "/pool";
    assertThat(app.get(pool, fx.author).statusCode()).as("its department").isEqualTo(200);
    assertProblem(app.get(pool, fx.otherDept), 403, "/problems/forbidden");
    assertProblem(app.get(pool, fx.admin), 403, "/problems/forbidden");
  }

  @Test
  void aTownshipsOfficeSimulatesOverItsOwnFirmsOnly() {
    JsonObject draft = PolicyFixture.policy("模拟", "ONE_CLICK", 4, 50);
    app.createAccount(fx.admin, "sim.huabu", "GRID_ADMIN", new JsonObject().put("region", PolicyFixture.HUABU));
    app.createAccount(fx.admin, "sim.majin", "GRID_ADMIN", new JsonObject().put("region", "330824116"));
    JsonObject own = app.post("/api/v1/policies/simulate", app.login("sim.huabu", "secret-pass-1"), draft)
        .bodyAsJsonObject();
    assertThat(own.getLong("eligible")).as("its own township's firms, all of them").isEqualTo(20);
    JsonObject other = app.post("/api/v1/policies/simulate", app.login("sim.majin", "secret-pass-1"), draft)
        .bodyAsJsonObject();
    assertThat(other.getLong("eligible")).as("another township's firms are not counted").isZero();
    assertThat(other.getJsonArray("byTownship")).isEmpty();
    assertThat(app.post("/api/v1/policies/simulate", fx.admin, draft).bodyAsJsonObject().getLong("eligible"))
        .as("the territory's admin").isEqualTo(20);
  }
}
