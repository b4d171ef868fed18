package cn.enterprisegrid.problem;

import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.testing.AdminToken;
import cn.enterprisegrid.testing.Eventually;
import cn.enterprisegrid.testing.TestBackend;
import cn.enterprisegrid.testing.WithBackend;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who sees and acts on a case, walked as a matrix (role × scope × operation) over the HTTP API,
 * with a positive control in every row: a case of one firm, dispatched to 人社局, is read, listed
 * and stepped by each demo account, and every answer is checked against what its scope allows.
 */
@WithBackend(demo = true)
class ProblemScopeTest {
  static final String PASSWORD = "demo-pass-2026";
  static final String RSJ = "开化县人力资源和社会保障局";
  static TestBackend app;
  @AdminToken static String root;

  static String uscc;
  static String township;
  /** Each account under test, by name. */
  static final Map<String, String> tokens = new LinkedHashMap<>();
  static String dispatched;

  @BeforeAll
  static void accounts() {
    for (String u : List.of("kh.admin", "kh.huabu.admin", "kh.majin.admin", "kh.supervisor", "kh.rsj.handler",
        "kh.zrzy.handler", "kh.jxj.author", "kh.firm01", "kh.firm02", "kh.liaison01", "kh.liaison02",
        "kh.liaison03")) {
      tokens.put(u, app.login(u, PASSWORD));
    }
    JsonObject me = app.get("/mp/v1/me/enterprise", tokens.get("kh.firm01")).bodyAsJsonObject();
    uscc = me.getString("uscc");
    township = me.getString("regionCode").substring(0, 9);
    // the township's own admin, and one of another township, for the region rows
    tokens.put("township.admin", account("scope.own.admin", "GRID_ADMIN", new JsonObject().put("region", township)));
    tokens.put("other.admin", account("scope.other.admin", "GRID_ADMIN",
        new JsonObject().put("region", township.equals("330824116") ? "330824115" : "330824116")));
    dispatched = file("kh.admin");
    step(dispatched, "accept", "kh.admin", null, 200);
    step(dispatched, "dispatch", "kh.admin", new JsonObject().put("department", RSJ), 200);
  }

  static String account(String username, String role, JsonObject scope) {
    HttpResponse<Buffer> r = app.createAccount(root, username, role, scope);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return app.login(username, "secret-pass-1");
  }

  static String file(String who) {
    HttpResponse<Buffer> r = app.post("/api/v1/problems", tokens.get(who), new JsonObject().put("uscc", uscc)
        .put("category", "LABOUR").put("title", "招工难").put("description", "一线工人招聘困难"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject().getString("id");
  }

  static int step(String id, String step, String who, JsonObject body, int expected) {
    HttpResponse<Buffer> r = app.post("/api/v1/problems/" + id + "/" + step, tokens.get(who), body);
    assertThat(r.statusCode()).as(who + " " + step + ": " + r.bodyAsString()).isEqualTo(expected);
    return r.statusCode();
  }

  /** The firm's liaison now (the demo grid assigns one; an account is made for it), and one that is not. */
  static String[] liaisons() {
    String his = null;
    String other = null;
    if (!tokens.containsKey("own.liaison")) {
      String id = app.get("/api/v1/enterprises/" + uscc, root).bodyAsJsonObject().getString("liaisonId");
      assertThat(id).as("the demo grid assigns the firm a liaison").isNotNull();
      tokens.put("own.liaison", account("scope.own.liaison", "LIAISON", new JsonObject().put("liaisonId", id)));
    }
    for (String l : List.of("own.liaison", "kh.liaison01", "kh.liaison02", "kh.liaison03")) {
      boolean serves = app.get("/mp/v1/liaison/firms", tokens.get(l)).bodyAsJsonObject().getJsonArray("items")
          .stream().anyMatch(o -> uscc.equals(((JsonObject) o).getString("uscc")));
      if (serves && his == null) {
        his = l;
      } else if (!serves && other == null) {
        other = l;
      }
    }
    return new String[] {his, other};
  }

  @Test
  void readersSeeTheCaseExactlyWhenTheirScopeCoversIt() {
    String[] l = liaisons();
    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put("kh.admin", 200);
    expected.put("township.admin", 200);
    expected.put("other.admin", 404);
    expected.put("kh.supervisor", 200);
    expected.put("kh.rsj.handler", 200);
    expected.put("kh.zrzy.handler", 404);
    expected.put("kh.jxj.author", 403);
    expected.put("kh.firm01", 403);
    if (l[0] != null) {
      expected.put(l[0], 200);
    }
    if (l[1] != null) {
      expected.put(l[1], 404);
    }
    List<String> wrong = new ArrayList<>();
    Eventually.until("the listing index has the case", Duration.ofSeconds(20),
        () -> listed("kh.admin", dispatched));
    expected.forEach((who, status) -> {
      int got = app.get("/api/v1/problems/" + dispatched, tokens.get(who)).statusCode();
      if (got != status) {
        wrong.add("GET case as " + who + ": " + got + ", not " + status);
      }
      if (status != 403) {
        boolean listed = listed(who, dispatched);
        if (listed != (status == 200)) {
          wrong.add("listing as " + who + (listed ? " shows" : " hides") + " the case");
        }
      }
    });
    // the mini-program: the firm reads its own case, another firm and a liaison of other firms do not
    Map<String, Integer> mp = new LinkedHashMap<>();
    mp.put("kh.firm01", 200);
    mp.put("kh.firm02", 404);
    mp.put("kh.admin", 403);
    if (l[0] != null) {
      mp.put(l[0], 200);
    }
    if (l[1] != null) {
      mp.put(l[1], 404);
    }
    mp.forEach((who, status) -> {
      int got = app.get("/mp/v1/problems/" + dispatched, tokens.get(who)).statusCode();
      if (got != status) {
        wrong.add("GET /mp case as " + who + ": " + got + ", not " + status);
      }
    });
    assertThat(wrong).isEmpty();
    assertThat(l).doesNotContainNull();
    assertThat(expected.size() + mp.size()).isEqualTo(15);
  }

  @Test
  void eachStepIsTakenOnlyByTheRoleAndScopeThatOwnIt() {
    String id = file("township.admin");
    // intake: another township's office neither sees nor accepts it; the handler sees nothing yet
    step(id, "accept", "other.admin", null, 404);
    step(id, "accept", "kh.rsj.handler", null, 404);
    step(id, "accept", "kh.supervisor", null, 403);
    step(id, "accept", "township.admin", null, 200);
    step(id, "dispatch", "other.admin", new JsonObject().put("department", RSJ), 404);
    step(id, "dispatch", "township.admin", new JsonObject().put("department", RSJ), 200);
    // the department's work: the handler of 人社局 only
    JsonObject note = new JsonObject().put("note", "已联系企业");
    step(id, "progress", "kh.zrzy.handler", note, 404);
    step(id, "progress", "kh.admin", note, 403);
    step(id, "progress", "kh.firm01", note, 403);
    step(id, "progress", "kh.rsj.handler", note, 200);
    // a transfer: the receiver sees it but may not act until it accepts; then the first loses it
    step(id, "transfer", "kh.rsj.handler", new JsonObject().put("department", "开化县自然资源和规划局")
        .put("reason", "涉及用地"), 200);
    step(id, "progress", "kh.zrzy.handler", note, 403);
    step(id, "transfer/accept", "kh.rsj.handler", null, 403);
    step(id, "transfer/accept", "kh.zrzy.handler", null, 200);
    step(id, "transfer/accept", "kh.zrzy.handler", null, 409);
    step(id, "progress", "kh.rsj.handler", note, 404);
    step(id, "resolve", "kh.zrzy.handler", new JsonObject().put("resolution", "已协调解决"), 200);
    // the rating is the firm's: not another firm's, not a liaison's
    JsonObject level = new JsonObject().put("level", "SATISFIED");
    assertThat(app.post("/mp/v1/problems/" + id + "/rating", tokens.get("kh.firm02"), level).statusCode()).isEqualTo(404);
    assertThat(app.post("/mp/v1/problems/" + id + "/rating", tokens.get(liaisons()[0] == null ? "kh.liaison01"
        : liaisons()[0]), level).statusCode()).isEqualTo(403);
    assertThat(app.post("/mp/v1/problems/" + id + "/rating", tokens.get("kh.firm01"), level).statusCode()).isEqualTo(200);
  }

  @Test
  void filingIsForFirmsInsideTheCallersScope() {
    JsonObject in = new JsonObject().put("uscc", uscc).put("category", "LABOUR").put("title", "用工")
        .put("description", "招工难");
    assertThat(app.post("/api/v1/problems", tokens.get("other.admin"), in).statusCode()).isEqualTo(422);
    assertThat(app.post("/api/v1/problems", tokens.get("kh.rsj.handler"), in).statusCode()).isEqualTo(403);
    assertThat(app.post("/api/v1/problems", tokens.get("township.admin"), in).statusCode()).isEqualTo(201);
    String[] l = liaisons();
    if (l[1] != null) {
      assertThat(app.post("/mp/v1/problems", tokens.get(l[1]), in).statusCode()).isEqualTo(422);
    }
    if (l[0] != null) {
      assertThat(app.post("/mp/v1/problems", tokens.get(l[0]), in).statusCode()).isEqualTo(201);
    }
    // a firm files for itself whatever uscc it names
    HttpResponse<Buffer> own = app.post("/mp/v1/problems", tokens.get("kh.firm02"), in);
    assertThat(own.statusCode()).isEqualTo(201);
    assertThat(own.bodyAsJsonObject().getString("uscc")).isNotEqualTo(uscc);
  }

  static boolean listed(String who, String id) {
    HttpResponse<Buffer> r = app.get("/api/v1/problems?pageSize=100", tokens.get(who));
    assertThat(r.statusCode()).as(who + ": " + r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("items").stream().anyMatch(o -> id.equals(((JsonObject) o).getString("id")));
  }
}
