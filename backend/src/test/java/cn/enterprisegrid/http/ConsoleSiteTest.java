package cn.enterprisegrid.http;

import cn.enterprisegrid.testing.TestBackend;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The console's static files as the browser gets them: the page, its assets, their caching and CSP. */
class ConsoleSiteTest {
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
  void everyRouteAnswersThePageRevalidated() {
    for (String path : new String[] {"/console/", "/console/login", "/console/enterprises?size=SMALL", "/console/policies/P1/edit"}) {
      HttpResponse<Buffer> page = app.get(path, null);
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.getHeader("Content-Type")).startsWith("text/html");
      assertThat(page.getHeader("Cache-Control")).isEqualTo("no-cache");
      assertThat(page.getHeader("Content-Security-Policy"))
          .contains("script-src 'self'", "style-src 'self' 'unsafe-inline'", "frame-ancestors 'none'")
          .doesNotContain("unsafe-eval");
      assertThat(page.getHeader("X-Frame-Options")).isEqualTo("DENY");
    }
  }

  @Test
  void hashedAssetsAreImmutableForAYear() {
    String html = app.get("/console/", null).bodyAsString();
    assumeTrue(html.contains("<div id=\"app\">"), "the console was not built (-Dconsole.skip=true)");
    Matcher script = Pattern.compile("src=\"(/console/assets/[^\"]+\\.js)\"").matcher(html);
    assertThat(script.find()).as("the page loads its script from /console/assets/").isTrue();
    HttpResponse<Buffer> js = app.get(script.group(1), null);
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.getHeader("Content-Type")).contains("javascript");
    assertThat(js.getHeader("Cache-Control")).contains("max-age=31536000").contains("immutable").contains("public");
  }

  @Test
  void missingAssetIsAProblemNotThePage() {
    HttpResponse<Buffer> r = app.get("/console/assets/nothing-0000.js", null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.getHeader("Content-Type")).isEqualTo(Problems.CONTENT_TYPE);
  }

  @Test
  void bareConsoleRedirectsToThePage() {
    HttpResponse<Buffer> r = app.http.get("/console").followRedirects(false).send().await();
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.getHeader("Location")).isEqualTo("/console/");
  }

  @Test
  void theApiKeepsItsOwnHeaders() {
    HttpResponse<Buffer> r = app.get("/api/v1/auth/me", null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.getHeader("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
    assertThat(r.getHeader("Cache-Control")).isEqualTo("no-store");
  }
}
