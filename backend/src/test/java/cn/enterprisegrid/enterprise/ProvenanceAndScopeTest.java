package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.http.Language;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.testing.AdminToken;
import cn.enterprisegrid.testing.WithBackend;
import cn.enterprisegrid.testing.TestBackend;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static cn.enterprisegrid.testing.ProblemAssert.assertFieldProblem;
import static cn.enterprisegrid.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

@WithBackend
class ProvenanceAndScopeTest {
  static TestBackend app;
  @AdminToken static String admin;
  static EnterpriseStore store;

  @BeforeAll
  static void start() {
    store = Firms.store(app);
  }

  private static JsonObject profile(String uscc, String token) {
    return app.get("/api/v1/enterprises/" + uscc, token).bodyAsJsonObject();
  }

  @Test
  void importSelfReportVerifyAndCorrections() {
    JsonObject f = Firms.firm(Firms.uscc(), Firms.HUABU);
    String uscc = f.getString("uscc");
    Firms.importBody(app, admin, "application/x-ndjson", f.encode());

    // the firm reports more employees: SELF_REPORTED
    store.selfReport(uscc, new JsonObject().put("employees", 95), "wx:firm-user").await();
    JsonObject p = profile(uscc, admin);
    assertThat(p.getInteger("employees")).isEqualTo(95);
    assertThat(p.getJsonObject("provenance").getJsonObject("employees").getString("source")).isEqualTo("SELF_REPORTED");
    assertThat(p.getJsonObject("provenance").getJsonObject("employees").getString("actor")).isEqualTo("wx:firm-user");

    // the liaison verifies 90
    store.verify(uscc, new JsonObject().put("employees", 90), "liaison:L0001").await();
    p = profile(uscc, admin);
    assertThat(p.getInteger("employees")).isEqualTo(90);
    assertThat(p.getJsonObject("provenance").getJsonObject("employees").getString("source")).isEqualTo("VERIFIED");

    // a self-report never silently overwrites a VERIFIED value: it waits as a correction
    EnterpriseStore.Outcome o = store.selfReport(uscc, new JsonObject().put("employees", 120), "wx:firm-user").await();
    assertThat(o.pending()).containsExactly("employees");
    p = profile(uscc, admin);
    assertThat(p.getInteger("employees")).isEqualTo(90);
    assertThat(p.getInteger("pendingCorrections")).isEqualTo(1);
    JsonArray corrections = app.get("/api/v1/enterprises/" + uscc + "/corrections", admin).bodyAsJsonObject()
        .getJsonArray("items");
    assertThat(corrections.getJsonObject(0).getString("field")).isEqualTo("employees");
    assertThat(corrections.getJsonObject(0).getInteger("value")).isEqualTo(120);
    assertThat(corrections.getJsonObject(0).getString("source")).isEqualTo("SELF_REPORTED");

    // a registry re-import with another value keeps the VERIFIED one and queues its value too
    f.put("employees", 80).put("name", "开化改名纸业有限公司");
    JsonObject imp = Firms.importBody(app, admin, "application/x-ndjson", f.encode()).bodyAsJsonObject();
    assertThat(imp.getLong("updated")).isEqualTo(1);
    p = profile(uscc, admin);
    assertThat(p.getInteger("employees")).isEqualTo(90);
    assertThat(p.getString("name")).isEqualTo("开化改名纸业有限公司");
    assertThat(app.get("/api/v1/enterprises/" + uscc + "/corrections", admin).bodyAsJsonObject()
        .getJsonArray("items").getJsonObject(0).getString("source")).isEqualTo("REGISTRY");

    // the liaison's account: confirm applies the pending value as VERIFIED
    store.assignLiaison(uscc, "L0042", "admin").await();
    app.createAccount(admin, "liaison.42", "LIAISON", new JsonObject().put("liaisonId", "L0042"));
    String liaison = app.login("liaison.42", "secret-pass-1");
    store.selfReport(uscc, new JsonObject().put("employees", 120), "wx:firm-user").await();
    JsonObject confirmed = app.post("/api/v1/enterprises/" + uscc + "/corrections/employees/confirm", liaison, null)
        .bodyAsJsonObject();
    assertThat(confirmed.getInteger("employees")).isEqualTo(120);
    assertThat(confirmed.getInteger("pendingCorrections")).isZero();
    assertThat(confirmed.getJsonObject("provenance").getJsonObject("employees").getString("actor")).isEqualTo("liaison.42");

    // reject: the value stays, the reason is audited
    store.selfReport(uscc, new JsonObject().put("employees", 5000), "wx:firm-user").await();
    assertFieldProblem(app.post("/api/v1/enterprises/" + uscc + "/corrections/employees/reject", liaison,
        new JsonObject()), 422, "/reason");
    JsonObject rejected = app.post("/api/v1/enterprises/" + uscc + "/corrections/employees/reject", liaison,
        new JsonObject().put("reason", "社保参保人数为120")).bodyAsJsonObject();
    assertThat(rejected.getInteger("employees")).isEqualTo(120);
    assertThat(rejected.getInteger("pendingCorrections")).isZero();
    assertProblem(app.post("/api/v1/enterprises/" + uscc + "/corrections/employees/confirm", liaison, null), 404,
        "/problems/not-found");
    JsonArray audit = app.get("/api/v1/audit?target=enterprise:" + uscc, admin).bodyAsJsonObject().getJsonArray("entries");
    assertThat(audit.getJsonObject(0).getString("action")).isEqualTo("enterprise.correction.reject");
    assertThat(audit.getJsonObject(0).getJsonObject("after").getString("reason")).isEqualTo("社保参保人数为120");

    // history: newest first, with field, before, after, source, actor
    JsonArray items = app.get("/api/v1/enterprises/" + uscc + "/history?limit=3", admin).bodyAsJsonObject()
        .getJsonArray("items");
    JsonObject newest = items.getJsonObject(0);
    assertThat(newest.getString("field")).isEqualTo("employees");
    assertThat(newest.getInteger("before")).isEqualTo(90);
    assertThat(newest.getInteger("after")).isEqualTo(120);
    assertThat(newest.getString("source")).isEqualTo("VERIFIED");
    assertThat(newest.getString("actor")).isEqualTo("liaison.42");
    JsonArray all = app.get("/api/v1/enterprises/" + uscc + "/history?limit=100", admin).bodyAsJsonObject()
        .getJsonArray("items");
    JsonObject oldest = all.getJsonObject(all.size() - 1);
    assertThat(oldest.getString("source")).isEqualTo("REGISTRY");
    assertThat(oldest.getValue("before")).isNull();
    assertThat(all.stream().map(x -> ((JsonObject) x).getString("source")))
        .contains("SELF_REPORTED", "VERIFIED", "REGISTRY");
  }

  @Test
  void selfReportFieldsAreValidated() {
    JsonObject f = Firms.firm(Firms.uscc(), Firms.HUABU);
    Firms.put(app, admin, f);
    Throwable refused = store.selfReport(f.getString("uscc"), new JsonObject().put("name", "x"), "wx:u")
        .toCompletionStage().toCompletableFuture().handle((r, e) -> e).join();
    // the exception's message is the log's (English); the firm reads the problem's Chinese text
    Throwable cause = refused instanceof ProblemException ? refused : refused.getCause();
    assertThat(((ProblemException) cause).problem().toJson("", Language.ZH).encode())
        .contains("name 不能在此修改");
  }

  @Test
  void scopesHideFirmsOutsideThem() {
    JsonObject huabu = Firms.firm(Firms.uscc(), Firms.HUABU);
    JsonObject majin = Firms.firm(Firms.uscc(), Firms.MAJIN);
    Firms.put(app, admin, huabu);
    Firms.put(app, admin, majin);
    String hu = huabu.getString("uscc");
    String ma = majin.getString("uscc");

    app.createAccount(admin, "scope.huabu", "GRID_ADMIN", new JsonObject().put("region", Firms.HUABU));
    String township = app.login("scope.huabu", "secret-pass-1");
    assertThat(app.get("/api/v1/enterprises/" + hu, township).statusCode()).isEqualTo(200);
    assertProblem(app.get("/api/v1/enterprises/" + ma, township), 404, "/problems/not-found");
    assertProblem(app.get("/api/v1/enterprises/" + ma + "/history", township), 404, "/problems/not-found");
    assertProblem(Firms.put(app, township, majin), 403, "/problems/forbidden");

    app.createAccount(admin, "scope.sup", "SUPERVISOR", new JsonObject().put("region", Firms.MAJIN));
    String sup = app.login("scope.sup", "secret-pass-1");
    assertThat(app.get("/api/v1/enterprises/" + ma, sup).statusCode()).isEqualTo(200);
    assertProblem(app.get("/api/v1/enterprises/" + hu, sup), 404, "/problems/not-found");

    app.createAccount(admin, "scope.firm", "ENTERPRISE", new JsonObject().put("uscc", hu));
    String firm = app.login("scope.firm", "secret-pass-1");
    assertThat(app.get("/api/v1/enterprises/" + hu, firm).statusCode()).isEqualTo(200);
    assertProblem(app.get("/api/v1/enterprises/" + ma, firm), 404, "/problems/not-found");
    assertProblem(app.post("/api/v1/enterprises/" + hu + "/invitations", firm, null), 403, "/problems/forbidden");

    store.assignLiaison(ma, "L0777", "admin").await();
    app.createAccount(admin, "scope.liaison", "LIAISON", new JsonObject().put("liaisonId", "L0777"));
    String liaison = app.login("scope.liaison", "secret-pass-1");
    assertThat(app.get("/api/v1/enterprises/" + ma, liaison).statusCode()).isEqualTo(200);
    assertProblem(app.get("/api/v1/enterprises/" + hu, liaison), 404, "/problems/not-found");
    assertThat(profile(ma, admin).getString("liaisonId")).isEqualTo("L0777");

    // a malformed code breaks the contract's path pattern: 400 naming it (it was a 404 before)
    assertFieldProblem(app.get("/api/v1/enterprises/NOT-A-CODE", admin), 400, "/uscc");
    assertProblem(app.get("/api/v1/enterprises/" + Firms.uscc(), admin), 404, "/problems/not-found");
  }

  @Test
  void batchReadServesListings() {
    JsonObject a = Firms.firm(Firms.uscc(), Firms.HUABU);
    Firms.put(app, admin, a);
    var list = store.get(java.util.List.of(a.getString("uscc"), Firms.uscc())).await();
    assertThat(list.get(0).getJsonObject("derived").getString("townshipCode")).isEqualTo(Firms.HUABU);
    assertThat(list.get(1)).isNull();
  }

  @Test
  void theCreditStatusChangesOnlyThroughTheRegistry() {
    JsonObject f = Firms.firm(Firms.uscc(), Firms.HUABU).put("creditStatus", "SERIOUS_DISHONESTY");
    String uscc = f.getString("uscc");
    Firms.importBody(app, admin, "application/x-ndjson", f.encode());

    // neither the firm's self-report nor a liaison's check may carry it: refused, naming the field
    Throwable self = catchFailure(() -> store.selfReport(uscc, new JsonObject().put("creditStatus", "NORMAL"),
        "wx:firm-user").await());
    assertThat(self).isInstanceOf(cn.enterprisegrid.http.ProblemException.class);
    assertThat(((cn.enterprisegrid.http.ProblemException) self).problem().pointer()).isEqualTo("/creditStatus");
    Throwable check = catchFailure(() -> store.verify(uscc, new JsonObject().put("creditStatus", "NORMAL"),
        "liaison:L0007").await());
    assertThat(((cn.enterprisegrid.http.ProblemException) check).problem().pointer()).isEqualTo("/creditStatus");
    JsonObject p = profile(uscc, admin);
    assertThat(p.getString("creditStatus")).isEqualTo("SERIOUS_DISHONESTY");
    assertThat(p.getInteger("pendingCorrections")).isZero();

    // the registry's next record sets it, over any other source, with no correction to decide
    store.verify(uscc, new JsonObject().put("employees", 33), "liaison:L0007").await();
    Firms.importBody(app, admin, "application/x-ndjson", f.put("creditStatus", "NORMAL").encode());
    p = profile(uscc, admin);
    assertThat(p.getString("creditStatus")).isEqualTo("NORMAL");
    assertThat(p.getJsonObject("provenance").getJsonObject("creditStatus").getString("source")).isEqualTo("REGISTRY");
    assertThat(app.get("/api/v1/enterprises/" + uscc + "/corrections", admin).bodyAsJsonObject()
        .getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("field"))).doesNotContain("creditStatus");
  }

  @Test
  void aTownshipsAccountsReadTheAuditTrailOfTheirRegionOnly() {
    JsonObject huabu = Firms.firm(Firms.uscc(), Firms.HUABU);
    JsonObject majin = Firms.firm(Firms.uscc(), Firms.MAJIN);
    Firms.put(app, admin, huabu);
    Firms.put(app, admin, majin);
    app.createAccount(admin, "audit.huabu.admin", "GRID_ADMIN", new JsonObject().put("region", Firms.HUABU));
    app.createAccount(admin, "audit.huabu.supervisor", "SUPERVISOR", new JsonObject().put("region", Firms.HUABU));
    for (String who : java.util.List.of("audit.huabu.admin", "audit.huabu.supervisor")) {
      String token = app.login(who, "secret-pass-1");
      // positive control: its own firm's trail
      var own = app.get("/api/v1/audit?target=enterprise:" + huabu.getString("uscc"), token);
      assertThat(own.statusCode()).as(who + ": " + own.bodyAsString()).isEqualTo(200);
      assertThat(own.bodyAsJsonObject().getJsonArray("entries")).isNotEmpty();
      // another township's firm, an account of the whole territory: refused as permission problems
      assertProblem(app.get("/api/v1/audit?target=enterprise:" + majin.getString("uscc"), token), 403,
          "/problems/forbidden");
      assertProblem(app.get("/api/v1/audit?target=account:admin", token), 403, "/problems/forbidden");
      // the whole trail and an actor's, thinned to its region
      for (String q : java.util.List.of("?limit=1000", "?actor=admin&limit=1000")) {
        var all = app.get("/api/v1/audit" + q, token).bodyAsJsonObject().getJsonArray("entries");
        assertThat(all.stream().map(o -> ((JsonObject) o).getString("target")))
            .contains("enterprise:" + huabu.getString("uscc"))
            .doesNotContain("enterprise:" + majin.getString("uscc"));
        assertThat(all.stream().map(o -> ((JsonObject) o).getString("target")).filter(t -> !t.startsWith("enterprise:")
            && !t.startsWith("account:audit.huabu") && !t.startsWith("problem:"))).as(who).isEmpty();
      }
    }
    // the territory's admin reads it all
    assertThat(app.get("/api/v1/audit?target=enterprise:" + majin.getString("uscc"), admin).statusCode()).isEqualTo(200);
    assertThat(app.get("/api/v1/audit", admin).statusCode()).isEqualTo(200);
  }

  private static Throwable catchFailure(Runnable r) {
    try {
      r.run();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }
}
