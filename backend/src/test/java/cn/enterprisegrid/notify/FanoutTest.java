package cn.enterprisegrid.notify;

import static cn.enterprisegrid.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.mp.wechat.fake.DeliveredMessage;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/**
 * A published policy reaches its ELIGIBLE firms, its UNKNOWN firms ("complete your profile") and their liaisons,
 * once, through the real binding, the outbox, the fake WeChat server and the inbox.
 */
class FanoutTest {
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

  /** Binds {@code openid} to the firm through an invitation, as the mini-program does; returns its token. */
  static String bind(String uscc, String openid) {
    String admin = node.admin();
    HttpResponse<Buffer> inv = node.send(HttpMethod.POST, "/api/v1/enterprises/" + uscc + "/invitations", admin,
        null);
    assertThat(inv.statusCode()).as(inv.bodyAsString()).isEqualTo(201);
    HttpResponse<Buffer> bound = node.send(HttpMethod.POST, "/mp/v1/bind", node.wxLogin(openid),
        new JsonObject().put("invitation", inv.bodyAsJsonObject().getString("invitation")));
    assertThat(bound.statusCode()).as(bound.bodyAsString()).isEqualTo(200);
    return bound.bodyAsJsonObject().getString("token");
  }

  @Test
  void aPublishedPolicyReachesEligibleAndUnknownFirmsAndTheirLiaisonOnce() {
    fx.liaison("L0101", "13800001111");
    String bound = fx.uscc();
    fx.firm(bound, "L0101");
    String token = bind(bound, "wx-bound-1");
    assertThat(fx.redis.sismember("ent:{e:" + bound + "}:wx", "wx-bound-1").await().toInteger()).isEqualTo(1);
    fx.wechat.grantSubscriptions("wx-bound-1", NotifyFixture.POLICY_TPL, 2);

    List<String> eligible = new ArrayList<>(List.of(bound));
    for (int i = 0; i < 20; i++) {
      String u = fx.uscc();
      fx.firm(u, "L0101", "wx-e-" + i);
      fx.wechat.grantSubscription("wx-e-" + i, NotifyFixture.POLICY_TPL);
      record(fx, "wx-e-" + i, NotifyFixture.POLICY_TPL);
      eligible.add(u);
    }
    record(fx, "wx-bound-1", NotifyFixture.POLICY_TPL);
    String unknown = fx.uscc();
    fx.firm(unknown, null, "wx-u-1");
    fx.wechat.grantSubscription("wx-u-1", NotifyFixture.POLICY_TPL);
    record(fx, "wx-u-1", NotifyFixture.POLICY_TPL);
    String noConsent = fx.uscc();
    fx.firm(noConsent, null, "wx-nc-1");
    eligible.add(noConsent);

    fx.publish("P0100", 1, "开化县科技型中小企业研发费用补助政策（2026年度）", "科技局", eligible, List.of(unknown));

    until("22 subscribe messages", () -> fx.wechat.delivered().size() >= 22 && fx.idle());
    assertThat(fx.wechat.duplicates()).isEmpty();
    assertThat(fx.wechat.deliveries("wx-bound-1", NotifyFixture.POLICY_TPL)).isEqualTo(1);
    DeliveredMessage m = fx.wechat.delivered().stream().filter(d -> d.touser().equals("wx-u-1")).findFirst()
        .orElseThrow();
    assertThat(m.data().get("thing4")).isEqualTo("完善企业信息即可查看是否符合");
    // the title is cut to the 20 characters a thing value may have
    assertThat(m.data().get("thing1")).hasSize(20).endsWith("…");
    assertThat(m.page()).startsWith("pages/notifications/detail?id=P0100~1~policy.unknown");
    // no consent: the inbox has it, nothing was pushed
    assertThat(fx.wechat.deliveries("wx-nc-1", NotifyFixture.POLICY_TPL)).isZero();
    assertThat(fx.stat("push.inbox")).isEqualTo(1);
    // the liaison: one summary over its 21 firms, by SMS and in its inbox
    assertThat(fx.stat("push.sms")).isEqualTo(1);

    HttpResponse<Buffer> inbox = node.send(HttpMethod.GET, "/mp/v1/notifications", token, null);
    assertThat(inbox.statusCode()).as(inbox.bodyAsString()).isEqualTo(200);
    JsonArray items = inbox.bodyAsJsonObject().getJsonArray("items");
    assertThat(items).hasSize(1);
    assertThat(items.getJsonObject(0).getString("id")).isEqualTo("P0100~1~policy.eligible");
    assertThat(items.getJsonObject(0).getBoolean("read")).isFalse();
    assertThat(inbox.bodyAsJsonObject().getLong("unread")).isEqualTo(1);

    String liaison = node.liaisonToken("L0101");
    JsonObject li = node.send(HttpMethod.GET, "/mp/v1/notifications", liaison, null).bodyAsJsonObject();
    assertThat(li.getJsonArray("items")).hasSize(1);
    assertThat(li.getJsonArray("items").getJsonObject(0).getString("body")).contains("21家企业");

    // publishing the same version again (a replayed event) sends nothing new
    fx.publish("P0100", 1, "开化县科技型中小企业研发费用补助政策（2026年度）", "科技局", eligible, List.of(unknown));
    until("the replayed event handled", () -> fx.idle() && pendingChanges() == 0);
    assertThat(fx.wechat.delivered()).hasSize(22);
  }

  long pendingChanges() {
    return fx.redis.xpending(List.of("changes", NotifyKeys.CHANGES_GROUP)).await().get(0).toLong();
  }

  /** What the mini-program posts after wx.requestSubscribeMessage, so our count matches WeChat's. */
  static void record(NotifyFixture fx, String openid, String template) {
    fx.redis.hincrby(NotifyKeys.consent(openid), template, "1").await();
  }
}
