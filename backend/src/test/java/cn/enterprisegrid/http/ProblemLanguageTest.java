package cn.enterprisegrid.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.testing.AdminToken;
import cn.enterprisegrid.testing.TestBackend;
import cn.enterprisegrid.testing.WithBackend;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One bad request per kind of problem, sent without Accept-Language (Chinese), with Chinese
 * preferred and with English preferred: title and detail (and every field error) follow the
 * header; type, status and pointer do not.
 */
@WithBackend
class ProblemLanguageTest {
  private static final Pattern CJK = Pattern.compile("\\p{IsHan}");
  static TestBackend app;
  @AdminToken static String admin;
  static String supervisor;

  /** A named bad request: how to send it with a given Accept-Language (null: none). */
  private record Case(String name, int status, String type, Function<String, HttpResponse<Buffer>> send) {}

  @BeforeAll
  static void accounts() {
    assertThat(app.createAccount(admin, "lang.supervisor", "SUPERVISOR", new JsonObject().put("region", "330824"))
        .statusCode()).isEqualTo(201);
    supervisor = app.login("lang.supervisor", "secret-pass-1");
  }

  private static HttpRequest<Buffer> request(HttpMethod method, String path, String token, String language) {
    HttpRequest<Buffer> req = app.http.request(method, path);
    if (token != null) {
      req.putHeader("Authorization", "Bearer " + token);
    }
    if (language != null) {
      req.putHeader("Accept-Language", language);
    }
    return req;
  }

  private static Function<String, HttpResponse<Buffer>> get(String path, String token) {
    return lang -> request(HttpMethod.GET, path, token, lang).send().await();
  }

  private static Function<String, HttpResponse<Buffer>> post(String path, String token, JsonObject body) {
    return lang -> request(HttpMethod.POST, path, token, lang).sendJsonObject(body).await();
  }

  private static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    out.add(new Case("unknown route", 404, "/problems/not-found", get("/no/such/thing", null)));
    out.add(new Case("no token", 401, "/problems/unauthorized", get("/api/v1/auth/me", null)));
    out.add(new Case("bad token", 401, "/problems/unauthorized", get("/api/v1/auth/me", "not-a-token")));
    out.add(new Case("wrong password", 401, "/problems/unauthorized", post("/api/v1/auth/login", null,
        new JsonObject().put("username", "admin").put("password", "wrong-password-1"))));
    out.add(new Case("unknown body member (contract)", 400, "/problems/validation", post("/api/v1/auth/login", null,
        new JsonObject().put("username", "admin").put("password", "x").put("otp", "1"))));
    out.add(new Case("malformed query parameter", 400, "/problems/validation",
        get("/api/v1/enterprises?limit=many", admin)));
    out.add(new Case("bad percent-encoding", 400, "/problems/validation", get("/api/v1/audit?%zz=1", admin)));
    out.add(new Case("stream cursor 0-0", 400, "/problems/validation", get("/api/v1/audit?cursor=0-0", admin)));
    out.add(new Case("audit from", 400, "/problems/validation", get("/api/v1/audit?from=yesterday", admin)));
    out.add(new Case("media type", 415, "/problems/unsupported-media-type",
        lang -> request(HttpMethod.POST, "/api/v1/auth/login", null, lang).putHeader("Content-Type", "text/plain")
            .sendBuffer(Buffer.buffer("username=admin")).await()));
    out.add(new Case("malformed JSON", 400, "/problems/validation",
        lang -> request(HttpMethod.POST, "/api/v1/auth/login", null, lang)
            .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"username\":")).await()));
    out.add(new Case("account validation", 422, "/problems/validation", post("/api/v1/accounts", admin,
        new JsonObject().put("username", "lang.short").put("password", "short").put("role", "SUPERVISOR")
            .put("scope", new JsonObject().put("region", "330824")))));
    out.add(new Case("account exists", 409, "/problems/account-exists", post("/api/v1/accounts", admin,
        new JsonObject().put("username", "lang.supervisor").put("password", "secret-pass-1").put("role", "SUPERVISOR")
            .put("scope", new JsonObject().put("region", "330824")))));
    out.add(new Case("wrong role", 403, "/problems/forbidden", post("/api/v1/grid/build", supervisor,
        new JsonObject().put("countyCode", "330824").put("level", "TOWNSHIP"))));
    out.add(new Case("no such enterprise", 404, "/problems/not-found",
        get("/api/v1/enterprises/91330824MA2DABCDE1", admin)));
    out.add(new Case("enterprise fields", 422, "/problems/validation",
        lang -> request(HttpMethod.PUT, "/api/v1/enterprises/91350100M000100Y43", admin, lang)
            .sendJsonObject(new JsonObject().put("uscc", "91350100M000100Y43").put("name", "开化测试企业")
                .put("regionCode", "330824115").put("industryCode", "9999").put("establishedOn", "2999-01-01"))
            .await()));
    out.add(new Case("policy validation", 422, "/problems/validation", post("/api/v1/policies/simulate", admin,
        new JsonObject().put("title", "测试"))));
    out.add(new Case("calendar due", 400, "/problems/validation",
        get("/api/v1/calendar/due?from=2026-02-30&workingDays=3", admin)));
    out.add(new Case("calendar year", 404, "/problems/not-found", get("/api/v1/calendar/2031", admin)));
    out.add(new Case("no such problem", 404, "/problems/not-found", get("/api/v1/problems/999999", admin)));
    out.add(new Case("grid liaison", 404, "/problems/not-found", get("/api/v1/liaisons/L9999", admin)));
    // not here: 414 and 431, answered before the headers are decoded, so always in Chinese
    return out;
  }

  @Test
  void titleAndDetailFollowAcceptLanguage() {
    for (Case c : cases()) {
      JsonObject none = problem(c, null, "zh-CN");
      JsonObject zh = problem(c, "zh-CN,zh;q=0.9,en;q=0.8", "zh-CN");
      JsonObject en = problem(c, "en-US,en;q=0.9", "en");
      for (JsonObject p : List.of(none, zh)) {
        assertThat(CJK.matcher(p.getString("title")).find()).as(c.name() + ": Chinese title " + p).isTrue();
        assertThat(CJK.matcher(p.getString("detail")).find()).as(c.name() + ": Chinese detail " + p).isTrue();
      }
      assertThat(CJK.matcher(en.getString("title")).find()).as(c.name() + ": English title " + en).isFalse();
      assertThat(CJK.matcher(en.getString("detail")).find()).as(c.name() + ": English detail " + en).isFalse();
      if (en.containsKey("errors")) {
        en.getJsonArray("errors").forEach(e -> assertThat(CJK.matcher(((JsonObject) e).getString("detail")).find())
            .as(c.name() + ": English field error " + e).isFalse());
      }
      // the machine-readable members are the same in every language
      for (String member : List.of("type", "status", "pointer", "instance")) {
        assertThat(en.getValue(member)).as(c.name() + " " + member).isEqualTo(none.getValue(member));
      }
    }
  }

  @Test
  void theTitleIsTheTypesInBothLanguages() {
    JsonObject zh = problem(cases().get(0), null, "zh-CN");
    JsonObject en = problem(cases().get(0), "en", "en");
    assertThat(zh.getString("title")).isEqualTo("未找到");
    assertThat(en.getString("title")).isEqualTo("Not found");
    assertThat(en.getString("detail")).isEqualTo("There is no resource for GET /no/such/thing");
    JsonObject exists = problem(cases().stream().filter(c -> c.name().equals("account exists")).findFirst()
        .orElseThrow(), "en", "en");
    assertThat(exists.getString("title")).isEqualTo("Account exists");
    assertThat(exists.getString("detail")).isEqualTo("An account named lang.supervisor already exists");
  }

  private static JsonObject problem(Case c, String language, String contentLanguage) {
    HttpResponse<Buffer> r = c.send().apply(language);
    assertThat(r.statusCode()).as(c.name() + ": " + r.bodyAsString()).isEqualTo(c.status());
    assertThat(r.getHeader("Content-Type")).as(c.name()).startsWith(Problems.CONTENT_TYPE);
    assertThat(r.getHeader("Content-Language")).as(c.name()).isEqualTo(contentLanguage);
    JsonObject p = r.bodyAsJsonObject();
    assertThat(p.getString("type")).as(c.name() + ": " + p).isEqualTo(c.type());
    return p;
  }
}
