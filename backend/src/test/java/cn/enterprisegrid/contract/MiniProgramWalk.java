package cn.enterprisegrid.contract;

import static cn.enterprisegrid.contract.ContractConformanceTest.PASSWORD;
import static cn.enterprisegrid.contract.ContractConformanceTest.app;
import static cn.enterprisegrid.contract.ContractConformanceTest.mpClient;
import static cn.enterprisegrid.contract.ContractConformanceTest.mpOps;
import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.auth.Scope;
import cn.enterprisegrid.auth.Tokens;
import cn.enterprisegrid.mp.wechat.fake.FakeWeChatServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
/** The calls, in an order that builds what the later ones need (a grant to confirm, an inbox entry). */
final class MiniProgramWalk extends Walk {
  final Tokens tokens;
  final String firm = app.login("kh.firm01", PASSWORD);
  final String liaison = app.login("kh.liaison01", PASSWORD);
  final String admin = app.login("kh.admin", PASSWORD);

  MiniProgramWalk() throws IOException {
    super(mpClient, mpOps);
    // tokens the demo cannot give: an ENTERPRISE user bound to a firm that is not registered
    tokens = new Tokens(app.vertx, Tokens.loadOrCreateSecret(app.dataDir, null), Duration.ofHours(1));
  }


  @Override
  void run() {
    login();
    enterprise();
    policies();
    grid();
    notifications();
    problems();
    liaisonBinding();
    shared();
  }

  void login() {
    String code = app.wechat.issueCode("openid-contract");
    sample("mpLogin", HttpMethod.POST, "/mp/v1/auth/login", null, new JsonObject().put("code", code), 200);
    call("mpLogin", HttpMethod.POST, "/mp/v1/auth/login", null, new JsonObject(), 400, true);
    call("mpLogin", HttpMethod.POST, "/mp/v1/auth/login", null, new JsonObject().put("code", "used-or-forged"), 401, false);
    app.wechat.failNextHttp(FakeWeChatServer.CODE2SESSION, 502);
    call("mpLogin", HttpMethod.POST, "/mp/v1/auth/login", null,
        new JsonObject().put("code", app.wechat.issueCode("openid-contract")), 503, false);
  }

  void enterprise() {
    String uscc = app.get("/mp/v1/me/enterprise", firm).bodyAsJsonObject().getString("uscc");
    String other = app.get("/api/v1/enterprises?limit=5", admin).bodyAsJsonObject().getJsonArray("items").stream()
        .map(i -> ((JsonObject) i).getString("uscc")).filter(u -> !u.equals(uscc)).findFirst().orElseThrow();
    String invitation = app.post("/api/v1/enterprises/" + other + "/invitations", admin, null)
        .bodyAsJsonObject().getString("invitation");
    String wx = wxToken("openid-bind");
    sample("mpBind", HttpMethod.POST, "/mp/v1/bind", wx, new JsonObject().put("invitation", invitation), 200);
    call("mpBind", HttpMethod.POST, "/mp/v1/bind", wx, new JsonObject(), 400, true);
    call("mpBind", HttpMethod.POST, "/mp/v1/bind", wxToken("openid-bind-2"),
        new JsonObject().put("invitation", invitation), 422, false);

    sample("mpMyEnterprise", HttpMethod.GET, "/mp/v1/me/enterprise", firm, null, 200);
    call("mpMyEnterprise", HttpMethod.GET, "/mp/v1/me/enterprise", unregisteredFirm(), null, 404, false);
    sample("mpReportEnterprise", HttpMethod.PATCH, "/mp/v1/me/enterprise", firm,
        new JsonObject().put("employees", 42), 200);
    call("mpReportEnterprise", HttpMethod.PATCH, "/mp/v1/me/enterprise", firm, new JsonObject(), 400, true);
    call("mpReportEnterprise", HttpMethod.PATCH, "/mp/v1/me/enterprise", firm,
        new JsonObject().put("financials", new JsonArray().add(new JsonObject().put("year", 1900))), 422, false);
  }

  void policies() {
    JsonObject matched = app.get("/mp/v1/policies/matched", firm).bodyAsJsonObject();
    sample("mpMatchedPolicies", HttpMethod.GET, "/mp/v1/policies/matched", firm, null, 200);
    sample("mpFieldDictionary", HttpMethod.GET, "/mp/v1/dictionary/fields", firm, null, 200);
    call("mpMatchedPolicies", HttpMethod.GET, "/mp/v1/policies/matched", unregisteredFirm(), null, 404, false);

    sample("mpSearchPolicies", HttpMethod.GET, "/mp/v1/policies/search?q=" + enc("研发 补助") + "&limit=5", firm, null, 200);
    call("mpSearchPolicies", HttpMethod.GET, "/mp/v1/policies/search?q=x&limit=0", firm, null, 400, true);

    String anyPolicy = firstId(matched, "eligible", "unknown", "nearMisses");
    sample("mpPolicy", HttpMethod.GET, "/mp/v1/policies/" + anyPolicy, firm, null, 200);
    call("mpPolicy", HttpMethod.GET, "/mp/v1/policies/" + anyPolicy, liaison, null, 200, false);
    call("mpPolicy", HttpMethod.GET, "/mp/v1/policies/P999999999", firm, null, 404, false);

    String applicable = matched.getJsonArray("eligible").stream().map(JsonObject.class::cast)
        .filter(e -> !e.containsKey("application") && !e.containsKey("excludedBy")
            && !"AUTO_GRANT".equals(e.getString("mode")))
        .map(e -> e.getString("id")).findFirst().orElseThrow(() -> new AssertionError("no policy to apply for: " + matched));
    sample("mpApplyPolicy", HttpMethod.POST, "/mp/v1/policies/" + applicable + "/apply", firm, new JsonObject(), 201);
    call("mpApplyPolicy", HttpMethod.POST, "/mp/v1/policies/" + applicable + "/apply", firm,
        new JsonObject().put("other", 1), 400, true);
    call("mpApplyPolicy", HttpMethod.POST, "/mp/v1/policies/P999999999/apply", firm, new JsonObject(), 404, false);
    call("mpApplyPolicy", HttpMethod.POST, "/mp/v1/policies/" + applicable + "/apply", firm, new JsonObject(), 409, false);
    String notEligible = firstId(matched, "nearMisses", "unknown");
    call("mpApplyPolicy", HttpMethod.POST, "/mp/v1/policies/" + notEligible + "/apply", firm, new JsonObject(), 422, false);

    JsonArray apps = app.get("/mp/v1/applications", firm).bodyAsJsonObject().getJsonArray("items");
    sample("mpApplications", HttpMethod.GET, "/mp/v1/applications", firm, null, 200);
    JsonObject receipt = new JsonObject().put("accountName", "开化县测试有限公司").put("bank", "浙江农商银行")
        .put("accountNumber", "6228480012345678");
    String grant = apps.stream().map(JsonObject.class::cast)
        .filter(a -> "AWAITING".equals(a.getString("confirmation"))).map(a -> a.getString("id")).findFirst()
        .orElseThrow(() -> new AssertionError("the demo firm has no grant awaiting confirmation: " + apps));
    String granted = apps.stream().map(JsonObject.class::cast).map(a -> a.getString("id"))
        .filter(id -> !id.equals(grant)).findFirst().orElse(grant);
    sample("mpConfirmGrant", HttpMethod.POST, "/mp/v1/applications/" + grant + "/confirm", firm, receipt, 200);
    call("mpConfirmGrant", HttpMethod.POST, "/mp/v1/applications/" + grant + "/confirm", firm, new JsonObject(), 400, true);
    call("mpConfirmGrant", HttpMethod.POST, "/mp/v1/applications/" + grant.substring(0, grant.indexOf('-'))
        + "-" + "9".repeat(18) + "/confirm", firm, receipt, 404, false);
    call("mpConfirmGrant", HttpMethod.POST, "/mp/v1/applications/" + granted + "/confirm", firm, receipt, 409, false);
  }

  void grid() {
    sample("mpLiaisonFirms", HttpMethod.GET, "/mp/v1/liaison/firms", liaison, null, 200);
    JsonArray firms = app.get("/mp/v1/liaison/firms", liaison).bodyAsJsonObject().getJsonArray("items");
    String uscc = firms.getJsonObject(0).getString("uscc");
    // RFC 3339 with seconds: OffsetDateTime.toString() drops zero seconds
    String now = OffsetDateTime.now(ZoneOffset.ofHours(8)).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX"));
    JsonObject visit = new JsonObject().put("uscc", uscc).put("mode", "PHONE").put("at", now)
        .put("notes", "电话回访").put("problems", new JsonArray().add(new JsonObject().put("text", "用工紧张")));
    sample("mpRecordVisit", HttpMethod.POST, "/mp/v1/visits", liaison, visit, 201);
    call("mpRecordVisit", HttpMethod.POST, "/mp/v1/visits", liaison, visit.copy().put("mode", "BY_PIGEON"), 400, true);
    call("mpRecordVisit", HttpMethod.POST, "/mp/v1/visits", liaison, visit.copy().put("mode", "ONSITE"), 422, false);
    String notHis = app.login("kh.liaison02", PASSWORD);
    call("mpRecordVisit", HttpMethod.POST, "/mp/v1/visits", notHis, visit, 403, false);
  }

  void notifications() {
    String wx = wxToken("openid-contract");
    JsonObject inbox = app.get("/mp/v1/notifications?limit=5", firm).bodyAsJsonObject();
    sample("mpNotifications", HttpMethod.GET, "/mp/v1/notifications?limit=5", firm, null, 200);
    call("mpNotifications", HttpMethod.GET, "/mp/v1/notifications?limit=500", firm, null, 400, true);
    String id = inbox.getJsonArray("items").isEmpty() ? null : inbox.getJsonArray("items").getJsonObject(0).getString("id");
    assertThat(id).as("the demo firm's inbox is empty: " + inbox).isNotNull();
    for (String action : new String[] {"read", "opened"}) {
      String op = action.equals("read") ? "mpReadNotification" : "mpNotificationOpened";
      sample(op, HttpMethod.POST, "/mp/v1/notifications/" + id + "/" + action, firm, null, 200);
      call(op, HttpMethod.POST, "/mp/v1/notifications/no-such-id/" + action, firm, null, 404, false);
    }
    sample("mpNotificationPreferences", HttpMethod.GET, "/mp/v1/notifications/preferences", wx, null, 200);
    JsonObject prefs = new JsonObject().put("channels", new JsonArray().add("wechat").add("sms")).put("phone", "13800138000");
    sample("mpUpdateNotificationPreferences", HttpMethod.PUT, "/mp/v1/notifications/preferences", wx, prefs, 200);
    call("mpUpdateNotificationPreferences", HttpMethod.PUT, "/mp/v1/notifications/preferences", wx,
        new JsonObject().put("channels", new JsonArray().add("pigeon")), 400, true);
    call("mpUpdateNotificationPreferences", HttpMethod.PUT, "/mp/v1/notifications/preferences", wx,
        new JsonObject().put("phone", "12345"), 422, false);
    sample("mpSubscriptions", HttpMethod.GET, "/mp/v1/subscriptions", wx, null, 200);
    JsonArray templates = app.get("/mp/v1/subscriptions", wx).bodyAsJsonObject().getJsonArray("templates");
    String template = templates.getJsonObject(0).getString("templateId");
    sample("mpRecordSubscriptions", HttpMethod.POST, "/mp/v1/subscriptions", wx,
        new JsonObject().put(template, "accept").put("errMsg", "requestSubscribeMessage:ok"), 200);
    call("mpRecordSubscriptions", HttpMethod.POST, "/mp/v1/subscriptions", wx, new JsonObject(), 400, true);
    call("mpRecordSubscriptions", HttpMethod.POST, "/mp/v1/subscriptions", wx,
        new JsonObject().put(template, "maybe"), 422, false);
  }


  /** A liaison binds its WeChat identity with its account's password; firms, console tokens, non-liaisons cannot. */
  void liaisonBinding() {
    String wx = wxToken("openid-liaison-bind");
    JsonObject ok = new JsonObject().put("username", "kh.liaison02").put("password", PASSWORD);
    sample("mpBindLiaison", HttpMethod.POST, "/mp/v1/me/liaison-binding", wx, ok, 200);
    call("mpBindLiaison", HttpMethod.POST, "/mp/v1/me/liaison-binding", wx, new JsonObject().put("username", "x"),
        400, true);
    call("mpBindLiaison", HttpMethod.POST, "/mp/v1/me/liaison-binding", wxToken("openid-liaison-bind-2"),
        ok.copy().put("password", "wrong-pass-1"), 401, false);
    call("mpBindLiaison", HttpMethod.POST, "/mp/v1/me/liaison-binding", wxToken("openid-liaison-bind-3"),
        new JsonObject().put("username", "kh.admin").put("password", PASSWORD), 403, false);
    JsonObject wrong = new JsonObject().put("username", "contract.mp.locked").put("password", "wrong-pass-1");
    for (int i = 0; i < 10; i++) {
      app.post("/mp/v1/me/liaison-binding", wx, wrong);
    }
    call("mpBindLiaison", HttpMethod.POST, "/mp/v1/me/liaison-binding", wx, wrong, 429, false);
  }

  /** A token the operation refuses by role: a console admin for the firm's and the liaison's operations. */
  /** A wx.login code is used once: the login is sent again with a fresh one. */
  @Override
  Sample again(String op, Sample s) {
    return !op.equals("mpLogin") ? s : new Sample(s.method(), s.path(), s.token(),
        new JsonObject().put("code", app.wechat.issueCode("openid-contract")), null, null, s.status());
  }

  @Override
  String wrongRole(String op, Sample s) {
    String token = s.token();
    return token == null || token.equals(firm) || token.equals(liaison) ? admin : liaison;
  }

  String wxToken(String openid) {
    return app.post("/mp/v1/auth/login", null, new JsonObject().put("code", app.wechat.issueCode(openid)))
        .bodyAsJsonObject().getString("token");
  }

  String unregisteredFirm() {
    return tokens.issue(new Principal("wx:o-gone", Role.ENTERPRISE, new Scope(null, null, null, "91330824MA2GONE00X"), "o-gone"));
  }





  static String firstId(JsonObject matched, String... lists) {
    for (String list : lists) {
      JsonArray a = matched.getJsonArray(list);
      if (!a.isEmpty()) {
        return a.getJsonObject(0).getString("id");
      }
    }
    throw new AssertionError("no policy in " + List.of(lists) + ": " + matched);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  void problems() {
    JsonObject in = new JsonObject().put("category", "LABOUR").put("title", "招工难")
        .put("description", "扩产需要招聘一线技术工人五十名").put("attachments", new JsonArray().add("att-1"))
        .put("anonymous", true);
    sample("mpFileProblem", HttpMethod.POST, "/mp/v1/problems", firm, in, 201);
    String id = calls.get(calls.size() - 1).body().replaceAll("(?s).*?\"id\":\"([0-9]+)\".*", "$1");
    call("mpFileProblem", HttpMethod.POST, "/mp/v1/problems", firm, in.copy().put("colour", "red"), 400, true);
    call("mpFileProblem", HttpMethod.POST, "/mp/v1/problems", firm, in.copy().put("category", "KING"), 422, false);
    // a liaison files for its own firms only
    String notHis = app.get("/api/v1/enterprises?region=330824116&limit=50", admin).bodyAsJsonObject()
        .getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("uscc"))
        .filter(u -> !liaisonFirms().contains(u)).findFirst().orElseThrow();
    call("mpFileProblem", HttpMethod.POST, "/mp/v1/problems", liaison, in.copy().put("uscc", notHis), 422, false);
    call("mpFileProblem", HttpMethod.POST, "/mp/v1/problems", liaison, in.copy().put("uscc", liaisonFirms().get(0)),
        201, false);
    notExercised.computeIfAbsent("mpFileProblem", k -> new java.util.TreeMap<>()).put(409,
        "only when the acceptance deadline reaches a year the calendar lacks; ProblemStoreTest provokes it");

    sample("mpListProblems", HttpMethod.GET, "/mp/v1/problems?page=1&pageSize=10", firm, null, 200);
    call("mpListProblems", HttpMethod.GET, "/mp/v1/problems?page=0", firm, null, 400, true);
    sample("mpGetProblem", HttpMethod.GET, "/mp/v1/problems/" + id, firm, null, 200);
    call("mpGetProblem", HttpMethod.GET, "/mp/v1/problems/999999999", firm, null, 404, false);
    call("mpGetProblem", HttpMethod.GET, "/mp/v1/problems/" + id, app.login("kh.firm02", PASSWORD), null, 404, false);

    String rate = "/mp/v1/problems/" + id + "/rating";
    JsonObject level = new JsonObject().put("level", "SATISFIED").put("comment", "办理及时");
    call("mpRateProblem", HttpMethod.POST, rate, firm, level, 409, false);
    String handler = app.login("kh.rsj.handler", PASSWORD);
    for (String[] step : new String[][] {{"accept", null}, {"dispatch", "{\"department\":\"开化县人力资源和社会保障局\"}"},
        {"resolve", "{\"resolution\":\"已推荐专场招聘会\"}"}}) {
      String token = "resolve".equals(step[0]) ? handler : admin;
      int status = app.post("/api/v1/problems/" + id + "/" + step[0], token,
          step[1] == null ? null : new JsonObject(step[1])).statusCode();
      assertThat(status).as(step[0]).isEqualTo(200);
    }
    call("mpRateProblem", HttpMethod.POST, rate, firm, level.copy().put("level", "GOOD"), 422, false);
    call("mpRateProblem", HttpMethod.POST, rate, firm, level.copy().put("stars", 5), 400, true);
    call("mpRateProblem", HttpMethod.POST, "/mp/v1/problems/999999999/rating", firm, level, 404, false);
    sample("mpRateProblem", HttpMethod.POST, rate, firm, level, 200);
  }

  List<String> liaisonFirms() {
    return app.get("/mp/v1/liaison/firms", liaison).bodyAsJsonObject().getJsonArray("items").stream()
        .map(o -> ((JsonObject) o).getString("uscc")).toList();
  }
}
