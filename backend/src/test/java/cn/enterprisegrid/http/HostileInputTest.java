package cn.enterprisegrid.http;

import static cn.enterprisegrid.testing.ProblemAssert.assertFieldProblem;
import static cn.enterprisegrid.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.testing.AdminToken;
import cn.enterprisegrid.testing.TestBackend;
import cn.enterprisegrid.testing.WithBackend;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attacker's findings of issue 12, one by one: each answers a 4xx problem document with a
 * Chinese title, naming the field or parameter where there is one. {@code HostileFuzzTest} sends
 * the same classes of input to every operation.
 */
@WithBackend
class HostileInputTest {
  static TestBackend app;
  @AdminToken
  static String admin;
  static String author;

  @BeforeAll
  static void accounts() {
    app.createAccount(admin, "hostile.author", "POLICY_AUTHOR", new JsonObject().put("department", "开化县科学技术局"));
    author = app.login("hostile.author", "secret-pass-1");
  }

  @Test
  void aFormOrMultipartBodyIsRefusedUnreadAs415() {
    Buffer form = Buffer.buffer("a=" + "x".repeat(9 * 1024));
    JsonObject p = assertProblem(app.sendRaw(HttpMethod.POST, "/api/v1/auth/login",
        "application/x-www-form-urlencoded", form), 415, "/problems/unsupported-media-type");
    assertThat(p.getString("title")).isEqualTo("不支持的媒体类型");
    assertThat(p.getString("detail")).contains("application/x-www-form-urlencoded").contains("application/json");
    Buffer multipart = Buffer.buffer("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n" + "x".repeat(9 * 1024)
        + "\r\n--B--\r\n");
    assertProblem(app.http.put("/api/v1/grid/config").putHeader("Authorization", "Bearer " + admin)
        .putHeader("Content-Type", "multipart/form-data; boundary=B").sendBuffer(multipart).await(), 415,
        "/problems/unsupported-media-type");
    assertProblem(app.http.patch("/mp/v1/me/enterprise").putHeader("Content-Type", "application/x-www-form-urlencoded")
        .sendBuffer(form).await(), 415, "/problems/unsupported-media-type");
  }

  @Test
  void nonFiniteAndOversizedNumbersAreRefusedNamingTheirPointer() {
    JsonObject p = assertFieldProblem(json(HttpMethod.POST, "/api/v1/policies", author,
        "{\"title\": \"规上企业奖励\", \"fundPool\": 1e309}"), 400, "/fundPool");
    assertThat(p.getString("title")).isEqualTo("字段无效");
    assertThat(p.getString("detail")).contains("/fundPool");
    assertFieldProblem(json(HttpMethod.POST, "/api/v1/policies/simulate", author, "{\"fundPool\": -1e309}"), 400,
        "/fundPool");
    assertFieldProblem(json(HttpMethod.POST, "/api/v1/callbacks/sample", admin,
        "{\"days\": 99999999999999999999, \"size\": 5}"), 400, "/days");
    assertFieldProblem(json(HttpMethod.PUT, "/api/v1/grid/config", admin, "{\"keyTags\": [\"a\", 1e400]}"), 400,
        "/keyTags/1");
    // an operation the generic validator checks (it has a header parameter): the same limits
    assertFieldProblem(json(HttpMethod.POST, "/mp/v1/policies/P1/apply", null,
        "{\"figures\": {\"employees\": 1e309}}"), 400, "/figures/employees");
    assertFieldProblem(json(HttpMethod.POST, "/api/v1/auth/login", null,
        "{\"username\": \"x\", \"password\": \"y\", \"a/b\": 9007199254740993}"), 400, "/a~1b");
  }

  @Test
  void aHugeArrayIsRefusedBeforeTheSchemaValidatorWalksIt() {
    long start = System.nanoTime();
    assertFieldProblem(json(HttpMethod.PUT, "/api/v1/grid/config", admin,
        "{\"keyTags\": [" + "0,".repeat(200_000) + "0]}"), 400, "/keyTags");
    assertFieldProblem(json(HttpMethod.POST, "/mp/v1/policies/P1/apply", null,
        "{\"figures\": {\"tags\": [" + "0,".repeat(200_000) + "0]}}"), 400, "/figures/tags");
    assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(2000);
  }

  @Test
  void badPercentEncodingInQueryOrPathIs400() {
    JsonObject q = assertFieldProblem(app.get("/api/v1/enterprises?q=%", admin), 400, "/q");
    assertThat(q.getString("detail")).contains("查询参数 \"q\"");
    assertFieldProblem(app.get("/api/v1/enterprises?limit=5&q=%e4%b8", admin), 400, "/q");
    assertFieldProblem(app.get("/api/v1/audit?%zz=1", admin), 400, "/%zz");
    JsonObject path = assertProblem(app.get("/api/v1/enterprises/%zz", admin), 400, "/problems/bad-request");
    assertThat(path.getString("title")).isEqualTo("请求有误");
    assertProblem(app.post("/mp/v1/policies/%ff/apply", null, new JsonObject()), 400, "/problems/bad-request");
  }

  @Test
  void streamCursorsRedisWouldRefuseAre400NamingTheParameter() {
    for (String cursor : new String[] {"0-0", "99999999999999999999-0", "18446744073709551616-1", "1-18446744073709551616"}) {
      assertFieldProblem(app.get("/api/v1/audit?cursor=" + cursor, admin), 400, "/cursor");
      assertFieldProblem(app.get("/api/v1/notifications/dead-letters?cursor=" + cursor, admin), 400, "/cursor");
    }
    assertThat(app.get("/api/v1/audit?cursor=18446744073709551615-18446744073709551615", admin).statusCode())
        .isEqualTo(200);
    assertThat(app.get("/api/v1/notifications/dead-letters?cursor=0-1", admin).statusCode()).isEqualTo(200);
    assertFieldProblem(app.get("/api/v1/audit?from=1900-01-01", admin), 400, "/from");
    assertFieldProblem(app.get("/api/v1/audit?to=%2B999999999-12-31T23:59:59Z", admin), 400, "/to");
    assertProblem(app.post("/api/v1/notifications/dead-letters/99999999999999999999-0/replay", admin, null), 404,
        "/problems/not-found");
  }

  @Test
  void aLongUrlIs414AndLargeHeadersAre431AsProblemDocuments() {
    HttpResponse<Buffer> url = app.get("/api/v1/enterprises?q=" + "a".repeat(5000), admin);
    JsonObject p = assertProblem(url, 414, "/problems/uri-too-long");
    assertThat(p.getString("title")).isEqualTo("请求地址过长");
    HttpResponse<Buffer> headers = app.http.get("/api/v1/auth/me").putHeader("Authorization", "Bearer " + admin)
        .putHeader("X-Padding", "p".repeat(17 * 1024)).send().await();
    assertProblem(headers, 431, "/problems/headers-too-large");
    // within the limits: a 4,000-byte URL and 15 KB of headers are read
    assertThat(app.get("/api/v1/enterprises?tag=" + "a".repeat(3900), admin).statusCode()).isEqualTo(400);
    assertThat(app.http.get("/api/v1/auth/me").putHeader("Authorization", "Bearer " + admin)
        .putHeader("X-Padding", "p".repeat(15 * 1024)).send().await().statusCode()).isEqualTo(200);
  }

  @Test
  void decodingIsStrict() {
    assertThat(UriCheck.decode("%E4%B8%AD+a")).isEqualTo("中+a");
    for (String bad : new String[] {"%", "%z", "%zz", "a%2", "%ff", "%e4%b8", "%c0%af"}) {
      assertThat(UriCheck.decodes(bad)).as(bad).isFalse();
    }
    assertThat(StreamCursor.parse("0001-02")).isEqualTo("1-2");
    assertThat(StreamCursor.parse("18446744073709551615-0")).isEqualTo("18446744073709551615-0");
    assertThat(StreamCursor.parse("18446744073709551616-0")).isNull();
    assertThat(StreamCursor.parse("0-0")).isNull();
    assertThat(StreamCursor.parse("1-2-3")).isNull();
  }

  private static HttpResponse<Buffer> json(HttpMethod method, String path, String token, String body) {
    var req = app.http.request(method, path).putHeader("Content-Type", "application/json");
    if (token != null) {
      req.putHeader("Authorization", "Bearer " + token);
    }
    return req.sendBuffer(Buffer.buffer(body)).await();
  }
}
