package cn.enterprisegrid.http;

import static cn.enterprisegrid.testing.ProblemAssert.assertFieldProblem;
import static cn.enterprisegrid.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.testing.TestBackend;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The console contract is served, and enforced: unknown fields, wrong types, malformed parameters. */
class ConsoleContractTest {
  private static TestBackend app;
  private static String admin;

  @BeforeAll
  static void start() {
    app = TestBackend.start();
    admin = app.adminToken();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theDocumentIsServedWithAnOperationPerConsoleRoute() {
    HttpResponse<Buffer> r = app.get(ConsoleContract.YAML_PATH, null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).startsWith("application/yaml");
    Map<String, Object> doc = new Yaml().load(r.bodyAsString());
    assertThat(doc.get("openapi")).isEqualTo("3.1.0");
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
    List<String> ops = new ArrayList<>();
    paths.forEach((path, item) -> {
      assertThat(path).startsWith("/api/v1/");
      item.forEach((method, op) -> {
        if (op instanceof Map<?, ?> m && m.get("operationId") != null) {
          ops.add(method.toUpperCase() + " " + path);
          Map<String, Object> responses = (Map<String, Object>) m.get("responses");
          if (!path.equals("/api/v1/auth/login")) {
            assertThat(responses).as(method + " " + path).containsKey("401");
          }
          if (m.containsKey("requestBody")) {
            assertThat(responses).as(method + " " + path).containsKeys("400", "415");
          }
        }
      });
    });
    assertThat(ops).hasSize(85).contains("POST /api/v1/enterprises/import", "GET /api/v1/grid/coverage",
        "POST /api/v1/applications/{id}/disburse", "GET /api/v1/enterprises/{uscc}/code.png",
        "GET /api/v1/reports/problems", "GET /api/v1/reports/bulletins", "PUT /api/v1/reports/bulletins/thresholds",
        "GET /api/v1/inbox", "POST /api/v1/inbox/{id}/read", "PATCH /api/v1/accounts/{username}",
        "POST /api/v1/problems/{id}/dispatch", "PUT /api/v1/calendar/{year}", "GET /api/v1/dictionary/fields");
  }

  @Test
  void unknownFieldsAndWrongTypesAreRefusedNamingTheField() {
    JsonObject p = assertFieldProblem(app.post("/api/v1/auth/login", null,
        new JsonObject().put("username", "admin").put("password", TestBackend.ADMIN_PASSWORD).put("otp", "1")),
        400, "/otp");
    assertThat(p.getString("detail")).isNotBlank();
    assertFieldProblem(app.post("/api/v1/grid/build", admin,
        new JsonObject().put("countyCode", 330824).put("level", "TOWNSHIP")), 400, "/countyCode");
    assertFieldProblem(app.send(HttpMethod.PUT, "/api/v1/grid/config", admin,
        new JsonObject().put("cadenceDays", "ninety")), 400, "/cadenceDays");
    assertFieldProblem(app.post("/api/v1/callbacks/sample", admin,
        new JsonObject().put("days", 30).put("size", 5).put("stratum", "cell")), 400, "/stratum");
  }

  @Test
  void malformedParametersAreRefusedNamingThem() {
    assertFieldProblem(app.get("/api/v1/policies/policy-1", admin), 400, "/id");
    assertFieldProblem(app.get("/api/v1/applications/P1-x", admin), 400, "/id");
    assertFieldProblem(app.get("/api/v1/audit?limit=many", admin), 400, "/limit");
    assertFieldProblem(app.get("/api/v1/enterprises?region=33a", admin), 400, "/region");
    assertFieldProblem(app.get("/api/v1/liaisons/nobody", admin), 400, "/id");
    // strings stay strings: a decimal-looking or quoted text is not decoded as JSON first
    assertThat(app.get("/api/v1/audit?actor=1.5", admin).statusCode()).isEqualTo(200);
    assertThat(app.get("/api/v1/enterprises?q=%22quoted%22", admin).statusCode()).isEqualTo(200);
    // undeclared query parameters are ignored
    assertThat(app.get("/api/v1/grid/cells?colour=red", admin).statusCode()).isEqualTo(200);
  }

  @Test
  void mediaTypesAreChecked() {
    assertProblem(app.sendRaw(HttpMethod.POST, "/api/v1/auth/login", "text/plain",
        Buffer.buffer("{\"username\":\"admin\"}")), 415, "/problems/unsupported-media-type");
    HttpResponse<Buffer> r = app.http.post("/api/v1/enterprises/import")
        .putHeader("Authorization", "Bearer " + admin).putHeader("Content-Type", "application/xml")
        .sendBuffer(Buffer.buffer("<firms/>")).await();
    assertProblem(r, 415, "/problems/unsupported-media-type");
    HttpResponse<Buffer> ok = app.http.post("/api/v1/enterprises/import")
        .putHeader("Authorization", "Bearer " + admin).putHeader("Content-Type", "application/x-ndjson")
        .sendBuffer(Buffer.buffer("{\"uscc\":\"bad\"}\n")).await();
    assertThat(ok.statusCode()).as(ok.bodyAsString()).isEqualTo(200);
    assertThat(ok.bodyAsJsonObject().getLong("rejectedCount")).isEqualTo(1);
  }
}
