package cn.enterprisegrid.audit;

import cn.enterprisegrid.testing.AdminToken;
import cn.enterprisegrid.testing.WithBackend;
import cn.enterprisegrid.testing.TestBackend;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static cn.enterprisegrid.testing.ProblemAssert.assertFieldProblem;
import static cn.enterprisegrid.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

@WithBackend
class AuditTest {
  static TestBackend app;
  @AdminToken static String admin;
  static Instant before;

  @BeforeAll
  static void start() {
    before = Instant.now();
    for (int i = 0; i < 25; i++) {
      app.createAccount(admin, "audited." + i, "SUPERVISOR", new JsonObject().put("region", "330824"));
    }
  }

  private JsonArray entries(String query, String token) {
    var r = app.get("/api/v1/audit" + query, token);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("entries");
  }

  @Test
  void everyAccountCreationIsAuditedWithActorTargetAndAfterButNoSecret() {
    JsonArray e = entries("?target=account:audited.7", admin);
    assertThat(e).hasSize(1);
    JsonObject entry = e.getJsonObject(0);
    assertThat(entry.getString("actor")).isEqualTo("admin");
    assertThat(entry.getString("action")).isEqualTo("account.create");
    assertThat(entry.getValue("before")).isNull();
    assertThat(entry.getJsonObject("after").getString("role")).isEqualTo("SUPERVISOR");
    assertThat(entry.encode()).doesNotContain("pbkdf2").doesNotContain("secret-pass");
    assertThat(Instant.parse(entry.getString("at"))).isAfterOrEqualTo(before.minusSeconds(1));
  }

  @Test
  void filtersByActorAndTime() {
    assertThat(entries("?actor=admin&limit=1000", admin).size()).isGreaterThanOrEqualTo(25);
    assertThat(entries("?actor=nobody", admin)).isEmpty();
    assertThat(entries("?target=account:audited.3&actor=nobody", admin)).isEmpty();
    assertThat(entries("?actor=admin&to=2000-01-01", admin)).isEmpty();
    assertThat(entries("?actor=admin&from=" + before.minusSeconds(5), admin)).isNotEmpty();
  }

  @Test
  void pagesNewestFirstWithoutGapsOrRepeats() {
    Set<String> seen = new HashSet<>();
    String cursor = null;
    String previous = null;
    int pages = 0;
    do {
      var body = app.get("/api/v1/audit?actor=admin&limit=7" + (cursor == null ? "" : "&cursor=" + cursor),
          admin).bodyAsJsonObject();
      for (Object o : body.getJsonArray("entries")) {
        String id = ((JsonObject) o).getString("id");
        assertThat(seen.add(id)).as("repeated " + id).isTrue();
        if (previous != null) {
          assertThat(compare(id, previous)).isNegative();
        }
        previous = id;
      }
      cursor = body.getString("next");
      pages++;
    } while (cursor != null && pages < 20);
    assertThat(seen.size()).isGreaterThanOrEqualTo(25);
    assertThat(pages).isGreaterThanOrEqualTo(4);
  }

  @Test
  void supervisorsReadOthersMayNot() {
    String supervisor = app.login("audited.1", "secret-pass-1");
    assertThat(entries("?limit=5", supervisor)).hasSize(5);
    app.createAccount(admin, "liaison.noaudit", "LIAISON", new JsonObject().put("liaisonId", "L1"));
    String liaison = app.login("liaison.noaudit", "secret-pass-1");
    assertProblem(app.get("/api/v1/audit", liaison), 403, "/problems/forbidden");
    assertProblem(app.get("/api/v1/audit", null), 401, "/problems/unauthorized");
  }

  @Test
  void badQueryParametersAreNamed() {
    assertFieldProblem(app.get("/api/v1/audit?from=yesterday", admin), 400, "/from");
    assertFieldProblem(app.get("/api/v1/audit?limit=0", admin), 400, "/limit");
    assertFieldProblem(app.get("/api/v1/audit?cursor=abc", admin), 400, "/cursor");
  }

  private static int compare(String a, String b) {
    String[] x = a.split("-");
    String[] y = b.split("-");
    int c = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
    return c != 0 ? c : Long.compare(Long.parseLong(x[1]), Long.parseLong(y[1]));
  }
}
