package cn.enterprisegrid.auth;

import cn.enterprisegrid.testing.WithBackend;
import cn.enterprisegrid.mp.wechat.fake.FakeWeChatServer;
import cn.enterprisegrid.testing.TestBackend;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static cn.enterprisegrid.testing.ProblemAssert.assertFieldProblem;
import static cn.enterprisegrid.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

@WithBackend
class WeChatLoginTest {
  static TestBackend app;

  @BeforeEach
  void reset() {
    app.wechat.reset();
  }

  private HttpResponse<Buffer> login(String code) {
    return app.post("/mp/v1/auth/login", null, new JsonObject().put("code", code));
  }

  @Test
  void aNewWeChatUserGetsAnUnboundToken() {
    HttpResponse<Buffer> r = login(app.wechat.issueCode("o-new-user"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getBoolean("bound")).isFalse();
    String token = body.getString("token");

    JsonObject me = app.get("/api/v1/auth/me", token).bodyAsJsonObject();
    assertThat(me.getBoolean("bound")).isFalse();
    assertThat(me.getString("subject")).isEqualTo("wx:o-new-user");
    assertProblem(app.get("/api/v1/audit", token), 403, "/problems/forbidden");

    String stored = app.redis().hget("wxuser:{w:o-new-user}", "openid").await().toString();
    assertThat(stored).isEqualTo("o-new-user");
  }

  @Test
  void aBoundWeChatUserGetsTheAccountsRoleAndScope() {
    app.redis().hset(java.util.List.of("wxuser:{w:o-bound}", "binding", new JsonObject()
        .put("subject", "kh.firm01").put("role", "ENTERPRISE")
        .put("scope", new JsonObject().put("uscc", "91350100M000100Y43")).encode())).await();
    JsonObject body = login(app.wechat.issueCode("o-bound")).bodyAsJsonObject();
    assertThat(body.getBoolean("bound")).isTrue();
    JsonObject me = app.get("/api/v1/auth/me", body.getString("token")).bodyAsJsonObject();
    assertThat(me.getString("role")).isEqualTo("ENTERPRISE");
    assertThat(me.getJsonObject("scope").getString("uscc")).isEqualTo("91350100M000100Y43");
  }

  @Test
  void aCodeWorksOnce() {
    String code = app.wechat.issueCode("o-once");
    assertThat(login(code).statusCode()).isEqualTo(200);
    assertFieldProblem(login(code), 401, "/code");
  }

  @Test
  void anInvalidCodeIsNamed() {
    JsonObject p = assertFieldProblem(login("made-up-code"), 401, "/code");
    assertThat(p.getString("detail")).contains("wx.login");
  }

  @Test
  void weChatBusyIsRetryableUnavailability() {
    String code = app.wechat.issueCode("o-busy");
    app.wechat.failNext(FakeWeChatServer.CODE2SESSION, -1);
    assertProblem(login(code), 503, "/problems/wechat-unavailable");
  }

  @Test
  void weChatDownIsRetryableUnavailability() {
    String code = app.wechat.issueCode("o-down");
    app.wechat.failNextHttp(FakeWeChatServer.CODE2SESSION, 502);
    assertProblem(login(code), 503, "/problems/wechat-unavailable");
  }
}
