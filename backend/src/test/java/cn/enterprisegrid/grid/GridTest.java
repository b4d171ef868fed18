package cn.enterprisegrid.grid;

import cn.enterprisegrid.calendar.CalendarStore;
import cn.enterprisegrid.problem.Categories;
import cn.enterprisegrid.problem.ProblemStore;
import cn.enterprisegrid.store.Store;
import cn.enterprisegrid.testing.AdminToken;
import cn.enterprisegrid.testing.SharedRedis;
import cn.enterprisegrid.testing.WithBackend;
import cn.enterprisegrid.testing.TestBackend;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static cn.enterprisegrid.testing.ProblemAssert.assertFieldProblem;
import static cn.enterprisegrid.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The grid end to end over HTTP: cells, liaisons, assignment, coverage, visits, call-backs, reports. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@WithBackend
class GridTest {
  static TestBackend app;
  @AdminToken static String admin;

  private static JsonObject ok(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    return r.bodyAsJsonObject();
  }

  @Test
  @Order(1)
  void gridLifecycle() throws InterruptedException {
    GridFixture fx = new GridFixture(app, 7);
    // 12 firms in 华埠镇 (2 key), 3 in 马金镇, 1 in a village of 华埠镇
    List<String> huabu = fx.register(Collections.nCopies(12, GridFixture.HUABU), 0.0);
    List<String> majin = fx.register(Collections.nCopies(3, GridFixture.MAJIN), 0.0);
    List<String> key = fx.register(Collections.nCopies(2, GridFixture.HUABU), 1.0);

    // build is idempotent and bad fields are named
    assertFieldProblem(app.post("/api/v1/grid/build", admin, new JsonObject().put("countyCode", "330824").put("level", "CITY")), 422, "/level");
    assertFieldProblem(app.post("/api/v1/grid/build", admin, new JsonObject().put("countyCode", "330800").put("level", "TOWNSHIP")), 422, "/countyCode");
    JsonObject b = ok(app.post("/api/v1/grid/build", admin, new JsonObject().put("countyCode", "330824").put("level", "TOWNSHIP")), 200);
    assertThat(b.getInteger("created")).isGreaterThan(10);
    assertThat(ok(app.post("/api/v1/grid/build", admin, new JsonObject().put("countyCode", "330824").put("level", "TOWNSHIP")), 200)
        .getInteger("created")).isZero();

    // a township admin may not build the county, nor see outside
    app.createAccount(admin, "huabu.admin", "GRID_ADMIN", new JsonObject().put("region", GridFixture.HUABU));
    String huabuAdmin = app.login("huabu.admin", "secret-pass-1");
    assertProblem(app.post("/api/v1/grid/build", huabuAdmin, new JsonObject().put("countyCode", "330824").put("level", "TOWNSHIP")), 403, "/problems/forbidden");

    // liaisons: one senior with room for 2, one staff with room for 8 in 华埠; none in 马金
    assertFieldProblem(app.post("/api/v1/liaisons", admin, GridFixture.liaison("王建国", "GENERAL", 5, GridFixture.HUABU)), 422, "/rank");
    assertFieldProblem(app.post("/api/v1/liaisons", admin, GridFixture.liaison("王建国", "STAFF", 5, "999")), 422, "/cells/0");
    JsonObject senior = ok(app.post("/api/v1/liaisons", admin, GridFixture.liaison("王建国", "DIRECTOR", 2, GridFixture.HUABU)), 201);
    String password = senior.getString("password");
    assertThat(password).hasSizeGreaterThanOrEqualTo(20);
    JsonObject staff = ok(app.post("/api/v1/liaisons", admin,
        GridFixture.liaison("李红梅", "STAFF", 8, GridFixture.HUABU).put("username", "kh.lihongmei").put("password", "liaison-pass-1")), 201);
    assertThat(staff.containsKey("password")).isFalse();

    // assign: key firms to the senior, the rest balanced; 马金 has no liaison
    JsonObject a = ok(app.post("/api/v1/grid/assign", admin, new JsonObject()), 200);
    assertThat(a.getLong("assigned")).isEqualTo(10);
    JsonObject cov = ok(app.get("/api/v1/grid/coverage", admin), 200);
    assertThat(cov.getJsonObject("totals").getLong("firms")).isEqualTo(17);
    assertThat(cov.getJsonObject("totals").getLong("assigned")).isEqualTo(10);
    assertThat(cov.getJsonObject("totals").getLong("noCapacity")).isEqualTo(7);
    for (String k : key) {
      assertThat(app.redis().hget("ent:{e:" + k + "}", "liaisonId").await().toString()).isEqualTo(senior.getString("id"));
    }
    assertThat(cov.getJsonArray("unassigned").stream().map(o -> ((JsonObject) o).getString("reason")))
        .containsOnly("NO_CAPACITY");
    assertCoveragePaging(cov);

    // the list masks phones; the township admin sees its liaisons
    JsonObject list = ok(app.get("/api/v1/liaisons", huabuAdmin), 200);
    assertThat(list.getJsonArray("items")).hasSize(2);
    assertThat(list.getJsonArray("items").getJsonObject(0).getString("phone")).isEqualTo("138****5678");

    // a liaison of 马金 takes its firms at once
    JsonObject majinL = ok(app.post("/api/v1/liaisons", admin, GridFixture.liaison("张伟", "STAFF", 5, GridFixture.MAJIN)), 201);
    assertThat(ok(app.get("/api/v1/liaisons/" + majinL.getString("id"), admin), 200).getLong("load")).isEqualTo(3);
    assertProblem(app.get("/api/v1/liaisons/" + majinL.getString("id"), huabuAdmin), 404, "/problems/not-found");
    // the details: the grid admin who calls its liaisons reads the number, oversight only who they are
    assertThat(ok(app.get("/api/v1/liaisons/" + majinL.getString("id"), admin), 200).getString("phone"))
        .isEqualTo("13812345678");
    assertThat(app.createAccount(admin, "grid.supervisor", "SUPERVISOR", new JsonObject()).statusCode()).isEqualTo(201);
    String supervisor = app.login("grid.supervisor", "secret-pass-1");
    assertThat(ok(app.get("/api/v1/liaisons/" + majinL.getString("id"), supervisor), 200).getString("phone"))
        .isEqualTo("138****5678");
    // and the trail says the liaison was created, not its number
    String trail = ok(app.get("/api/v1/audit?target=liaison:" + majinL.getString("id"), admin), 200).encode();
    assertThat(trail).doesNotContain("13812345678");

    // raising capacity assigns the rest of 华埠
    ok(app.send(HttpMethod.PATCH, "/api/v1/liaisons/" + staff.getString("id"), admin, new JsonObject().put("capacity", 20)), 200);
    cov = ok(app.get("/api/v1/grid/coverage", admin), 200);
    assertThat(cov.getJsonObject("totals").getLong("unassigned")).isZero();

    // manual reassignment needs a reason and a liaison of the firm's cell with room
    String firm = huabu.get(0);
    assertFieldProblem(app.post("/api/v1/grid/reassign", admin, new JsonObject().put("uscc", firm).put("liaisonId", majinL.getString("id"))), 422, "/reason");
    assertProblem(app.post("/api/v1/grid/reassign", admin, new JsonObject().put("uscc", firm)
        .put("liaisonId", majinL.getString("id")).put("reason", "换人")), 409, "/problems/not-in-cell");
    JsonObject second = ok(app.post("/api/v1/liaisons", admin, GridFixture.liaison("赵敏", "STAFF", 3, GridFixture.HUABU)), 201);
    ok(app.post("/api/v1/grid/reassign", admin, new JsonObject().put("uscc", firm)
        .put("liaisonId", second.getString("id")).put("reason", "就近服务")), 200);
    assertThat(app.redis().hget("ent:{e:" + firm + "}", "liaisonId").await().toString()).isEqualTo(second.getString("id"));

    // deactivating the staff liaison moves its firms atomically to whoever has room
    long before = ok(app.get("/api/v1/liaisons/" + staff.getString("id"), admin), 200).getLong("load");
    assertThat(before).isGreaterThan(0);
    assertThat(app.createAccount(admin, "grid.staff", "LIAISON", new JsonObject().put("liaisonId", staff.getString("id")))
        .statusCode()).isEqualTo(201);
    String staffToken = app.login("grid.staff", "secret-pass-1");
    assertThat(app.get("/api/v1/auth/me", staffToken).statusCode()).as("positive control").isEqualTo(200);
    JsonObject d = ok(app.post("/api/v1/liaisons/" + staff.getString("id") + "/deactivate", admin, new JsonObject().put("reason", "调离")), 200);
    // it cannot log in again at once, and its sessions end within seconds on every event loop and node
    // (each reads the liaison's flag at most every two seconds)
    assertProblem(app.post("/api/v1/auth/login", null, new JsonObject().put("username", "grid.staff")
        .put("password", "secret-pass-1")), 403, "/problems/forbidden");
    Thread.sleep(2_500);
    for (int i = 0; i < 4; i++) {
      assertProblem(app.get("/api/v1/auth/me", staffToken), 401, "/problems/unauthorized");
    }
    assertThat(d.getLong("released")).isEqualTo(before);
    cov = ok(app.get("/api/v1/grid/coverage", admin), 200);
    long cap = 2 + 3; // senior + second
    assertThat(cov.getJsonObject("totals").getLong("assigned")).isEqualTo(3 + cap);
    assertProblem(app.post("/api/v1/liaisons/" + staff.getString("id") + "/deactivate", admin, new JsonObject()), 404, "/problems/not-found");

    // a custom cell by explicit firm list wins over the township
    JsonObject park = ok(app.post("/api/v1/grid/cells", admin, new JsonObject().put("name", "华埠工业园")
        .put("firms", new JsonArray().add(huabu.get(5)))), 201);
    assertThat(app.redis().hget("ent:{e:" + huabu.get(5) + "}", "gc").await().toString()).isEqualTo(park.getString("id"));
    assertProblem(app.post("/api/v1/grid/cells", admin, new JsonObject().put("name", "重复园区")
        .put("firms", new JsonArray().add(huabu.get(5)))), 409, "/problems/firm-taken");
  }

  @Test
  @Order(2)
  void visitsCallbacksAndReports() {
    GridFixture fx = new GridFixture(app, 11);
    String region = "330824106"; // 桐村镇
    ok(app.post("/api/v1/grid/build", admin, new JsonObject().put("countyCode", "330824").put("level", "TOWNSHIP")), 200);
    List<String> firms = fx.register(Collections.nCopies(4, region), 0.0);
    ok(app.post("/api/v1/liaisons", admin, GridFixture.liaison("陈静", "STAFF", 10, region)
        .put("username", "kh.chenjing").put("password", "liaison-pass-2")), 201);
    ok(app.post("/api/v1/liaisons", admin, GridFixture.liaison("刘洋", "STAFF", 0, region)
        .put("username", "kh.liuyang").put("password", "liaison-pass-3")), 201);
    ok(app.post("/api/v1/grid/assign", admin, new JsonObject()), 200);
    String liaison = app.login("kh.chenjing", "liaison-pass-2");
    String other = app.login("kh.liuyang", "liaison-pass-3");

    JsonObject list = ok(app.get("/mp/v1/liaison/firms", liaison), 200);
    assertThat(list.getJsonArray("items")).hasSize(4);
    JsonObject row = list.getJsonArray("items").getJsonObject(0);
    assertThat(row.getBoolean("overdue")).isFalse();
    assertThat(row.getJsonArray("unexplainedPolicies")).isEmpty();
    assertThat(ok(app.get("/mp/v1/liaison/firms", other), 200).getJsonArray("items")).isEmpty();

    String now = OffsetDateTime.now().minusHours(1).toString();
    String firm = firms.get(0);
    JsonObject visit = new JsonObject().put("uscc", firm).put("mode", "ONSITE").put("at", now)
        .put("location", new JsonObject().put("lat", 29.137).put("lon", 118.4105)).put("notes", "了解用工情况")
        .put("problems", new JsonArray().add(new JsonObject().put("text", "招工难").put("category", "用工")))
        .put("corrections", new JsonArray().add(new JsonObject().put("field", "employees").put("value", 95)));
    // only the firm's liaison; ONSITE needs a location; contract violations name the field
    assertProblem(app.post("/mp/v1/visits", other, visit), 403, "/problems/forbidden");
    assertFieldProblem(app.post("/mp/v1/visits", liaison, visit.copy().put("mode", "PHONE").put("at", "yesterday")), 400, "/at");
    assertFieldProblem(app.post("/mp/v1/visits", liaison, visit.copy().put("mode", "ONSITE").putNull("location").put("location", (Object) null)), 400, "/location");
    JsonObject noLoc = visit.copy();
    noLoc.remove("location");
    assertFieldProblem(app.post("/mp/v1/visits", liaison, noLoc), 422, "/location");
    assertFieldProblem(app.post("/mp/v1/visits", liaison, visit.copy().put("corrections",
        new JsonArray().add(new JsonObject().put("field", "employees").put("value", -3)))), 422, "/corrections");

    // the firm's match-set verdicts (written by the policy match worker): ELIGIBLE ones are to explain
    app.redis().hset(List.of("ent:{e:" + firm + "}:matches", "P7", "E", "P3", "U", "P12", "E")).await();
    JsonObject row1 = ok(app.get("/mp/v1/liaison/firms", liaison), 200).getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(o -> o.getString("uscc").equals(firm)).findFirst().orElseThrow();
    assertThat(row1.getJsonArray("unexplainedPolicies")).containsExactly("P7", "P12");
    visit.put("policiesExplained", new JsonArray().add("P12"));
    JsonObject v = ok(app.post("/mp/v1/visits", liaison, visit.copy().put("problems", visit.getJsonArray("problems").copy()
        .add(new JsonObject().put("text", "厂区门口道路破损严重，大货车进出困难，雨天积水影响员工通勤，希望尽快修复"))
        .add(new JsonObject().put("text", "用电报装慢").put("category", "UTILITIES")))), 201);
    row1 = ok(app.get("/mp/v1/liaison/firms", liaison), 200).getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(o -> o.getString("uscc").equals(firm)).findFirst().orElseThrow();
    assertThat(row1.getJsonArray("unexplainedPolicies")).containsExactly("P7");
    assertThat(v.getDouble("distanceMeters")).isBetween(30.0, 60.0);
    assertThat(v.getBoolean("flagged")).isFalse();
    assertThat(v.getJsonArray("problems")).hasSize(3);
    // the visit's problem is a case: filed by the liaison for the firm, in its township and category
    ProblemStore problems = ProblemStore.standard(Store.connect(app.vertx, SharedRedis.url()));
    JsonObject filed = problems.get(v.getJsonArray("problems").getString(0)).await();
    assertThat(filed.getString("status")).isEqualTo("SUBMITTED");
    assertThat(filed.getString("source")).isEqualTo("LIAISON");
    assertThat(filed.getString("category")).isEqualTo("LABOUR");
    assertThat(filed.getString("uscc")).isEqualTo(firm);
    assertThat(filed.getString("township")).isEqualTo(region);
    assertThat(filed.getString("title")).isEqualTo("招工难");
    assertThat(app.redis().hget("visit:" + v.getString("id"), "problems").await().toString())
        .isEqualTo(v.getJsonArray("problems").encode());
    assertFieldProblem(app.post("/mp/v1/visits", liaison, visit.copy().put("problems", new JsonArray()
        .add(new JsonObject().put("text", "道路").put("category", "交通")))), 422, "/problems/0/category");
    JsonArray ids = v.getJsonArray("problems");
    JsonObject other1 = problems.get(ids.getString(1)).await();
    assertThat(other1.getString("category")).as("no category: 其他").isEqualTo("OTHER");
    assertThat(other1.getString("title")).hasSize(31).endsWith("…");
    assertThat(other1.getString("description")).startsWith("厂区门口道路破损严重");
    assertThat(problems.get(ids.getString(2)).await().getString("category")).isEqualTo("UTILITIES");
    JsonObject far = ok(app.post("/mp/v1/visits", liaison, visit.copy().put("uscc", firms.get(1))
        .put("location", new JsonObject().put("lat", 29.2).put("lon", 118.41)).put("corrections", new JsonArray())
        .put("problems", new JsonArray())), 201);
    assertThat(far.getBoolean("flagged")).isTrue();
    ok(app.post("/mp/v1/visits", liaison, new JsonObject().put("uscc", firms.get(2)).put("mode", "PHONE").put("at", now)), 201);

    // the correction is VERIFIED in the profile
    JsonObject profile = ok(app.get("/api/v1/enterprises/" + firm, admin), 200);
    assertThat(profile.getInteger("employees")).isEqualTo(95);
    assertThat(profile.encode()).contains("VERIFIED");
    JsonObject after = ok(app.get("/mp/v1/liaison/firms", liaison), 200);
    JsonObject visited = after.getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(o -> o.getString("uscc").equals(firm)).findFirst().orElseThrow();
    assertThat(visited.getString("lastVisit")).isNotNull();
    assertThat(visited.getLong("openProblems")).as("the three cases of its visit").isEqualTo(3);

    // call-backs: three visits, a sample of 5 takes all three once, never again
    assertFieldProblem(app.post("/api/v1/callbacks/sample", admin, new JsonObject().put("days", 0).put("size", 5)), 422, "/days");
    JsonObject s = ok(app.post("/api/v1/callbacks/sample", admin, new JsonObject().put("days", 30).put("size", 5)), 201);
    assertThat(s.getJsonArray("callbacks")).hasSize(3);
    assertThat(ok(app.post("/api/v1/callbacks/sample", admin, new JsonObject().put("days", 30).put("size", 5)), 201)
        .getJsonArray("callbacks")).isEmpty();
    for (int i = 0; i < 3; i++) {
      String id = s.getJsonArray("callbacks").getString(i);
      assertFieldProblem(app.post("/api/v1/callbacks/" + id, admin, new JsonObject().put("confirmed", true).put("satisfaction", 6)), 422, "/satisfaction");
      ok(app.post("/api/v1/callbacks/" + id, admin, new JsonObject().put("confirmed", i < 2).put("satisfaction", 5 - i)), 200);
    }
    assertProblem(app.post("/api/v1/callbacks/" + s.getJsonArray("callbacks").getString(0), admin,
        new JsonObject().put("confirmed", true).put("satisfaction", 5)), 409, "/problems/already-recorded");

    // two problems of the liaison's firms besides the visits' (counted from here): one filed now, one
    // whose accept deadline passed (ticked)
    JsonObject before = ok(app.get("/api/v1/reports/liaisons", admin), 200).getJsonArray("items").stream()
        .map(o -> (JsonObject) o).filter(o -> "陈静".equals(o.getString("name"))).findFirst().orElseThrow();
    JsonObject cellBefore = ok(app.get("/api/v1/reports/cells", admin), 200).getJsonArray("items").stream()
        .map(o -> (JsonObject) o).filter(o -> region.equals(o.getString("cell"))).findFirst().orElseThrow();
    Store store = Store.connect(app.vertx, SharedRedis.url());
    ProblemStore cases = new ProblemStore(store, new CalendarStore(store), Categories.DEFAULTS, Clock.systemUTC());
    cases.file(intake(firms.get(0), region), "admin").await();
    Clock past = Clock.fixed(Instant.parse("2026-02-10T02:00:00Z"), ZoneOffset.UTC);
    String late = cases.at(past).file(intake(firms.get(1), region), "admin").await().getString("id");
    cases.at(Clock.fixed(Instant.parse("2026-02-12T02:00:00Z"), ZoneOffset.UTC)).tick(late).await();
    store.close().await();

    JsonObject rep = ok(app.get("/api/v1/reports/liaisons", admin), 200);
    JsonObject mine = rep.getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(o -> "陈静".equals(o.getString("name"))).findFirst().orElseThrow();
    assertThat(mine.getLong("openProblems")).isEqualTo(before.getLong("openProblems") + 2);
    assertThat(mine.getLong("overdueProblems")).isEqualTo(before.getLong("overdueProblems") + 1);
    assertThat(mine.getLong("callbacks")).isEqualTo(3);
    assertThat(mine.getDouble("confirmation")).isEqualTo(0.667);
    assertThat(mine.getDouble("satisfaction")).isEqualTo(4.0);
    assertThat(mine.getString("colour")).isEqualTo("RED"); // 3 of 4 firms visited, confirmation below 0.9
    assertThat(mine.getJsonArray("reasons")).contains("COMPLETION", "CONFIRMATION");
    JsonObject cells = ok(app.get("/api/v1/reports/cells", admin), 200);
    JsonObject cell = cells.getJsonArray("items").stream().map(o -> (JsonObject) o)
        .filter(o -> region.equals(o.getString("cell"))).findFirst().orElseThrow();
    assertThat(cell.getLong("callbacks")).isEqualTo(3);
    assertThat(cell.getLong("openProblems")).isEqualTo(cellBefore.getLong("openProblems") + 2);
    assertThat(cell.getLong("overdueProblems")).isEqualTo(cellBefore.getLong("overdueProblems") + 1);
    assertProblem(app.get("/api/v1/reports/cells", liaison), 403, "/problems/forbidden");
  }

  private static ProblemStore.Intake intake(String uscc, String township) {
    return new ProblemStore.Intake(uscc, township, ProblemStore.Source.LIAISON, "LABOUR", "招工难",
        "春节后一线工人缺口三十人", List.of(), false);
  }

  /** Walking the per-cell and per-liaison rows page by page yields the unpaged rows, in id order. */
  private void assertCoveragePaging(JsonObject all) {
    assertThat(all.getJsonObject("next").getValue("cells")).isNull();
    assertThat(all.getJsonObject("totals").getLong("cells")).isEqualTo(all.getJsonArray("cells").size());
    for (String kind : List.of("cells", "liaisons")) {
      String idField = kind.equals("cells") ? "cell" : "liaisonId";
      List<String> expected = all.getJsonArray(kind).stream().map(o -> ((JsonObject) o).getString(idField)).sorted().toList();
      assertThat(expected).isNotEmpty();
      List<String> walked = new ArrayList<>();
      String after = null;
      for (int guard = 0; guard < 100; guard++) {
        JsonObject page = ok(app.get("/api/v1/grid/coverage?" + kind + "Limit=1"
            + (after == null ? "" : "&" + kind + "After=" + after), admin), 200);
        assertThat(page.getJsonObject("totals")).isEqualTo(all.getJsonObject("totals"));
        page.getJsonArray(kind).forEach(o -> walked.add(((JsonObject) o).getString(idField)));
        after = page.getJsonObject("next").getString(kind);
        if (after == null) {
          break;
        }
      }
      assertThat(walked).isEqualTo(expected);
    }
  }
}
