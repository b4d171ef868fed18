package cn.enterprisegrid.contract;

import static cn.enterprisegrid.contract.ContractConformanceTest.PASSWORD;
import static cn.enterprisegrid.contract.ContractConformanceTest.app;
import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.testing.Eventually;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import java.time.Duration;
import java.util.TreeMap;
/** The console walk's problem loop and working-day calendar: every step, each status it documents. */
abstract class ProblemConsoleWalk extends ConsoleAccounts {
  static final String RSJ = "开化县人力资源和社会保障局";
  static final String ZRZY = "开化县自然资源和规划局";
  static final String NO_CASE = "/api/v1/problems/999999999";

  /** A case for the walk's firm, filed and moved on outside Prism (the walk records only its own calls). */
  String setupCase(String title, String... steps) {
    String uscc = app.get("/mp/v1/me/enterprise", firm).bodyAsJsonObject().getString("uscc");
    HttpResponse<Buffer> r = app.post("/api/v1/problems", admin, intake(uscc, title));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    String id = r.bodyAsJsonObject().getString("id");
    for (String s : steps) {
      String[] parts = s.split(":", 2);
      String token = switch (parts[0]) {
        case "admin" -> admin;
        case "rsj" -> handler;
        default -> throw new IllegalArgumentException(parts[0]);
      };
      JsonObject body = switch (parts[1]) {
        case "dispatch" -> new JsonObject().put("department", RSJ).put("complexity", "ORDINARY");
        case "resolve" -> new JsonObject().put("resolution", "已协调解决");
        default -> null;
      };
      HttpResponse<Buffer> step = app.post("/api/v1/problems/" + id + "/" + parts[1], token, body);
      assertThat(step.statusCode()).as(s + ": " + step.bodyAsString()).isEqualTo(200);
    }
    return id;
  }

  JsonObject intake(String uscc, String title) {
    return new JsonObject().put("uscc", uscc).put("category", "LABOUR").put("title", title)
        .put("description", "企业扩产需要招聘一线技术工人五十名，近两个月招聘会效果不佳").put("anonymous", false);
  }

  void problems() {
    String majin = app.login("kh.majin.admin", PASSWORD);
    String zrzy = app.login("kh.zrzy.handler", PASSWORD);
    String uscc = app.get("/mp/v1/me/enterprise", firm).bodyAsJsonObject().getString("uscc");
    sample("listProblemCategories", HttpMethod.GET, "/api/v1/problem-categories", handler, null, 200);

    JsonObject in = intake(uscc, "招工难");
    sample("fileProblem", HttpMethod.POST, "/api/v1/problems", admin, in, 201);
    String a = calls.get(calls.size() - 1).body().replaceAll("(?s).*?\"id\":\"([0-9]+)\".*", "$1");
    call("fileProblem", HttpMethod.POST, "/api/v1/problems", admin, in.copy().put("colour", "red"), 400, true);
    call("fileProblem", HttpMethod.POST, "/api/v1/problems", admin, in.copy().put("category", "KING"), 422, false);
    call("fileProblem", HttpMethod.POST, "/api/v1/problems", majin, in, 422, false);
    notExercised.computeIfAbsent("fileProblem", k -> new TreeMap<>()).put(409,
        "only when the acceptance deadline reaches a year the calendar lacks (late December before the next "
            + "year's schedule is loaded); ProblemStoreTest provokes it through the store");

    String p = "/api/v1/problems/" + a;
    sample("getProblem", HttpMethod.GET, p, admin, null, 200);
    call("getProblem", HttpMethod.GET, NO_CASE, admin, null, 404, false);
    call("getProblem", HttpMethod.GET, p, handler, null, 404, false);
    Eventually.until("the listing index has the new case", Duration.ofSeconds(20), () -> app.get(
        "/api/v1/problems?status=SUBMITTED&pageSize=100", admin).bodyAsJsonObject().getJsonArray("items").stream()
        .anyMatch(o -> a.equals(((JsonObject) o).getString("id"))));
    sample("listProblems", HttpMethod.GET, "/api/v1/problems?status=SUBMITTED&overdue=false&page=1&pageSize=5", admin,
        null, 200);
    call("listProblems", HttpMethod.GET, "/api/v1/problems?township=33a", admin, null, 400, true);
    call("listProblems", HttpMethod.GET, "/api/v1/problems?overdue=maybe", admin, null, 400, true);

    call("acceptProblem", HttpMethod.POST, NO_CASE + "/accept", admin, null, 404, false);
    call("acceptProblem", HttpMethod.POST, p + "/accept", handler, null, 404, false);
    sample("acceptProblem", HttpMethod.POST, p + "/accept", admin, null, 200);
    call("acceptProblem", HttpMethod.POST, p + "/accept", admin, null, 409, false);

    String b = setupCase("用工备案咨询");
    String pb = "/api/v1/problems/" + b;
    call("rejectProblem", HttpMethod.POST, pb + "/reject", admin, new JsonObject().put("reason", ""), 422, false);
    call("rejectProblem", HttpMethod.POST, pb + "/reject", admin, new JsonObject().put("why", "x"), 400, true);
    call("rejectProblem", HttpMethod.POST, NO_CASE + "/reject", admin, new JsonObject().put("reason", "重复"), 404, false);
    sample("rejectProblem", HttpMethod.POST, pb + "/reject", admin, new JsonObject().put("reason", "非政府职能事项"), 200);
    call("rejectProblem", HttpMethod.POST, p + "/reject", admin, new JsonObject().put("reason", "重复"), 409, false);

    JsonObject order = new JsonObject().put("department", RSJ).put("complexity", "ORDINARY").put("handler", "张科长");
    call("dispatchProblem", HttpMethod.POST, p + "/dispatch", admin, order.copy().put("complexity", "HARD"), 422, false);
    call("dispatchProblem", HttpMethod.POST, p + "/dispatch", admin, order.copy().put("colour", 1), 400, true);
    call("dispatchProblem", HttpMethod.POST, NO_CASE + "/dispatch", admin, order, 404, false);
    sample("dispatchProblem", HttpMethod.POST, p + "/dispatch", admin, order, 200);
    call("dispatchProblem", HttpMethod.POST, p + "/dispatch", admin, order, 409, false);

    JsonObject note = new JsonObject().put("note", "已联系企业，正在对接招聘会");
    call("reportProblemProgress", HttpMethod.POST, p + "/progress", handler, new JsonObject().put("note", ""), 422, false);
    call("reportProblemProgress", HttpMethod.POST, p + "/progress", handler, note.copy().put("x", 1), 400, true);
    call("reportProblemProgress", HttpMethod.POST, NO_CASE + "/progress", handler, note, 404, false);
    call("reportProblemProgress", HttpMethod.POST, p + "/progress", zrzy, note, 404, false);
    sample("reportProblemProgress", HttpMethod.POST, p + "/progress", handler, note, 200);

    JsonObject suspend = new JsonObject().put("reason", "等待企业补充岗位需求表").put("kind", "AWAITING_FIRM");
    call("suspendProblem", HttpMethod.POST, p + "/suspend", handler, suspend.copy().put("kind", "LUNCH"), 422, false);
    call("suspendProblem", HttpMethod.POST, p + "/suspend", handler, suspend.copy().put("x", 1), 400, true);
    call("suspendProblem", HttpMethod.POST, NO_CASE + "/suspend", handler, suspend, 404, false);
    sample("suspendProblem", HttpMethod.POST, p + "/suspend", handler, suspend, 200);
    call("suspendProblem", HttpMethod.POST, p + "/suspend", handler, suspend, 409, false);
    call("reportProblemProgress", HttpMethod.POST, p + "/progress", handler, note, 409, false);
    call("resumeProblem", HttpMethod.POST, NO_CASE + "/resume", handler, null, 404, false);
    sample("resumeProblem", HttpMethod.POST, p + "/resume", handler, null, 200);
    call("resumeProblem", HttpMethod.POST, p + "/resume", handler, null, 409, false);

    JsonObject ask = new JsonObject().put("workingDays", 5).put("reason", "需协调县人力资源市场场地");
    call("extendProblem", HttpMethod.POST, p + "/extend", handler, ask.copy().put("workingDays", 0), 422, false);
    call("extendProblem", HttpMethod.POST, p + "/extend", handler, ask.copy().put("x", 1), 400, true);
    call("extendProblem", HttpMethod.POST, NO_CASE + "/extend", handler, ask, 404, false);
    sample("extendProblem", HttpMethod.POST, p + "/extend", handler, ask, 200);
    call("extendProblem", HttpMethod.POST, p + "/extend", handler, ask, 409, false);
    call("extendProblem", HttpMethod.POST, p + "/extend", admin, ask.copy().put("reason", "同意延期"), 200, false);

    JsonObject transfer = new JsonObject().put("department", ZRZY).put("reason", "涉及厂房用地");
    call("transferProblem", HttpMethod.POST, p + "/transfer", handler, transfer.copy().put("department", ""), 422, false);
    call("transferProblem", HttpMethod.POST, p + "/transfer", handler, transfer.copy().put("x", 1), 400, true);
    call("transferProblem", HttpMethod.POST, NO_CASE + "/transfer", handler, transfer, 404, false);
    sample("transferProblem", HttpMethod.POST, p + "/transfer", handler, transfer, 200);
    call("transferProblem", HttpMethod.POST, p + "/transfer", handler, transfer, 409, false);
    // the receiver sees the proposal but may not act on the case before it accepts
    call("reportProblemProgress", HttpMethod.POST, p + "/progress", zrzy, note, 403, false);
    call("acceptProblemTransfer", HttpMethod.POST, NO_CASE + "/transfer/accept", zrzy, null, 404, false);
    sample("acceptProblemTransfer", HttpMethod.POST, p + "/transfer/accept", zrzy, null, 200);
    call("acceptProblemTransfer", HttpMethod.POST, p + "/transfer/accept", zrzy, null, 409, false);
    call("getProblem", HttpMethod.GET, p, handler, null, 404, false);

    JsonObject done = new JsonObject().put("resolution", "已推荐至县人力资源市场专场招聘会，企业招到四十二人");
    call("resolveProblem", HttpMethod.POST, p + "/resolve", zrzy, new JsonObject().put("resolution", ""), 422, false);
    call("resolveProblem", HttpMethod.POST, p + "/resolve", zrzy, done.copy().put("x", 1), 400, true);
    call("resolveProblem", HttpMethod.POST, NO_CASE + "/resolve", zrzy, done, 404, false);
    sample("resolveProblem", HttpMethod.POST, p + "/resolve", zrzy, done, 200);
    call("resolveProblem", HttpMethod.POST, p + "/resolve", zrzy, done, 409, false);

    // a bad rating reopens the case for verification (回访)
    HttpResponse<Buffer> rated = app.post("/mp/v1/problems/" + a + "/rating", firm,
        new JsonObject().put("level", "DISSATISFIED").put("comment", "只招到一部分"));
    assertThat(rated.statusCode()).as(rated.bodyAsString()).isEqualTo(200);
    JsonObject verify = new JsonObject().put("outcome", "EXPLAINED").put("note", "已向企业说明后续专场安排");
    call("verifyProblem", HttpMethod.POST, p + "/verify", admin, verify.copy().put("outcome", "MAYBE"), 422, false);
    call("verifyProblem", HttpMethod.POST, p + "/verify", admin, verify.copy().put("x", 1), 400, true);
    call("verifyProblem", HttpMethod.POST, NO_CASE + "/verify", admin, verify, 404, false);
    sample("verifyProblem", HttpMethod.POST, p + "/verify", admin, verify, 200);
    call("verifyProblem", HttpMethod.POST, p + "/verify", admin, verify, 409, false);
    call("reopenProblem", HttpMethod.POST, NO_CASE + "/reopen", admin, null, 404, false);
    sample("reopenProblem", HttpMethod.POST, p + "/reopen", admin, null, 200);
    call("reopenProblem", HttpMethod.POST, p + "/reopen", admin, null, 409, false);

    String c = setupCase("技能培训补贴咨询", "admin:accept", "admin:dispatch", "rsj:resolve");
    call("closeProblem", HttpMethod.POST, NO_CASE + "/close", admin, null, 404, false);
    sample("closeProblem", HttpMethod.POST, "/api/v1/problems/" + c + "/close", admin, null, 200);
    call("closeProblem", HttpMethod.POST, "/api/v1/problems/" + c + "/close", admin, null, 409, false);

    // the receiver declines a transfer; the accountable department has none pending to answer
    String t = setupCase("社保缴费基数咨询", "admin:accept", "admin:dispatch");
    String pt = "/api/v1/problems/" + t;
    HttpResponse<Buffer> proposed = app.post(pt + "/transfer", handler, transfer);
    assertThat(proposed.statusCode()).as(proposed.bodyAsString()).isEqualTo(200);
    call("declineProblemTransfer", HttpMethod.POST, pt + "/transfer/decline", zrzy, new JsonObject().put("reason", ""), 422, false);
    call("declineProblemTransfer", HttpMethod.POST, pt + "/transfer/decline", zrzy, new JsonObject().put("x", 1), 400, true);
    call("declineProblemTransfer", HttpMethod.POST, NO_CASE + "/transfer/decline", zrzy,
        new JsonObject().put("reason", "不属本部门职责"), 404, false);
    sample("declineProblemTransfer", HttpMethod.POST, pt + "/transfer/decline", zrzy,
        new JsonObject().put("reason", "不属本部门职责"), 200);
    call("declineProblemTransfer", HttpMethod.POST, pt + "/transfer/decline", handler,
        new JsonObject().put("reason", "不属本部门职责"), 409, false);

    // the department appeals a bad rating; a grid admin decides
    String g = setupCase("稳岗补贴到账慢", "admin:accept", "admin:dispatch", "rsj:resolve");
    String pg = "/api/v1/problems/" + g;
    HttpResponse<Buffer> bad = app.post("/mp/v1/problems/" + g + "/rating", firm,
        new JsonObject().put("level", "VERY_DISSATISFIED").put("comment", "补贴还没到账"));
    assertThat(bad.statusCode()).as(bad.bodyAsString()).isEqualTo(200);
    JsonObject appeal = new JsonObject().put("reason", "补贴已按规定时限拨付，到账由银行处理");
    call("appealProblemRating", HttpMethod.POST, pg + "/appeal", handler, new JsonObject().put("reason", ""), 422, false);
    call("appealProblemRating", HttpMethod.POST, pg + "/appeal", handler, appeal.copy().put("x", 1), 400, true);
    call("appealProblemRating", HttpMethod.POST, NO_CASE + "/appeal", handler, appeal, 404, false);
    sample("appealProblemRating", HttpMethod.POST, pg + "/appeal", handler, appeal, 200);
    call("appealProblemRating", HttpMethod.POST, pg + "/appeal", handler, appeal, 409, false);
    JsonObject decision = new JsonObject().put("upheld", true).put("note", "经核实，拨付符合规定");
    call("decideProblemAppeal", HttpMethod.POST, pg + "/appeal/decision", admin, new JsonObject().put("note", "x"), 422, false);
    call("decideProblemAppeal", HttpMethod.POST, pg + "/appeal/decision", admin, decision.copy().put("upheld", "yes"), 400, true);
    call("decideProblemAppeal", HttpMethod.POST, NO_CASE + "/appeal/decision", admin, decision, 404, false);
    sample("decideProblemAppeal", HttpMethod.POST, pg + "/appeal/decision", admin, decision, 200);
    call("decideProblemAppeal", HttpMethod.POST, pg + "/appeal/decision", admin, decision, 409, false);

    String d = setupCase("招工难（二）");
    String e = setupCase("一线工人招聘困难");
    String pd = "/api/v1/problems/" + d;
    call("mergeProblem", HttpMethod.POST, pd + "/merge", admin, new JsonObject().put("into", d), 422, false);
    call("mergeProblem", HttpMethod.POST, pd + "/merge", admin, new JsonObject().put("into", "abc"), 400, true);
    call("mergeProblem", HttpMethod.POST, NO_CASE + "/merge", admin, new JsonObject().put("into", e), 404, false);
    call("mergeProblem", HttpMethod.POST, pb + "/merge", admin, new JsonObject().put("into", e), 409, false);
    sample("mergeProblem", HttpMethod.POST, pd + "/merge", admin, new JsonObject().put("into", e), 200);
  }

  void calendar() {
    sample("calendarDue", HttpMethod.GET, "/api/v1/calendar/due?from=2026-09-30&workingDays=1", handler, null, 200);
    assertThat(calls.get(calls.size() - 1).body()).contains("\"due\":\"2026-10-08\"");
    call("calendarDue", HttpMethod.GET, "/api/v1/calendar/due?from=2026-13-01&workingDays=1", admin, null, 400, true);
    call("calendarDue", HttpMethod.GET, "/api/v1/calendar/due?from=2026-10-01&workingDays=-1", admin, null, 400, true);
    call("calendarDue", HttpMethod.GET, "/api/v1/calendar/due?from=2029-06-01&workingDays=3", admin, null, 409, false);
    sample("getCalendarYear", HttpMethod.GET, "/api/v1/calendar/2026", supervisor, null, 200);
    call("getCalendarYear", HttpMethod.GET, "/api/v1/calendar/2098", admin, null, 404, false);
    JsonObject year = new JsonObject().put("rows", new JsonArray()
        .add(new JsonObject().put("date", "2031-01-01").put("kind", "HOLIDAY").put("name", "元旦")));
    call("putCalendarYear", HttpMethod.PUT, "/api/v1/calendar/2031", admin, year, 403, false);
    call("putCalendarYear", HttpMethod.PUT, "/api/v1/calendar/2031", root, new JsonObject().put("rows", new JsonArray()
        .add(new JsonObject().put("date", "2031-01-02").put("kind", "WORKDAY").put("name", "元旦"))), 422, false);
    call("putCalendarYear", HttpMethod.PUT, "/api/v1/calendar/2031", root, year.copy().put("x", 1), 400, true);
    sample("putCalendarYear", HttpMethod.PUT, "/api/v1/calendar/2031", root, year, 200);
  }
}
