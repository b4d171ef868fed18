package cn.enterprisegrid.http;

import cn.enterprisegrid.testing.TestBackend;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDocsTest {
  static TestBackend app;

  @BeforeAll
  static void start() {
    app = TestBackend.start();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void pageLoadsSwaggerUiFromThisServer() {
    HttpResponse<Buffer> page = app.get("/docs/", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    assertThat(page.getHeader("Cache-Control")).isEqualTo("no-cache");
    String html = page.bodyAsString();
    assertThat(html).doesNotContain("http://", "https://");

    Matcher bundle = Pattern.compile("src=\"\\./(swagger-ui/[^\"]+/swagger-ui-bundle\\.js)\"").matcher(html);
    assertThat(bundle.find()).as("the page loads swagger-ui-bundle.js by a relative URL").isTrue();
    HttpResponse<Buffer> js = app.get("/docs/" + bundle.group(1), null);
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.getHeader("Content-Type")).contains("javascript");
    assertThat(js.getHeader("Cache-Control")).contains("max-age=31536000");
    assertThat(js.bodyAsString()).contains("SwaggerUIBundle");

    for (String asset : new String[] {"swagger-ui.css", "swagger-ui-standalone-preset.js"}) {
      assertThat(html).contains(asset);
    }
    assertThat(app.get("/docs/initializer.js", null).bodyAsString()).contains("SwaggerUIBundle(");
  }

  @Test
  void configListsBothContracts() {
    JsonObject config = app.get("/docs/config.json", null).bodyAsJsonObject();
    assertThat(config.getJsonArray("urls").stream().map(u -> ((JsonObject) u).getString("url")))
        .containsExactly("/mp/v1/openapi.yaml", "/api/v1/openapi.yaml");
  }

  @Test
  void bareDocsRedirectsToThePage() {
    HttpResponse<Buffer> r = app.http.get("/docs").followRedirects(false).send().await();
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.getHeader("Location")).isEqualTo("/docs/");
  }

  @Test
  void unknownAssetIsAProblem() {
    HttpResponse<Buffer> r = app.get("/docs/swagger-ui/0.0.0/swagger-ui-bundle.js", null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.getHeader("Content-Type")).isEqualTo(Problems.CONTENT_TYPE);
  }
}
