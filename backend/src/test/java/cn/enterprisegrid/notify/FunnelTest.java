package cn.enterprisegrid.notify;

import static cn.enterprisegrid.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.enterprise.EnterpriseKeys;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The funnel from push to payment, the open report, consents, and notify() as the policy scripts call it. */
class FunnelTest {
  static NotifyFixture fx;
  static NotifyFixture.Node node;

  @BeforeAll
  static void start() {
    fx = new NotifyFixture();
    fx.registerTemplates();
    node = fx.start(new JsonObject());
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @Test
  void theFunnelFollowsPushedFirmsToPaymentByPolicyAndDepartment() {
    String a = fx.uscc();
    String b = fx.uscc();
    String c = fx.uscc();
    String d = fx.uscc();
    fx.firm(a, null);
    fx.firm(b, null, "wx-fb");
    fx.firm(c, null);
    fx.firm(d, null);
    String tokenA = node.bind(a, "wx-fa");
    for (String o : List.of("wx-fa", "wx-fb")) {
      fx.wechat.grantSubscription(o, NotifyFixture.POLICY_TPL);
      fx.redis.hset(List.of(NotifyKeys.consent(o), NotifyFixture.POLICY_TPL, "1")).await();
    }
    fx.publish("PF1", 2, "高新技术企业认定奖励", "科技局", List.of(a, b, c), List.of());
    until("pushed", () -> fx.wechat.delivered().size() == 2 && fx.idle());

    String id = "PF1~2~policy.eligible";
    HttpResponse<Buffer> opened = node.send(HttpMethod.POST, "/mp/v1/notifications/" + id + "/opened", tokenA, null);
    assertThat(opened.statusCode()).as(opened.bodyAsString()).isEqualTo(200);
    assertThat(opened.bodyAsJsonObject().getBoolean("first")).isTrue();
    HttpResponse<Buffer> again = node.send(HttpMethod.POST, "/mp/v1/notifications/" + id + "/read", tokenA, null);
    assertThat(again.bodyAsJsonObject().getBoolean("first")).isFalse();
    HttpResponse<Buffer> unknown = node.send(HttpMethod.POST, "/mp/v1/notifications/PX~1~policy.eligible/read",
        tokenA, null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(node.send(HttpMethod.GET, "/mp/v1/notifications", tokenA, null).bodyAsJsonObject()
        .getLong("unread")).isZero();

    fx.application("AP1", "PF1", 2, a, "PENDING_REVIEW", "REVIEW", "10");
    fx.application("AP1", "PF1", 2, a, "GRANTED", "REVIEW", "10");
    fx.application("AP1", "PF1", 2, a, "PAID", "REVIEW", "10");
    fx.application("AP2", "PF1", 2, b, "PENDING_REVIEW", "REVIEW", "5");
    fx.application("AP3", "PF1", 2, d, "GRANTED", "ONE_CLICK", "5");
    until("applications handled", () -> pendingChanges() == 0 && fx.idle()
        && fx.redis.scard(NotifyKeys.funnel("PF1", "paid")).await().toLong() == 1);

    String admin = node.admin();
    HttpResponse<Buffer> r = node.send(HttpMethod.GET, "/api/v1/reports/funnel?policy=PF1", admin, null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject row = r.bodyAsJsonObject().getJsonArray("policies").getJsonObject(0);
    assertThat(row.getString("department")).isEqualTo("科技局");
    assertThat(row.getLong("pushed")).isEqualTo(3);
    assertThat(row.getLong("delivered")).isEqualTo(2);
    assertThat(row.getLong("opened")).isEqualTo(1);
    assertThat(row.getLong("applied")).isEqualTo(2);
    assertThat(row.getLong("granted")).isEqualTo(1);
    assertThat(row.getLong("paid")).isEqualTo(1);
    assertThat(row.getJsonObject("stepRate").getDouble("delivered")).isEqualTo(0.6667);
    assertThat(row.getJsonObject("rateFromPushed").getDouble("paid")).isEqualTo(0.3333);
    JsonArray depts = r.bodyAsJsonObject().getJsonArray("departments");
    assertThat(depts.getJsonObject(0).getString("department")).isEqualTo("科技局");
    assertThat(depts.getJsonObject(0).getLong("pushed")).isEqualTo(3);

    HttpResponse<Buffer> stats = node.send(HttpMethod.GET, "/api/v1/notifications/stats", admin, null);
    assertThat(stats.statusCode()).as(stats.bodyAsString()).isEqualTo(200);
    assertThat(stats.bodyAsJsonObject().getJsonObject("counters").getLong("push.wechat")).isEqualTo(2);
    assertThat(stats.bodyAsJsonObject().getLong("pending")).isZero();
    assertThat(node.send(HttpMethod.GET, "/api/v1/notifications/stats", tokenA, null).statusCode()).isEqualTo(403);

    // roles: a firm may not read it; a policy author only its own department's
    assertThat(node.send(HttpMethod.GET, "/api/v1/reports/funnel", tokenA, null).statusCode()).isEqualTo(403);
    node.send(HttpMethod.POST, "/api/v1/accounts", admin, new JsonObject().put("username", "kjj-author")
        .put("password", "secret-pass-1").put("role", "POLICY_AUTHOR")
        .put("scope", new JsonObject().put("department", "经信局")));
    String author = node.login("kjj-author", "secret-pass-1");
    JsonObject own = node.send(HttpMethod.GET, "/api/v1/reports/funnel", author, null).bodyAsJsonObject();
    assertThat(own.getJsonArray("policies")).isEmpty();
    assertThat(node.send(HttpMethod.GET, "/api/v1/reports/funnel?department=科技局", author, null).statusCode())
        .isEqualTo(403);
  }

  long pendingChanges() {
    return fx.redis.xpending(List.of("changes", NotifyKeys.CHANGES_GROUP)).await().get(0).toLong();
  }

  @Test
  void consentsAreCountedFromWhatRequestSubscribeMessageReturned() {
    String wx = node.wxLogin("wx-consent");
    JsonObject body = new JsonObject().put("errMsg", "requestSubscribeMessage:ok")
        .put(NotifyFixture.POLICY_TPL, "accept").put(NotifyFixture.APP_TPL, "reject");
    HttpResponse<Buffer> r = node.send(HttpMethod.POST, "/mp/v1/subscriptions", wx, body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    node.send(HttpMethod.POST, "/mp/v1/subscriptions", wx, body);
    assertThat(balance(node.send(HttpMethod.GET, "/mp/v1/subscriptions", wx, null), "policy")).isEqualTo(2);
    assertThat(balance(r, "application")).isZero();
    HttpResponse<Buffer> ban = node.send(HttpMethod.POST, "/mp/v1/subscriptions", wx,
        new JsonObject().put(NotifyFixture.POLICY_TPL, "ban"));
    assertThat(balance(ban, "policy")).isZero();

    HttpResponse<Buffer> bad = node.send(HttpMethod.POST, "/mp/v1/subscriptions", wx,
        new JsonObject().put("TPL_X", "maybe"));
    assertThat(bad.statusCode()).isEqualTo(422);
    assertThat(bad.bodyAsJsonObject().getString("pointer")).isEqualTo("/TPL_X");
    HttpResponse<Buffer> empty = node.send(HttpMethod.POST, "/mp/v1/subscriptions", wx, new JsonObject());
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(node.send(HttpMethod.POST, "/mp/v1/subscriptions", null, body).statusCode()).isEqualTo(401);
  }

  static long balance(HttpResponse<Buffer> r, String category) {
    JsonArray t = r.bodyAsJsonObject().getJsonArray("templates");
    for (int i = 0; i < t.size(); i++) {
      if (t.getJsonObject(i).getString("category").equals(category)) {
        return t.getJsonObject(i).getLong("balance");
      }
    }
    throw new AssertionError(r.bodyAsString());
  }

  @Test
  void notifyEnqueuesOncePerRecipientPolicyVersionAndKind() throws IOException {
    String lib;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("lua/include/notify.lua")) {
      lib = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String u = fx.uscc();
    fx.firm(u, "L9");
    String script = lib + "\nreturn {notify(KEYS[1], KEYS[2], ARGV[1], 'PN', 3, 'application.GRANTED', '{}'),"
        + " notify(KEYS[1], KEYS[2], ARGV[1], 'PN', 3, 'application.GRANTED', '{}'),"
        + " notify(KEYS[1], KEYS[2], ARGV[1], 'PN', 4, 'application.GRANTED', '{}')}";
    Response r = fx.redis.eval(List.of(script, "2", NotifyKeys.OUTBOX, EnterpriseKeys.firm(u), u)).await();
    assertThat(List.of(r.get(0).toInteger(), r.get(1).toInteger(), r.get(2).toInteger())).containsExactly(1, 0, 1);
    // the firm and its liaison (per firm for application kinds) for version 3
    assertThat(fx.redis.smembers(NotifyKeys.dedupe("PN", "3", "application.GRANTED")).await().size()).isEqualTo(2);
    until("both inboxes", () -> fx.redis.zcard(NotifyKeys.inbox("firm:" + u)).await().toLong() == 2
        && fx.redis.zcard(NotifyKeys.inbox("liaison:L9")).await().toLong() == 2);
  }
}
