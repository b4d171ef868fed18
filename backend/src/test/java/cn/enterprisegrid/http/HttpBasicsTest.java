package cn.enterprisegrid.http;

import cn.enterprisegrid.testing.AdminToken;
import cn.enterprisegrid.testing.WithBackend;
import cn.enterprisegrid.testing.TestBackend;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import static cn.enterprisegrid.testing.ProblemAssert.assertFieldProblem;
import static cn.enterprisegrid.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

@WithBackend
class HttpBasicsTest {
  static TestBackend app;
  @AdminToken static String root;

  @Test
  void healthSaysUpAndOnlyThatTheChecksAreForOperators() {
    HttpResponse<Buffer> r = app.get("/health", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "UP"));
    assertProblem(app.get("/health/details", null), 401, "/problems/unauthorized");
    HttpResponse<Buffer> details = app.get("/health/details", root);
    assertThat(details.statusCode()).isEqualTo(200);
    assertThat(details.bodyAsString()).contains("\"redis\"").contains("\"index\"");
  }

  @Test
  void metricsArePrometheusTextForOperatorsOnly() {
    assertProblem(app.get("/metrics", null), 401, "/problems/unauthorized");
    HttpResponse<Buffer> r = app.get("/metrics", root);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsString()).contains("# TYPE jvm_memory_used_bytes gauge");
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() {
    for (HttpResponse<Buffer> r : java.util.List.of(app.get("/health", null), app.get("/no/such/thing", null),
        app.get("/api/v1/enterprises", root))) {
      assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(r.getHeader("X-Frame-Options")).isEqualTo("DENY");
      assertThat(r.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'");
      assertThat(r.getHeader("Cache-Control")).as("personal data is never cached").isEqualTo("no-store");
      assertThat(r.getHeader("Strict-Transport-Security")).as("plain HTTP: no HSTS").isNull();
    }
    HttpResponse<Buffer> proxied = app.http.get("/health").putHeader("X-Forwarded-Proto", "https").send().await();
    assertThat(proxied.getHeader("Strict-Transport-Security")).isEqualTo(SecurityHeaders.HSTS);
  }

  @Test
  void unknownRouteIsAProblem() {
    JsonProblem.of(assertProblem(app.get("/no/such/thing", null), 404, "/problems/not-found"))
        .detailContains("/no/such/thing");
  }

  @Test
  void wrongMethodIsAProblem() {
    assertProblem(app.send(HttpMethod.DELETE, "/api/v1/auth/login", null, null), 405,
        "/problems/method-not-allowed");
  }

  @Test
  void malformedJsonIsAProblemNamingTheBody() {
    HttpResponse<Buffer> r = app.sendRaw(HttpMethod.POST, "/api/v1/auth/login", "application/json",
        Buffer.buffer("{\"username\": \"admin\", "));
    assertFieldProblem(r, 400, "");
  }

  @Test
  void jsonThatIsNotAnObjectIsAProblem() {
    HttpResponse<Buffer> r = app.sendRaw(HttpMethod.POST, "/api/v1/auth/login", "application/json",
        Buffer.buffer("[1,2]"));
    assertFieldProblem(r, 400, "");
  }

  @Test
  void oversizedBodyIsAProblem() {
    Buffer big = Buffer.buffer("{\"username\":\"" + "x".repeat(2 << 20) + "\"}");
    assertProblem(app.sendRaw(HttpMethod.POST, "/api/v1/auth/login", "application/json", big), 413,
        "/problems/body-too-large");
  }

  @Test
  void missingFieldIsNamed() {
    HttpResponse<Buffer> r = app.sendRaw(HttpMethod.POST, "/api/v1/auth/login", "application/json",
        Buffer.buffer("{\"username\":\"admin\"}"));
    assertFieldProblem(r, 422, "/password");
  }

  @Test
  void miniProgramContractIsServedAndEnforced() {
    HttpResponse<Buffer> yaml = app.get("/mp/v1/openapi.yaml", null);
    assertThat(yaml.statusCode()).isEqualTo(200);
    assertThat(yaml.bodyAsString()).contains("openapi:").contains("/mp/v1/auth/login");

    HttpResponse<Buffer> wrongType = app.sendRaw(HttpMethod.POST, "/mp/v1/auth/login",
        "application/json", Buffer.buffer("{\"code\": 42}"));
    assertFieldProblem(wrongType, 400, "/code");
    HttpResponse<Buffer> missing = app.sendRaw(HttpMethod.POST, "/mp/v1/auth/login",
        "application/json", Buffer.buffer("{}"));
    assertFieldProblem(missing, 400, "/code");
  }

  /** A tiny fluent helper over a problem document. */
  record JsonProblem(io.vertx.core.json.JsonObject json) {
    static JsonProblem of(io.vertx.core.json.JsonObject json) {
      return new JsonProblem(json);
    }

    void detailContains(String s) {
      assertThat(json.getString("detail")).contains(s);
    }
  }
}
