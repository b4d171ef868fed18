package cn.enterprisegrid.contract;

import static cn.enterprisegrid.contract.ContractConformanceTest.PASSWORD;
import static cn.enterprisegrid.contract.ContractConformanceTest.app;
import static cn.enterprisegrid.contract.ContractConformanceTest.consoleClient;
import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.enterprise.Uscc;
import cn.enterprisegrid.mp.wechat.fake.FakeWeChatServer;
import cn.enterprisegrid.testing.Eventually;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
/** The console's calls, in an order that builds what the later ones need (a policy to publish, an application to grant). */
final class ConsoleWalk extends ProblemConsoleWalk {
  @Override
  void run() {
    auth();
    enterprises();
    grid();
    callbacks();
    policies();
    notifications();
    redemption();
    problems();
    calendar();
    problemReports();
    shared();
  }

  /** ENTERPRISE serves no console operation but reading a firm; a policy author reads no firm. */
  @Override
  String wrongRole(String op, Sample s) {
    return Set.of("getEnterprise", "enterpriseHistory", "enterpriseCorrections", "enterpriseCode").contains(op)
        ? author : firm;
  }

  void auth() {
    sample("consoleLogin", HttpMethod.POST, "/api/v1/auth/login", null,
        new JsonObject().put("username", "kh.admin").put("password", PASSWORD), 200);
    call("consoleLogin", HttpMethod.POST, "/api/v1/auth/login", null,
        new JsonObject().put("username", "kh.admin").put("password", PASSWORD).put("otp", "1"), 400, true);
    call("consoleLogin", HttpMethod.POST, "/api/v1/auth/login", null,
        new JsonObject().put("username", "kh.firm02").put("password", "wrong-pass-1"), 401, false);
    call("consoleLogin", HttpMethod.POST, "/api/v1/auth/login", null, new JsonObject().put("username", "kh.admin"), 422, false);
    JsonObject wrong = new JsonObject().put("username", "contract.locked").put("password", "wrong-pass-1");
    for (int i = 0; i < 10; i++) {
      app.post("/api/v1/auth/login", null, wrong);
    }
    call("consoleLogin", HttpMethod.POST, "/api/v1/auth/login", null, wrong, 429, false);

    sample("consoleMe", HttpMethod.GET, "/api/v1/auth/me", admin, null, 200);
    sample("getFieldDictionary", HttpMethod.GET, "/api/v1/dictionary/fields", admin, null, 200);

    JsonObject account = new JsonObject().put("username", "contract.author").put("password", "secret-pass-1")
        .put("role", "POLICY_AUTHOR").put("scope", new JsonObject().put("department", JXJ));
    sample("createAccount", HttpMethod.POST, "/api/v1/accounts", admin, account, 201);
    call("createAccount", HttpMethod.POST, "/api/v1/accounts", admin, account, 409, false);
    call("createAccount", HttpMethod.POST, "/api/v1/accounts", admin, account.copy().put("role", "KING")
        .put("username", "contract.king"), 422, false);
    call("createAccount", HttpMethod.POST, "/api/v1/accounts", admin, account.copy().put("admin", true), 400, true);
    call("createAccount", HttpMethod.POST, "/api/v1/accounts", huabu, new JsonObject().put("username", "contract.sup")
        .put("password", "secret-pass-1").put("role", "SUPERVISOR").put("scope", new JsonObject().put("region", "330824")),
        403, false);
    String path = "/api/v1/accounts/contract.author";
    sample("updateAccount", HttpMethod.PATCH, path, admin, new JsonObject().put("phone", "13900009999"), 200);
    call("updateAccount", HttpMethod.PATCH, path, admin, new JsonObject().put("head", true), 422, false);
    call("updateAccount", HttpMethod.PATCH, path, admin, new JsonObject().put("colour", "red"), 400, true);
    call("updateAccount", HttpMethod.PATCH, "/api/v1/accounts/contract.nobody", admin,
        new JsonObject().put("phone", JsonObject.of().getValue("x")), 404, false);
    call("updateAccount", HttpMethod.PATCH, "/api/v1/accounts/kh.supervisor", huabu,
        new JsonObject().put("phone", "13900009998"), 403, false);

    sample("queryAudit", HttpMethod.GET, "/api/v1/audit?limit=5", admin, null, 200);
    call("queryAudit", HttpMethod.GET, "/api/v1/audit?limit=many", admin, null, 400, true);
  }

  String huabuFirm;
  String majinFirm;
  String created;

  void enterprises() {
    sample("listEnterprises", HttpMethod.GET, "/api/v1/enterprises?region=330824115&limit=5", admin, null, 200);
    call("listEnterprises", HttpMethod.GET, "/api/v1/enterprises?region=33a", admin, null, 400, true);
    huabuFirm = firstUscc("330824115");
    majinFirm = firstUscc("330824116");

    String u1 = Uscc.generate("330824", random);
    String u2 = Uscc.generate("330824", random);
    sampleRaw("importEnterprises", HttpMethod.POST, "/api/v1/enterprises/import", admin, "application/x-ndjson",
        Buffer.buffer(firmRecord(u1).encode() + "\n" + new JsonObject().put("uscc", "bad").encode() + "\n"), 200);
    raw("importEnterprises", HttpMethod.POST, "/api/v1/enterprises/import", admin, "text/csv; charset=utf-8",
        Buffer.buffer("uscc,name,regionCode,industryCode,establishedOn,employees,tags,year,revenue\r\n"
            + u2 + ",\"开化县华埠, 契约测试有限公司\",330824115,2221,2015-06-01,30,专精特新,"
            + (LocalDate.now().getYear() - 1) + ",1800\r\n"), 200, false);
    raw("importEnterprises", HttpMethod.POST, "/api/v1/enterprises/import", admin, "text/csv",
        Buffer.buffer("uscc,colour\nx,y\n"), 400, true);
    // a CSV as Excel saves it on a Chinese Windows PC (GB18030); an .xlsx is binary, which Prism does not pass intact
    raw("importEnterprises", HttpMethod.POST, "/api/v1/enterprises/import", admin, "text/csv",
        Buffer.buffer(("uscc,name,regionCode,industryCode\r\n" + Uscc.generate("330824", random)
            + ",开化县华埠契约纸业有限公司,330824115,2221\r\n").getBytes(java.nio.charset.Charset.forName("GB18030"))),
        200, false);

    created = Uscc.generate("330824", random);
    JsonObject record = firmRecord(created);
    sample("putEnterprise", HttpMethod.PUT, "/api/v1/enterprises/" + created, admin, record, 201);
    call("putEnterprise", HttpMethod.PUT, "/api/v1/enterprises/" + created, admin, record.copy().put("employees", 31), 200, false);
    call("putEnterprise", HttpMethod.PUT, "/api/v1/enterprises/" + created, admin, record.copy().put("colour", "red"), 400, true);
    call("putEnterprise", HttpMethod.PUT, "/api/v1/enterprises/" + created, admin, record.copy().put("employees", -1), 422, false);
    call("putEnterprise", HttpMethod.PUT, "/api/v1/enterprises/" + majinFirm, huabu,
        firmRecord(majinFirm), 404, false);

    sample("getEnterprise", HttpMethod.GET, "/api/v1/enterprises/" + huabuFirm, admin, null, 200);
    call("getEnterprise", HttpMethod.GET, "/api/v1/enterprises/" + majinFirm, huabu, null, 404, false);
    sample("enterpriseHistory", HttpMethod.GET, "/api/v1/enterprises/" + created + "/history?limit=5", admin, null, 200);
    call("enterpriseHistory", HttpMethod.GET, "/api/v1/enterprises/" + created + "/history?limit=0", admin, null, 400, true);
    call("enterpriseHistory", HttpMethod.GET, "/api/v1/enterprises/" + majinFirm + "/history", huabu, null, 404, false);
    sample("enterpriseCode", HttpMethod.GET, "/api/v1/enterprises/" + huabuFirm + "/code.png", admin, null, 200);
    call("enterpriseCode", HttpMethod.GET, "/api/v1/enterprises/" + majinFirm + "/code.png", huabu, null, 404, false);
    sample("issueInvitation", HttpMethod.POST, "/api/v1/enterprises/" + huabuFirm + "/invitations", admin, null, 201);
    call("issueInvitation", HttpMethod.POST, "/api/v1/enterprises/" + majinFirm + "/invitations", huabu, null, 404, false);

    // a pending correction: the liaison verifies a value on a visit, the registry then differs
    JsonArray firms = app.get("/mp/v1/liaison/firms", liaison).bodyAsJsonObject().getJsonArray("items");
    String his = firms.getJsonObject(firms.size() - 1).getString("uscc");
    String other = firms.getJsonObject(firms.size() - 2).getString("uscc");
    for (String u : List.of(his, other)) {
      correction(u);
    }
    sample("enterpriseCorrections", HttpMethod.GET, "/api/v1/enterprises/" + his + "/corrections", admin, null, 200);
    call("enterpriseCorrections", HttpMethod.GET, "/api/v1/enterprises/" + majinFirm + "/corrections", huabu, null, 404,
        false);
    String confirm = "/api/v1/enterprises/" + his + "/corrections/employees/confirm";
    sample("confirmCorrection", HttpMethod.POST, confirm, liaison, null, 200);
    call("confirmCorrection", HttpMethod.POST, confirm, liaison, null, 404, false);
    String contention = "only under contention: another write of the firm between the read and the commit, "
        + "on every attempt (concurrent-write); not provoked deterministically";
    notExercised.computeIfAbsent("confirmCorrection", k -> new TreeMap<>()).put(409, contention);
    notExercised.computeIfAbsent("rejectCorrection", k -> new TreeMap<>()).put(409, contention);
    call("confirmCorrection", HttpMethod.POST, "/api/v1/enterprises/" + majinFirm + "/corrections/employees/confirm",
        huabu, null, 404, false);
    String reject = "/api/v1/enterprises/" + other + "/corrections/employees/reject";
    call("rejectCorrection", HttpMethod.POST, reject, liaison, new JsonObject().put("reason", ""), 422, false);
    sample("rejectCorrection", HttpMethod.POST, reject, liaison, new JsonObject().put("reason", "登记机关数据有误"), 200);
    call("rejectCorrection", HttpMethod.POST, reject, liaison, new JsonObject().put("reason", "再次"), 404, false);
    call("rejectCorrection", HttpMethod.POST, reject, liaison, new JsonObject().put("why", "x"), 400, true);
    call("rejectCorrection", HttpMethod.POST, "/api/v1/enterprises/" + majinFirm + "/corrections/employees/reject",
        huabu, new JsonObject().put("reason", "x"), 404, false);
  }

  /** The firm's liaison verifies its employees on a visit; the registry then reports another figure. */
  void correction(String uscc) {
    String now = OffsetDateTime.now(ZoneOffset.ofHours(8)).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX"));
    HttpResponse<Buffer> v = app.post("/mp/v1/visits", liaison, new JsonObject().put("uscc", uscc).put("mode", "PHONE")
        .put("at", now).put("notes", "核实用工").put("corrections", new JsonArray()
            .add(new JsonObject().put("field", "employees").put("value", 77))));
    assertThat(v.statusCode()).as(v.bodyAsString()).isEqualTo(201);
    JsonObject profile = app.get("/api/v1/enterprises/" + uscc, admin).bodyAsJsonObject();
    JsonObject put = new JsonObject().put("uscc", uscc).put("name", profile.getString("name"))
        .put("regionCode", profile.getString("regionCode")).put("employees", 78);
    HttpResponse<Buffer> r = app.send(HttpMethod.PUT, "/api/v1/enterprises/" + uscc, admin, put);
    assertThat(r.statusCode()).as(r.bodyAsString()).isIn(200, 201);
  }

  JsonObject firmRecord(String uscc) {
    return new JsonObject().put("uscc", uscc).put("name", "开化契约测试企业" + uscc.substring(12))
        .put("regionCode", "330824115").put("address", "华埠镇工业园区9号").put("industryCode", "2221")
        .put("establishedOn", "2014-03-01").put("registeredCapital", 300).put("employees", 30)
        .put("tags", new JsonArray().add("专精特新")).put("creditStatus", "NORMAL");
  }

  String firstUscc(String region) {
    return app.get("/api/v1/enterprises?region=" + region + "&limit=1", admin).bodyAsJsonObject()
        .getJsonArray("items").getJsonObject(0).getString("uscc");
  }

  void grid() {
    JsonObject build = new JsonObject().put("countyCode", "330824").put("level", "TOWNSHIP");
    sample("buildGrid", HttpMethod.POST, "/api/v1/grid/build", admin, build, 200);
    call("buildGrid", HttpMethod.POST, "/api/v1/grid/build", admin, build.copy().put("countyCode", 330824), 400, true);
    call("buildGrid", HttpMethod.POST, "/api/v1/grid/build", admin, build.copy().put("level", "PROVINCE"), 422, false);
    call("buildGrid", HttpMethod.POST, "/api/v1/grid/build", huabu, build, 403, false);

    sample("listCells", HttpMethod.GET, "/api/v1/grid/cells", admin, null, 200);
    // the new liaison serves the cell of a firm of liaison01's, to which that firm then moves
    JsonObject moved = app.get("/mp/v1/liaison/firms", liaison).bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    String cell = moved.getString("cell");
    JsonObject park = new JsonObject().put("name", "契约测试园区").put("firms", new JsonArray().add(created));
    sample("createCell", HttpMethod.POST, "/api/v1/grid/cells", admin, park, 201);
    call("createCell", HttpMethod.POST, "/api/v1/grid/cells", admin, park.copy().put("name", "契约测试园区二"), 409, false);
    call("createCell", HttpMethod.POST, "/api/v1/grid/cells", admin, new JsonObject().put("name", "空园区"), 422, false);
    call("createCell", HttpMethod.POST, "/api/v1/grid/cells", admin, park.copy().put("colour", "red"), 400, true);

    sample("assignGrid", HttpMethod.POST, "/api/v1/grid/assign", admin, null, 200);
    sample("gridCoverage", HttpMethod.GET, "/api/v1/grid/coverage?limit=5&cellsLimit=5&liaisonsLimit=5", admin, null, 200);
    call("gridCoverage", HttpMethod.GET, "/api/v1/grid/coverage?limit=-1", admin, null, 400, true);
    sample("getGridConfig", HttpMethod.GET, "/api/v1/grid/config", admin, null, 200);
    sample("putGridConfig", HttpMethod.PUT, "/api/v1/grid/config", root, new JsonObject().put("cadenceDays", 90), 200);
    call("putGridConfig", HttpMethod.PUT, "/api/v1/grid/config", root, new JsonObject().put("cadenceDays", "ninety"), 400, true);
    call("putGridConfig", HttpMethod.PUT, "/api/v1/grid/config", admin, new JsonObject().put("cadenceDays", 90), 403, false);
    call("putGridConfig", HttpMethod.PUT, "/api/v1/grid/config", root, new JsonObject().put("cadenceDays", -5), 422, false);

    JsonObject liaisonBody = new JsonObject().put("name", "契约测试联络员").put("unit", "开化县经信局").put("phone", "13900001111")
        .put("rank", "STAFF").put("capacity", 30).put("cells", new JsonArray().add(cell)).put("username", "contract.liaison");
    HttpResponse<Buffer> made = record("createLiaison", HttpMethod.POST, "/api/v1/liaisons",
        consoleClient.post("/api/v1/liaisons").putHeader("Authorization", "Bearer " + admin).sendJsonObject(liaisonBody).await(),
        201, false);
    samples.put("createLiaison", new Sample(HttpMethod.POST, "/api/v1/liaisons", admin,
        liaisonBody.copy().put("username", "contract.liaison2"), null, null, 201));
    String id = made.bodyAsJsonObject().getString("id");
    call("createLiaison", HttpMethod.POST, "/api/v1/liaisons", admin, liaisonBody, 409, false);
    call("createLiaison", HttpMethod.POST, "/api/v1/liaisons", admin, liaisonBody.copy().put("capacity", -1)
        .put("username", "contract.liaison3"), 422, false);
    call("createLiaison", HttpMethod.POST, "/api/v1/liaisons", admin, liaisonBody.copy().put("capacity", "many"), 400, true);

    sample("listLiaisons", HttpMethod.GET, "/api/v1/liaisons?active=true", admin, null, 200);
    call("listLiaisons", HttpMethod.GET, "/api/v1/liaisons?active=perhaps", admin, null, 400, true);
    sample("getLiaison", HttpMethod.GET, "/api/v1/liaisons/" + id, admin, null, 200);
    call("getLiaison", HttpMethod.GET, "/api/v1/liaisons/L99999", admin, null, 404, false);
    sample("updateLiaison", HttpMethod.PATCH, "/api/v1/liaisons/" + id, admin, new JsonObject().put("capacity", 40), 200);
    call("updateLiaison", HttpMethod.PATCH, "/api/v1/liaisons/" + id, admin, new JsonObject().put("capacity", -1), 422, false);
    call("updateLiaison", HttpMethod.PATCH, "/api/v1/liaisons/" + id, admin, new JsonObject().put("colour", "red"), 400, true);
    call("updateLiaison", HttpMethod.PATCH, "/api/v1/liaisons/L99999", admin, new JsonObject().put("capacity", 40), 404, false);

    // a move to the new liaison, then refusals
    JsonObject move = new JsonObject().put("uscc", moved.getString("uscc")).put("liaisonId", id).put("reason", "就近服务");
    sample("reassignFirm", HttpMethod.POST, "/api/v1/grid/reassign", admin, move, 200);
    call("reassignFirm", HttpMethod.POST, "/api/v1/grid/reassign", admin, move, 409, false);
    call("reassignFirm", HttpMethod.POST, "/api/v1/grid/reassign", admin, move.copy().put("liaisonId", "L99999"), 422, false);
    call("reassignFirm", HttpMethod.POST, "/api/v1/grid/reassign", admin,
        move.copy().put("uscc", Uscc.generate("330824", random)), 404, false);
    call("reassignFirm", HttpMethod.POST, "/api/v1/grid/reassign", admin, move.copy().put("colour", "red"), 400, true);

    call("deactivateLiaison", HttpMethod.POST, "/api/v1/liaisons/" + id + "/deactivate", admin,
        new JsonObject().put("reason", "x".repeat(600)), 422, false);
    sample("deactivateLiaison", HttpMethod.POST, "/api/v1/liaisons/" + id + "/deactivate", admin,
        new JsonObject().put("reason", "调岗"), 200);
    call("deactivateLiaison", HttpMethod.POST, "/api/v1/liaisons/" + id + "/deactivate", admin,
        new JsonObject().put("colour", "red"), 400, true);
    call("deactivateLiaison", HttpMethod.POST, "/api/v1/liaisons/L99999/deactivate", admin,
        new JsonObject().put("reason", "调岗"), 404, false);
  }

  void callbacks() {
    sample("sampleCallbacks", HttpMethod.POST, "/api/v1/callbacks/sample", admin,
        new JsonObject().put("days", 30).put("size", 5), 201);
    call("sampleCallbacks", HttpMethod.POST, "/api/v1/callbacks/sample", admin,
        new JsonObject().put("days", 30).put("size", 5).put("stratum", "cell"), 400, true);
    call("sampleCallbacks", HttpMethod.POST, "/api/v1/callbacks/sample", admin,
        new JsonObject().put("days", 0).put("size", 5), 422, false);
    JsonArray items = app.get("/api/v1/callbacks?status=PENDING", admin).bodyAsJsonObject().getJsonArray("items");
    assertThat(items).as("no call-back was sampled").isNotEmpty();
    String cb = items.getJsonObject(0).getString("id");
    sample("listCallbacks", HttpMethod.GET, "/api/v1/callbacks?status=ALL&limit=5", admin, null, 200);
    call("listCallbacks", HttpMethod.GET, "/api/v1/callbacks?status=MAYBE", admin, null, 400, true);
    sample("getCallback", HttpMethod.GET, "/api/v1/callbacks/" + cb, admin, null, 200);
    call("getCallback", HttpMethod.GET, "/api/v1/callbacks/CB999999999", admin, null, 404, false);
    JsonObject outcome = new JsonObject().put("confirmed", true).put("satisfaction", 5).put("comment", "满意");
    call("recordCallback", HttpMethod.POST, "/api/v1/callbacks/" + cb, admin, outcome.copy().put("satisfaction", 9), 422, false);
    sample("recordCallback", HttpMethod.POST, "/api/v1/callbacks/" + cb, admin, outcome, 200);
    call("recordCallback", HttpMethod.POST, "/api/v1/callbacks/" + cb, admin, outcome, 409, false);
    call("recordCallback", HttpMethod.POST, "/api/v1/callbacks/" + cb, admin, outcome.copy().put("colour", 1), 400, true);
    call("recordCallback", HttpMethod.POST, "/api/v1/callbacks/CB999999999", admin, outcome, 404, false);
    sample("liaisonReport", HttpMethod.GET, "/api/v1/reports/liaisons", supervisor, null, 200);
    sample("cellReport", HttpMethod.GET, "/api/v1/reports/cells", supervisor, null, 200);
  }

  void problemReports() {
    String q = "?from=2026-01-01&to=2026-12-31";
    for (String op : List.of("problemReport", "problemBulletin")) {
      String path = "problemReport".equals(op) ? "/api/v1/reports/problems" : "/api/v1/reports/bulletins";
      sample(op, HttpMethod.GET, path + q + "&groupBy=township", admin, null, 200);
      call(op, HttpMethod.GET, path + q, supervisor, null, 200, false);
      call(op, HttpMethod.GET, path + q + "&groupBy=department", handler, null, 200, false);
      call(op, HttpMethod.GET, path + q + "&format=csv", admin, null, 200, false);
      call(op, HttpMethod.GET, path + q + "&format=xlsx", supervisor, null, 200, false);
      call(op, HttpMethod.GET, path + "?from=2026-13-01&to=2026-12-31", admin, null, 400, true);
      call(op, HttpMethod.GET, path + q + "&groupBy=county", admin, null, 400, true);
      call(op, HttpMethod.GET, path + "?from=2026-12-31&to=2026-01-01", admin, null, 422, false);
      call(op, HttpMethod.GET, path + "?from=2025-01-01&to=2026-12-31", admin, null, 422, false);
    }
    String t = "/api/v1/reports/bulletins/thresholds";
    sample("getBulletinThresholds", HttpMethod.GET, t, supervisor, null, 200);
    sample("putBulletinThresholds", HttpMethod.PUT, t, admin, new JsonObject().put("redSatisfaction", 0.8)
        .put("redOverdue", 5), 200);
    call("putBulletinThresholds", HttpMethod.PUT, t, admin, new JsonObject().put("greenSatisfaction", 0.5), 422, false);
    call("putBulletinThresholds", HttpMethod.PUT, t, admin, new JsonObject().put("redResolution", 1.5), 422, false);
    call("putBulletinThresholds", HttpMethod.PUT, t, admin, new JsonObject().put("colour", 1), 400, true);
  }

  void notifications() {
    sample("funnelReport", HttpMethod.GET, "/api/v1/reports/funnel", admin, null, 200);
    call("funnelReport", HttpMethod.GET, "/api/v1/reports/funnel?policy=P12345678901234567", admin, null, 400, true);
    sample("deadLetters", HttpMethod.GET, "/api/v1/notifications/dead-letters?limit=5", admin, null, 200);
    call("deadLetters", HttpMethod.GET, "/api/v1/notifications/dead-letters?limit=0", admin, null, 400, true);
    String letter = deadLetter();
    sample("replayDeadLetter", HttpMethod.POST, "/api/v1/notifications/dead-letters/" + letter + "/replay", admin, null, 200);
    call("replayDeadLetter", HttpMethod.POST, "/api/v1/notifications/dead-letters/1-0/replay", admin, null, 404, false);
    sample("notifyStats", HttpMethod.GET, "/api/v1/notifications/stats", supervisor, null, 200);
    inbox();
  }

  /**
   * The console inbox: a breach of a case with the handler's department reaches the handler (and the county's
   * grid admin); the supervisor, who heard nothing, finds no such notice in its own inbox (404).
   */
  void inbox() {
    String id = "9" + (100000 + random.nextInt(800000));
    app.redis().hset(List.of("problem:{c:" + id + "}", "id", id, "status", "IN_PROGRESS", "uscc", "91330824MA00000001",
        "township", "330824101", "title", "用工招聘难", "department", "开化县人力资源和社会保障局",
        "dispatchNo", "JB-2026-000900", "version", "4")).await();
    app.redis().xadd(List.of("changes", "*", "kind", "problem.breach", "id", id, "payload", new JsonObject()
        .put("id", id).put("kind", "RESOLVE").put("due", "2026-03-05").put("accountable", "开化县人力资源和社会保障局")
        .put("status", "IN_PROGRESS").encode())).await();
    String[] notice = new String[1];
    Eventually.until("the breach in the handler's inbox", Duration.ofSeconds(60), () -> {
      JsonArray items = app.get("/api/v1/inbox?limit=50", handler).bodyAsJsonObject().getJsonArray("items");
      for (int i = 0; i < items.size(); i++) {
        if (id.equals(items.getJsonObject(i).getString("problemId"))) {
          notice[0] = items.getJsonObject(i).getString("id");
          return true;
        }
      }
      return false;
    });
    sample("consoleInbox", HttpMethod.GET, "/api/v1/inbox?limit=5", handler, null, 200);
    call("consoleInbox", HttpMethod.GET, "/api/v1/inbox?limit=500", handler, null, 400, true);
    sample("consoleInboxRead", HttpMethod.POST, "/api/v1/inbox/" + notice[0] + "/read", handler, null, 200);
    call("consoleInboxRead", HttpMethod.POST, "/api/v1/inbox/" + notice[0] + "/read", supervisor, null, 404, false);
  }

  /**
   * A dead letter, honestly: a WeChat user bound to a firm consents to every template, WeChat
   * refuses the next push permanently (47003), and the firm applies for the published policy.
   */
  String deadLetter() {
    String invitation = app.post("/api/v1/enterprises/" + created + "/invitations", admin, null).bodyAsJsonObject()
        .getString("invitation");
    String wx = app.post("/mp/v1/auth/login", null, new JsonObject().put("code", app.wechat.issueCode("openid-dead")))
        .bodyAsJsonObject().getString("token");
    HttpResponse<Buffer> bound = app.post("/mp/v1/bind", wx, new JsonObject().put("invitation", invitation));
    assertThat(bound.statusCode()).as(bound.bodyAsString()).isEqualTo(200);
    String token = bound.bodyAsJsonObject().getString("token");
    JsonObject accept = new JsonObject();
    app.get("/mp/v1/subscriptions", token).bodyAsJsonObject().getJsonArray("templates").forEach(t -> {
      String id = ((JsonObject) t).getString("templateId");
      app.wechat.grantSubscriptions("openid-dead", id, 5);
      accept.put(id, "accept");
    });
    HttpResponse<Buffer> consent = app.post("/mp/v1/subscriptions", token, accept.put("errMsg", "requestSubscribeMessage:ok"));
    assertThat(consent.statusCode()).as(consent.bodyAsString()).isEqualTo(200);
    app.wechat.failNext(FakeWeChatServer.SUBSCRIBE_SEND, 47003);
    Eventually.until("the published policy matches the new firm", Duration.ofSeconds(60),
        () -> app.post("/mp/v1/policies/" + published + "/apply", token, new JsonObject()).statusCode() == 201);
    JsonArray[] dead = new JsonArray[1];
    Eventually.until("a dead letter", Duration.ofSeconds(60), () -> !(dead[0] = app.get(
        "/api/v1/notifications/dead-letters", admin).bodyAsJsonObject().getJsonArray("items")).isEmpty());
    return dead[0].getJsonObject(0).getString("id");
  }

  String published;

  void policies() {
    JsonObject draft = policy("契约测试补助", "REVIEW");
    sample("simulatePolicy", HttpMethod.POST, "/api/v1/policies/simulate", author, draft, 200);
    call("simulatePolicy", HttpMethod.POST, "/api/v1/policies/simulate", author, new JsonObject().put("title", "无条件"), 422, false);
    call("simulatePolicy", HttpMethod.POST, "/api/v1/policies/simulate", author, draft.copy().put("colour", 1), 400, true);

    HttpResponse<Buffer> made = record("createPolicy", HttpMethod.POST, "/api/v1/policies",
        consoleClient.post("/api/v1/policies").putHeader("Authorization", "Bearer " + author).sendJsonObject(draft).await(),
        201, false);
    samples.put("createPolicy", new Sample(HttpMethod.POST, "/api/v1/policies", author, draft, null, null, 201));
    published = made.bodyAsJsonObject().getString("id");
    call("createPolicy", HttpMethod.POST, "/api/v1/policies", author, new JsonObject().put("summary", "无标题"), 422, false);
    call("createPolicy", HttpMethod.POST, "/api/v1/policies", author, draft.copy().put("colour", 1), 400, true);

    sample("listPolicies", HttpMethod.GET, "/api/v1/policies?status=PUBLISHED", author, null, 200);
    call("listPolicies", HttpMethod.GET, "/api/v1/policies?status=GONE", author, null, 400, true);
    String p = "/api/v1/policies/" + published;
    sample("updatePolicy", HttpMethod.PUT, p, author, draft.copy().put("summary", "修订后的解读"), 200);
    call("updatePolicy", HttpMethod.PUT, p, author, draft.copy().put("title", ""), 422, false);
    call("updatePolicy", HttpMethod.PUT, p, author, draft.copy().put("colour", 1), 400, true);
    call("updatePolicy", HttpMethod.PUT, "/api/v1/policies/P999999999", author, draft, 404, false);

    // an incomplete draft cannot be submitted; a complete one is submitted, returned, resubmitted, published
    String bare = app.post("/api/v1/policies", author, new JsonObject().put("title", "契约测试草稿")).bodyAsJsonObject().getString("id");
    call("submitPolicy", HttpMethod.POST, "/api/v1/policies/" + bare + "/submit", author, null, 422, false);
    sample("submitPolicy", HttpMethod.POST, p + "/submit", author, null, 200);
    call("submitPolicy", HttpMethod.POST, p + "/submit", author, null, 409, false);
    call("submitPolicy", HttpMethod.POST, "/api/v1/policies/P999999999/submit", author, null, 404, false);
    call("updatePolicy", HttpMethod.PUT, p, author, draft, 409, false);

    call("returnPolicy", HttpMethod.POST, p + "/return", reviewer, new JsonObject().put("reason", ""), 422, false);
    sample("returnPolicy", HttpMethod.POST, p + "/return", reviewer, new JsonObject().put("reason", "补充申报材料"), 200);
    call("returnPolicy", HttpMethod.POST, p + "/return", reviewer, new JsonObject().put("reason", "再次"), 409, false);
    call("returnPolicy", HttpMethod.POST, p + "/return", reviewer, new JsonObject().put("why", "x"), 400, true);
    call("returnPolicy", HttpMethod.POST, "/api/v1/policies/P999999999/return", reviewer,
        new JsonObject().put("reason", "x"), 404, false);

    call("publishPolicy", HttpMethod.POST, p + "/publish", reviewer, null, 409, false);
    assertThat(app.post(p + "/submit", author, null).statusCode()).isEqualTo(200);
    call("publishPolicy", HttpMethod.POST, p + "/publish", author, null, 409, false);
    sample("publishPolicy", HttpMethod.POST, p + "/publish", reviewer, null, 200);
    call("publishPolicy", HttpMethod.POST, "/api/v1/policies/P999999999/publish", reviewer, null, 404, false);

    sample("getPolicy", HttpMethod.GET, p, author, null, 200);
    call("getPolicy", HttpMethod.GET, "/api/v1/policies/P999999999", author, null, 404, false);
    sample("policyVersions", HttpMethod.GET, p + "/versions", author, null, 200);
    call("policyVersions", HttpMethod.GET, "/api/v1/policies/P999999999/versions", author, null, 404, false);
    sample("policyPool", HttpMethod.GET, p + "/pool", author, null, 200);
    call("policyPool", HttpMethod.GET, "/api/v1/policies/P999999999/pool", author, null, 404, false);
  }

  JsonObject policy(String title, String mode) {
    LocalDate today = LocalDate.now(ZoneOffset.ofHours(8));
    return new JsonObject()
        .put("title", title).put("docNumber", "开经信〔2026〕" + (100 + random.nextInt(800)) + "号")
        .put("summary", title + "的解读").put("body", "正文").put("clauses", new JsonArray()
            .add(new JsonObject().put("id", "1").put("text", "第一条 本县企业。")))
        .put("benefit", new JsonObject().put("kind", "FIXED").put("amount", 1))
        .put("mode", mode)
        .put("window", new JsonObject().put("opensOn", today.minusDays(10).toString())
            .put("closesOn", today.plusDays(60).toString()))
        .put("fundPool", 1000).put("exclusions", new JsonArray()).put("requiredMaterials", new JsonArray().add("申请表"))
        .put("eligibility", new JsonObject().put("all", new JsonArray()
            .add(new JsonObject().put("field", "regionCode").put("op", "prefix")
                .put("value", new JsonArray().add("330824")).put("clause", "1"))));
  }

  void redemption() {
    String p = "/api/v1/policies/" + published;
    String firm2 = app.login("kh.firm02", PASSWORD);
    List<String> apps = new ArrayList<>();
    for (String t : List.of(firm, firm2)) {
      Eventually.until("the published policy matches the demo firm", Duration.ofSeconds(60),
          () -> app.post("/mp/v1/policies/" + published + "/apply", t, new JsonObject()).statusCode() == 201);
      String uscc = app.get("/mp/v1/me/enterprise", t).bodyAsJsonObject().getString("uscc");
      apps.add(published + "-" + uscc);
    }
    sample("policyApplications", HttpMethod.GET, p + "/applications?limit=5", author, null, 200);
    call("policyApplications", HttpMethod.GET, p + "/applications?status=MAYBE", author, null, 400, true);
    call("policyApplications", HttpMethod.GET, "/api/v1/policies/P999999999/applications", author, null, 404, false);
    String a1 = "/api/v1/applications/" + apps.get(0);
    String a2 = "/api/v1/applications/" + apps.get(1);
    String none = "/api/v1/applications/" + published + "-" + Uscc.generate("330824", random);
    sample("getApplication", HttpMethod.GET, a1, author, null, 200);
    call("getApplication", HttpMethod.GET, none, author, null, 404, false);

    call("disburseApplication", HttpMethod.POST, a1 + "/disburse", author,
        new JsonObject().put("paidOn", LocalDate.now().toString()).put("reference", "BANK-1"), 409, false);
    sample("approveApplication", HttpMethod.POST, a1 + "/approve", author, null, 200);
    call("approveApplication", HttpMethod.POST, a1 + "/approve", author, null, 409, false);
    call("approveApplication", HttpMethod.POST, none + "/approve", author, null, 404, false);
    JsonObject paid = new JsonObject().put("paidOn", LocalDate.now(ZoneOffset.ofHours(8)).toString()).put("reference", "BANK-2026-001");
    call("disburseApplication", HttpMethod.POST, a1 + "/disburse", author, paid.copy().put("paidOn", "2026-13-45"), 422, false);
    call("disburseApplication", HttpMethod.POST, a1 + "/disburse", author, paid.copy().put("colour", 1), 400, true);
    call("disburseApplication", HttpMethod.POST, none + "/disburse", author, paid, 404, false);
    sample("disburseApplication", HttpMethod.POST, a1 + "/disburse", author, paid, 200);

    call("rejectApplication", HttpMethod.POST, a2 + "/reject", author, new JsonObject().put("reason", ""), 422, false);
    call("rejectApplication", HttpMethod.POST, a2 + "/reject", author, new JsonObject().put("why", "x"), 400, true);
    call("rejectApplication", HttpMethod.POST, none + "/reject", author, new JsonObject().put("reason", "x"), 404, false);
    sample("rejectApplication", HttpMethod.POST, a2 + "/reject", author, new JsonObject().put("reason", "材料不全"), 200);
    call("rejectApplication", HttpMethod.POST, a2 + "/reject", author, new JsonObject().put("reason", "材料不全"), 409, false);

    sample("closePolicy", HttpMethod.POST, p + "/close", author, null, 200);
    call("closePolicy", HttpMethod.POST, p + "/close", author, null, 409, false);
    call("closePolicy", HttpMethod.POST, "/api/v1/policies/P999999999/close", author, null, 404, false);
  }
}
