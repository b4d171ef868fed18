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

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Push governance: the frequency cap, digests, quiet hours and unsubscribing by category. */
class GovernanceTest {
  static NotifyFixture fx;
  static int policy;

  @BeforeAll
  static void start() {
    fx = new NotifyFixture();
    fx.registerTemplates();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  static String firmWithUser(String openid, int consents) {
    String u = fx.uscc();
    fx.firm(u, null, openid);
    fx.wechat.grantSubscriptions(openid, NotifyFixture.POLICY_TPL, consents);
    fx.wechat.grantSubscriptions(openid, NotifyFixture.APP_TPL, consents);
    fx.redis.hset(List.of(NotifyKeys.consent(openid), NotifyFixture.POLICY_TPL, String.valueOf(consents),
        NotifyFixture.APP_TPL, String.valueOf(consents))).await();
    return u;
  }

  static String publish(String uscc) {
    String id = "P7" + (++policy);
    fx.publish(id, 1, "政策" + id, "经信局", List.of(uscc), List.of());
    return id;
  }

  @Test
  void policyPushesStopAtTheWeeklyCapButTheInboxAndApplicationNewsGoOn() {
    NotifyFixture.Node node = fx.start(new JsonObject().put("NOTIFY_WEEKLY_CAP", 2));
    try {
      String u = firmWithUser("wx-cap", 5);
      publish(u);
      until("first", () -> fx.wechat.deliveries("wx-cap", NotifyFixture.POLICY_TPL) == 1 && fx.idle());
      publish(u);
      until("second", () -> fx.wechat.deliveries("wx-cap", NotifyFixture.POLICY_TPL) == 2 && fx.idle());
      long capped = fx.stat("capped");
      String third = publish(u);
      until("third capped", () -> fx.stat("capped") == capped + 1 && fx.idle());
      assertThat(fx.wechat.deliveries("wx-cap", NotifyFixture.POLICY_TPL)).isEqualTo(2);
      assertThat(fx.redis.zcard(NotifyKeys.inbox("firm:" + u)).await().toLong()).isEqualTo(3);

      fx.application("A-cap", third, 1, u, "GRANTED", "AUTO_GRANT", "3.5");
      until("application news is never capped", () -> fx.wechat.deliveries("wx-cap", NotifyFixture.APP_TPL) == 1);
      DeliveredMessage m = fx.wechat.delivered().stream()
          .filter(d -> d.templateId().equals(NotifyFixture.APP_TPL) && d.touser().equals("wx-cap")).findFirst()
          .orElseThrow();
      assertThat(m.data().get("phrase2")).isEqualTo("待确认");
      assertThat(m.data().get("thing4")).isEqualTo("免申即享，请确认收款信息");
      assertThat(m.data().get("thing3")).isEqualTo("35000.00元");
    } finally {
      node.stop();
    }
  }

  @Test
  void severalPoliciesMatchingAtOnceArriveAsOneDigest() {
    NotifyFixture.Node node = fx.start(new JsonObject().put("NOTIFY_DIGEST_SECONDS", 1));
    try {
      String u = firmWithUser("wx-digest", 3);
      publish(u);
      publish(u);
      publish(u);
      until("one digest", () -> fx.wechat.deliveries("wx-digest", NotifyFixture.POLICY_TPL) == 1 && fx.idle());
      DeliveredMessage m = fx.wechat.delivered().stream().filter(d -> d.touser().equals("wx-digest"))
          .findFirst().orElseThrow();
      assertThat(m.data().get("thing1")).isEqualTo("3项惠企政策与您匹配");
      assertThat(fx.redis.hget(NotifyKeys.consent("wx-digest"), NotifyFixture.POLICY_TPL).await().toInteger())
          .isEqualTo(2);
      assertThat(fx.redis.zcard(NotifyKeys.inbox("firm:" + u)).await().toLong()).isEqualTo(3);

      // the inbox pages without skipping notices accepted in the same millisecond
      String token = node.bind(u, "wx-digest-reader");
      HttpResponse<Buffer> page = node.send(HttpMethod.GET, "/mp/v1/notifications?limit=2", token, null);
      assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
      JsonObject first = page.bodyAsJsonObject();
      assertThat(first.getJsonArray("items")).hasSize(2);
      assertThat(first.getLong("unread")).isEqualTo(3);
      JsonObject second = node.send(HttpMethod.GET, "/mp/v1/notifications?limit=2&cursor=" + first.getString("next"),
          token, null).bodyAsJsonObject();
      assertThat(second.getJsonArray("items")).hasSize(1);
      assertThat(second.getValue("next")).isNull();
      HttpResponse<Buffer> bad = node.send(HttpMethod.GET, "/mp/v1/notifications?limit=500", token, null);
      assertThat(bad.statusCode()).isEqualTo(400);
    } finally {
      node.stop();
    }
  }

  @Test
  void quietHoursDeferPushesToTheirEnd() {
    ZoneId shanghai = ZoneId.of("Asia/Shanghai");
    ZonedDateTime now = ZonedDateTime.now(shanghai);
    DateTimeFormatter hm = DateTimeFormatter.ofPattern("HH:mm");
    LocalTime start = now.toLocalTime().minusHours(1);
    LocalTime end = now.toLocalTime().plusHours(1).withSecond(0).withNano(0);
    NotifyFixture.Node node = fx.start(new JsonObject()
        .put("NOTIFY_QUIET_HOURS", start.format(hm) + "-" + end.format(hm)));
    try {
      String u = firmWithUser("wx-quiet", 1);
      publish(u);
      until("accepted", () -> fx.redis.zcard(NotifyKeys.inbox("firm:" + u)).await().toLong() == 1);
      long due = (long) Double.parseDouble(fx.redis.zscore(NotifyKeys.DUE, "firm:" + u).await().toString());
      ZonedDateTime endToday = now.toLocalDate().atTime(end).atZone(shanghai);
      Instant expected = (endToday.isBefore(now) ? endToday.plusDays(1) : endToday).toInstant();
      assertThat(Instant.ofEpochMilli(due)).isEqualTo(expected);
      assertThat(fx.wechat.deliveries("wx-quiet", NotifyFixture.POLICY_TPL)).isZero();
      // deferred, not dropped: once due, it goes out
      fx.redis.zadd(List.of(NotifyKeys.DUE, "0", "firm:" + u)).await();
      until("sent when due", () -> fx.wechat.deliveries("wx-quiet", NotifyFixture.POLICY_TPL) == 1);
    } finally {
      node.stop();
    }
  }

  @Test
  void aUserUnsubscribedFromPoliciesGetsNoPolicyPushes() {
    NotifyFixture.Node node = fx.start(new JsonObject());
    try {
      String u = firmWithUser("wx-unsub", 2);
      String wx = node.wxLogin("wx-unsub");
      HttpResponse<Buffer> put = node.send(HttpMethod.PUT, "/mp/v1/notifications/preferences", wx,
          new JsonObject().put("unsubscribed", new JsonArray().add("policy")));
      assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
      assertThat(put.bodyAsJsonObject().getJsonArray("unsubscribed")).containsExactly("policy");
      long unsub = fx.stat("push.unsubscribed");
      String p = publish(u);
      until("not pushed", () -> fx.stat("push.unsubscribed") == unsub + 1);
      fx.application("A-unsub", p, 1, u, "PAID", "ONE_CLICK", "1");
      until("application news still pushed", () -> fx.wechat.deliveries("wx-unsub", NotifyFixture.APP_TPL) == 1);
      assertThat(fx.wechat.deliveries("wx-unsub", NotifyFixture.POLICY_TPL)).isZero();

      HttpResponse<Buffer> bad = node.send(HttpMethod.PUT, "/mp/v1/notifications/preferences", wx,
          new JsonObject().put("channels", new JsonArray().add("pigeon")));
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.bodyAsJsonObject().getString("pointer")).startsWith("/channels");
      HttpResponse<Buffer> phone = node.send(HttpMethod.PUT, "/mp/v1/notifications/preferences", wx,
          new JsonObject().put("phone", "12345"));
      assertThat(phone.statusCode()).isEqualTo(422);
      assertThat(phone.bodyAsJsonObject().getString("pointer")).isEqualTo("/phone");
    } finally {
      node.stop();
    }
  }
}
