package cn.enterprisegrid.notify;

import static cn.enterprisegrid.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import cn.enterprisegrid.mp.wechat.fake.FakeWeChatServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Each notification reaches each user once: across a node shut down during a fan-out and started again, and
 * across two nodes on one Redis. The fake WeChat server counts deliveries per user and duplicates; every user
 * holds spare consents there, so that a second send would be accepted and seen rather than refused with 43101.
 * A process killed with SIGKILL is {@link KillNineTest}'s.
 */
class ExactlyOnceTest {
  NotifyFixture fx;

  @BeforeEach
  void start() {
    fx = new NotifyFixture();
    fx.registerTemplates();
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  /** {@code n} firms with one consenting user each; returns their USCCs (openids are {@code prefix + i}). */
  List<String> firms(String prefix, int n) {
    List<String> usccs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String u = fx.uscc();
      fx.firm(u, "L" + (i % 7), prefix + i);
      fx.wechat.grantSubscriptions(prefix + i, NotifyFixture.POLICY_TPL, 3);
      fx.redis.hset(List.of(NotifyKeys.consent(prefix + i), NotifyFixture.POLICY_TPL, "1")).await();
      usccs.add(u);
    }
    return usccs;
  }

  void assertEachOnce(String prefix, int n, FakeWeChatServer... servers) {
    for (FakeWeChatServer s : servers) {
      assertThat(s.duplicates()).isEmpty();
    }
    for (int i = 0; i < n; i++) {
      String openid = prefix + i;
      assertThat(Stream.of(servers).mapToLong(s -> s.deliveries(openid, NotifyFixture.POLICY_TPL)).sum())
          .as(openid).isEqualTo(1);
    }
  }

  @Test
  void aNodeShutDownDuringAFanOutDeliversEverythingOnceAfterRestart() throws Exception {
    int n = 3000;
    List<String> usccs = firms("wx-k", n);
    Path dataDir = Files.createTempDirectory("notify-kill");
    NotifyFixture.Node node = fx.start(dataDir, new JsonObject());
    // slow WeChat down so that the kill lands in the middle
    for (int i = 0; i < 200; i++) {
      fx.wechat.delayNext(FaultsTest.SEND, 5);
    }
    fx.publish("P0900", 1, "中小企业数字化改造补助", "经信局", usccs, List.of());
    until("some delivered", () -> fx.wechat.delivered().size() >= 100);
    node.shutDown();
    int atKill = fx.wechat.delivered().size();
    assertThat(atKill).isLessThan(n);

    // the same node again (its node id), with fresh local indexes: the stopped one still holds their locks
    Path again = Files.createTempDirectory("notify-kill");
    Files.copy(dataDir.resolve("node-id"), again.resolve("node-id"));
    fx.start(again, new JsonObject());
    until("all delivered after the restart", Duration.ofSeconds(60),
        () -> fx.wechat.delivered().size() >= n && fx.idle());
    assertEachOnce("wx-k", n, fx.wechat);
    assertThat(fx.wechat.sendCalls()).as("send calls, refused ones included").isEqualTo(n);
    // every firm's inbox has it exactly once, and the liaisons' summaries are single too
    for (String u : usccs.subList(0, 50)) {
      assertThat(fx.redis.zcard(NotifyKeys.inbox("firm:" + u)).await().toLong()).isEqualTo(1);
    }
    assertThat(fx.redis.zcard(NotifyKeys.inbox("liaison:L3")).await().toLong()).isEqualTo(1);
  }

  @Test
  void twoNodesOnOneRedisDeliverEachNotificationOnce() {
    int n = 2000;
    List<String> usccs = firms("wx-2n", n);
    // the second node talks to a WeChat of its own (same users and consents), so each node's deliveries are seen
    FakeWeChatServer second = new FakeWeChatServer();
    String secondBase = second.start(fx.vertx).await();
    try {
      second.registerTemplate(NotifyFixture.POLICY_TPL, "thing1", "thing2", "thing3", "thing4");
      for (int i = 0; i < n; i++) {
        second.addUser("wx-2n" + i, null);
        second.grantSubscriptions("wx-2n" + i, NotifyFixture.POLICY_TPL, 3);
      }
      twoNodes(n, usccs, second, secondBase);
    } finally {
      second.stop().await();
    }
  }

  private void twoNodes(int n, List<String> usccs, FakeWeChatServer second, String secondBase) {
    fx.start(new JsonObject());
    fx.start(new JsonObject().put("WECHAT_API_BASE", secondBase));
    fx.publish("P0901", 1, "专精特新企业奖励", "经信局", usccs.subList(0, n / 2), List.of());
    fx.publish("P0902", 1, "外贸企业出口信用保险补助", "商务局", usccs.subList(n / 2, n), List.of());
    until("all delivered", Duration.ofSeconds(60),
        () -> fx.wechat.delivered().size() + second.delivered().size() >= n && fx.idle());
    assertEachOnce("wx-2n", n, fx.wechat, second);
    // (no count of send calls here: the nodes share one access token through Redis, which the other
    // fake refuses at times, and such a call is retried with a fresh token)
    // both nodes delivered a share
    assertThat(fx.wechat.delivered()).as("first node's deliveries").isNotEmpty();
    assertThat(second.delivered()).as("second node's deliveries").isNotEmpty();
  }

  @Test
  void aPushFoundInFlightAfterACrashIsNotSentAgain() {
    fx.start(new JsonObject());
    String u = fx.uscc();
    fx.firm(u, null, "wx-inflight");
    fx.wechat.grantSubscription("wx-inflight", NotifyFixture.POLICY_TPL);
    fx.redis.hset(List.of(NotifyKeys.consent("wx-inflight"), NotifyFixture.POLICY_TPL, "1")).await();
    // a push entry whose claim says a node was sending it when it died: WeChat may have it already
    long uncertain = fx.stat("push.uncertain");
    String id = (System.currentTimeMillis() + 1000) + "-0";
    fx.redis.set(List.of(NotifyKeys.claim(id), "sending")).await();
    fx.redis.xadd(List.of(NotifyKeys.OUTBOX, id, "push", "wx:wx-inflight", "to", "firm:" + u,
        "items", "[{\"id\":\"P1~1~policy.eligible\",\"policy\":\"P1\",\"version\":\"1\",\"kind\":\"policy.eligible\","
            + "\"uscc\":\"" + u + "\",\"payload\":{\"title\":\"T\"}}]", "attempt", "0")).await();
    until("handled", () -> fx.stat("push.uncertain") == uncertain + 1);
    assertThat(fx.wechat.deliveries("wx-inflight", NotifyFixture.POLICY_TPL)).isZero();
  }
}
