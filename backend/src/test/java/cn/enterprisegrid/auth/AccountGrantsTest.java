package cn.enterprisegrid.auth;

import static cn.enterprisegrid.testing.ProblemAssert.assertFieldProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.testing.AdminToken;
import cn.enterprisegrid.testing.TestBackend;
import cn.enterprisegrid.testing.WithBackend;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/**
 * An account never grants more than its creator holds, walked as a matrix over the demo: a
 * township's grid admin (华埠) creates, for each role, an account inside its region (positive
 * control, 201) and one outside (403 naming the field); department accounts only an admin of the
 * county (the demo's 县营商办) or above creates; the territory's admin creates every row.
 */
@WithBackend(demo = true)
class AccountGrantsTest {
  static final String HUABU = "330824115";
  static final String MAJIN = "330824116";
  static TestBackend app;
  @AdminToken static String root;
  static String township;
  static int n;

  @BeforeAll
  static void accounts() {
    assertThat(app.createAccount(root, "grants.huabu", "GRID_ADMIN", new JsonObject().put("region", HUABU))
        .statusCode()).isEqualTo(201);
    township = app.login("grants.huabu", "secret-pass-1");
  }

  private static int create(String token, String role, JsonObject scope) {
    return app.createAccount(token, "grants.u" + (++n), role, scope).statusCode();
  }

  private static void refused(String role, JsonObject scope, String pointer) {
    assertFieldProblem(app.createAccount(township, "grants.u" + (++n), role, scope), 403, pointer);
  }

  @Test
  void aTownshipsAdminGrantsInsideItsRegionOnly() throws Exception {
    String huabuFirm = firmOf(HUABU);
    String majinFirm = firmOf(MAJIN);
    String huabuLiaison = liaisonOf(HUABU);
    String majinLiaison = liaisonOf(MAJIN);
    int rows = 0;

    assertThat(create(township, "ENTERPRISE", new JsonObject().put("uscc", huabuFirm))).isEqualTo(201);
    refused("ENTERPRISE", new JsonObject().put("uscc", majinFirm), "/scope/uscc");
    assertFieldProblem(app.createAccount(township, "grants.nofirm", "ENTERPRISE",
        new JsonObject().put("uscc", "91330824MA2ZZZZZ9X")), 422, "/scope/uscc");
    rows += 3;
    if (huabuLiaison != null) {
      assertThat(create(township, "LIAISON", new JsonObject().put("liaisonId", huabuLiaison))).isEqualTo(201);
      rows++;
    }
    if (majinLiaison != null) {
      refused("LIAISON", new JsonObject().put("liaisonId", majinLiaison), "/scope/liaisonId");
      rows++;
    }
    for (String role : List.of("GRID_ADMIN", "SUPERVISOR")) {
      assertThat(create(township, role, new JsonObject().put("region", HUABU + "201"))).isEqualTo(201);
      refused(role, new JsonObject().put("region", MAJIN), "/scope/region");
      refused(role, new JsonObject(), "/scope/region");
      rows += 3;
    }
    for (String role : List.of("POLICY_AUTHOR", "DEPT_HANDLER")) {
      refused(role, new JsonObject().put("department", "开化县科学技术局"), "/role");
      rows++;
    }
    // the county's office: its departments' accounts
    String county = app.login("kh.admin", "demo-pass-2026");
    assertThat(create(county, "POLICY_AUTHOR", new JsonObject().put("department", "开化县科学技术局"))).isEqualTo(201);
    assertThat(create(county, "DEPT_HANDLER", new JsonObject().put("department", "开化县人力资源和社会保障局")))
        .isEqualTo(201);
    rows += 2;
    // the territory's admin: every row
    assertThat(create(root, "ENTERPRISE", new JsonObject().put("uscc", majinFirm))).isEqualTo(201);
    assertThat(create(root, "GRID_ADMIN", new JsonObject().put("region", MAJIN))).isEqualTo(201);
    assertThat(create(root, "POLICY_AUTHOR", new JsonObject().put("department", "开化县科学技术局"))).isEqualTo(201);
    assertThat(create(root, "DEPT_HANDLER", new JsonObject().put("department", "开化县人力资源和社会保障局")))
        .isEqualTo(201);
    rows += 4;
    System.out.printf("account grants matrix: %d rows, all as expected%n", rows);
  }

  /** A demo firm of {@code region}, from the listing (which follows the demo's registration). */
  private static String firmOf(String region) throws InterruptedException {
    for (long until = System.currentTimeMillis() + 30_000; System.currentTimeMillis() < until; Thread.sleep(200)) {
      JsonArray items = app.get("/api/v1/enterprises?region=" + region + "&pageSize=5", root).bodyAsJsonObject()
          .getJsonArray("items");
      if (!items.isEmpty()) {
        return items.getJsonObject(0).getString("uscc");
      }
    }
    throw new AssertionError("no demo firm in " + region);
  }

  /** A demo liaison whose region lies in {@code region}, or null when the demo has none there. */
  private static String liaisonOf(String region) {
    List<String> found = new ArrayList<>();
    app.get("/api/v1/liaisons", root).bodyAsJsonObject().getJsonArray("items").forEach(o -> {
      JsonObject l = (JsonObject) o;
      if (l.getString("region", "").startsWith(region)) {
        found.add(l.getString("id"));
      }
    });
    return found.isEmpty() ? null : found.get(0);
  }
}
