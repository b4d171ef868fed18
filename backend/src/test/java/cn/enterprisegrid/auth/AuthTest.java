package cn.enterprisegrid.auth;

import cn.enterprisegrid.testing.AdminToken;
import cn.enterprisegrid.testing.WithBackend;
import cn.enterprisegrid.testing.TestBackend;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cn.enterprisegrid.testing.ProblemAssert.assertFieldProblem;
import static cn.enterprisegrid.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

@WithBackend
class AuthTest {
  static TestBackend app;
  @AdminToken static String admin;

  @Test
  void wrongPasswordIsUnauthorized() {
    HttpResponse<Buffer> r = app.post("/api/v1/auth/login", null,
        new JsonObject().put("username", "admin").put("password", "wrong-password"));
    assertProblem(r, 401, "/problems/unauthorized");
    assertThat(r.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
  }

  @Test
  void unknownUserIsUnauthorizedTheSameWay() {
    HttpResponse<Buffer> r = app.post("/api/v1/auth/login", null,
        new JsonObject().put("username", "nobody").put("password", "whatever1"));
    assertProblem(r, 401, "/problems/unauthorized");
  }

  @Test
  void missingOrForgedTokenIsUnauthorized() {
    assertProblem(app.get("/api/v1/auth/me", null), 401, "/problems/unauthorized");
    assertProblem(app.get("/api/v1/auth/me", "not-a-jwt"), 401, "/problems/unauthorized");
    String forged = admin.substring(0, admin.lastIndexOf('.') + 1) + "AAAA";
    assertProblem(app.get("/api/v1/auth/me", forged), 401, "/problems/unauthorized");
  }

  @Test
  void tokenCarriesRoleAndScope() {
    JsonObject me = app.get("/api/v1/auth/me", admin).bodyAsJsonObject();
    assertThat(me.getString("role")).isEqualTo("GRID_ADMIN");
    assertThat(me.getBoolean("bound")).isTrue();
  }

  @Test
  void adminCreatesAccountsOfEveryRoleWithTheScopeTheyNeed() {
    record Case(String role, JsonObject scope) {}
    List<Case> cases = List.of(
        new Case("ENTERPRISE", new JsonObject().put("uscc", "91350100M000100Y43")),
        new Case("LIAISON", new JsonObject().put("liaisonId", "L9001").put("region", "330824")),
        new Case("GRID_ADMIN", new JsonObject().put("region", "330824115")),
        new Case("POLICY_AUTHOR", new JsonObject().put("department", "开化县科学技术局")),
        new Case("DEPT_HANDLER", new JsonObject().put("department", "开化县人力资源和社会保障局")),
        new Case("SUPERVISOR", new JsonObject().put("region", "330824")));
    for (Case c : cases) {
      String username = "user." + c.role().toLowerCase();
      HttpResponse<Buffer> r = app.createAccount(admin, username, c.role(), c.scope());
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
      assertThat(r.bodyAsString()).doesNotContain("pbkdf2").doesNotContain("secret-pass-1");
      String token = app.login(username, "secret-pass-1");
      JsonObject me = app.get("/api/v1/auth/me", token).bodyAsJsonObject();
      assertThat(me.getString("role")).isEqualTo(c.role());
      assertThat(me.getJsonObject("scope")).isEqualTo(c.scope());
    }
  }

  @Test
  void passwordIsStoredAsASlowHash() {
    app.createAccount(admin, "hash.check", "SUPERVISOR", new JsonObject());
    String stored = app.redis().hget("account:{a:hash.check}", "hash").await().toString();
    assertThat(stored).startsWith("pbkdf2-sha256$310000$").doesNotContain("secret-pass-1");
  }

  @Test
  void missingScopeKeyIsNamed() {
    assertFieldProblem(app.createAccount(admin, "firm.noscope", "ENTERPRISE", new JsonObject()), 422,
        "/scope/uscc");
    assertFieldProblem(app.createAccount(admin, "author.noscope", "POLICY_AUTHOR", new JsonObject()),
        422, "/scope/department");
    assertFieldProblem(app.createAccount(admin, "liaison.noscope", "LIAISON", new JsonObject()), 422,
        "/scope/liaisonId");
  }

  @Test
  void badFieldsAreNamed() {
    assertFieldProblem(app.createAccount(admin, "x", "SUPERVISOR", new JsonObject()), 422, "/username");
    assertFieldProblem(app.createAccount(admin, "role.bad", "KING", new JsonObject()), 422, "/role");
    assertFieldProblem(app.createAccount(admin, "region.bad", "SUPERVISOR",
        new JsonObject().put("region", "33a")), 422, "/scope/region");
    HttpResponse<Buffer> shortPassword = app.post("/api/v1/accounts", admin, new JsonObject()
        .put("username", "short.pw").put("password", "123").put("role", "SUPERVISOR"));
    assertFieldProblem(shortPassword, 422, "/password");
  }

  @Test
  void duplicateUsernameConflictsAndChangesNothing() {
    assertThat(app.createAccount(admin, "dup.user", "SUPERVISOR", new JsonObject()).statusCode()).isEqualTo(201);
    HttpResponse<Buffer> again = app.createAccount(admin, "dup.user", "GRID_ADMIN", new JsonObject());
    assertProblem(again, 409, "/problems/account-exists");
    String token = app.login("dup.user", "secret-pass-1");
    assertThat(app.get("/api/v1/auth/me", token).bodyAsJsonObject().getString("role")).isEqualTo("SUPERVISOR");
  }

  @Test
  void rightTokenWrongRoleIsForbidden() {
    app.createAccount(admin, "sup.forbidden", "SUPERVISOR", new JsonObject());
    String supervisor = app.login("sup.forbidden", "secret-pass-1");
    assertProblem(app.createAccount(supervisor, "made.by.sup", "SUPERVISOR", new JsonObject()), 403,
        "/problems/forbidden");
  }

  @Test
  void regionAdminCannotCreateWiderAccounts() {
    app.createAccount(admin, "huabu.admin", "GRID_ADMIN", new JsonObject().put("region", "330824115"));
    String township = app.login("huabu.admin", "secret-pass-1");
    HttpResponse<Buffer> wider = app.createAccount(township, "county.sup", "SUPERVISOR",
        new JsonObject().put("region", "330824"));
    assertThat(wider.statusCode()).isEqualTo(403);
    assertThat(wider.bodyAsJsonObject().getString("pointer")).isEqualTo("/scope/region");
    HttpResponse<Buffer> inside = app.createAccount(township, "village.sup", "SUPERVISOR",
        new JsonObject().put("region", "330824115201"));
    assertThat(inside.statusCode()).isEqualTo(201);
    // a liaison's account is for a liaison the grid knows, of the creator's region (AccountGrantsTest)
    assertFieldProblem(app.createAccount(township, "village.liaison", "LIAISON",
        new JsonObject().put("region", "330824115201").put("liaisonId", "L7")), 422, "/scope/liaisonId");
  }

  @Test
  void repeatedFailuresMakeTheAddressWait() {
    app.createAccount(admin, "brute.target", "SUPERVISOR", new JsonObject());
    JsonObject wrong = new JsonObject().put("username", "brute.target").put("password", "wrong-guess");
    for (int i = 0; i < LoginThrottle.PAIR_FREE; i++) {
      assertThat(app.post("/api/v1/auth/login", null, wrong).statusCode()).isEqualTo(401);
    }
    JsonObject right = new JsonObject().put("username", "brute.target").put("password", "secret-pass-1");
    HttpResponse<Buffer> r = app.post("/api/v1/auth/login", null, right);
    assertProblem(r, 429, "/problems/too-many-attempts");
    assertThat(r.getHeader("Retry-After")).isNotNull();
  }
}
