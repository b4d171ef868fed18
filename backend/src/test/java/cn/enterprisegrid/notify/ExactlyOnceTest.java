package cn.enterprisegrid.notify;

import static cn.enterprisegrid.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Each notification reaches each user once: across a node killed during a fan-out and restarted, and across two
 * nodes on one Redis. The fake WeChat server counts deliveries per user and duplicates.
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
      fx.wechat.grantSubscription(prefix + i, NotifyFixture.POLICY_TPL);
      fx.redis.hset(List.of(NotifyKeys.consent(prefix + i), NotifyFixture.POLICY_TPL, "1")).await();
      usccs.add(u);
    }
    return usccs;
  }

  void assertEachOnce(String prefix, int n) {
    assertThat(fx.wechat.duplicates()).isEmpty();
    for (int i = 0; i < n; i++) {
      assertThat(fx.wechat.deliveries(prefix + i, NotifyFixture.POLICY_TPL)).as(prefix + i).isEqualTo(1);
    }
  }

  @Test
  void aNodeKilledDuringAFanOutDeliversEverythingOnceAfterRestart() throws Exception {
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
    node.kill();
    int atKill = fx.wechat.delivered().size();
    assertThat(atKill).isLessThan(n);

    // the same node again (its node id), with fresh local indexes: the killed one still holds their locks
    Path again = Files.createTempDirectory("notify-kill");
    Files.copy(dataDir.resolve("node-id"), again.resolve("node-id"));
    fx.start(again, new JsonObject());
    until("all delivered after the restart", Duration.ofSeconds(60),
        () -> fx.wechat.delivered().size() >= n && fx.idle());
    assertEachOnce("wx-k", n);
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
    fx.start(new JsonObject());
    fx.start(new JsonObject());
    fx.publish("P0901", 1, "专精特新企业奖励", "经信局", usccs.subList(0, n / 2), List.of());
    fx.publish("P0902", 1, "外贸企业出口信用保险补助", "商务局", usccs.subList(n / 2, n), List.of());
    until("all delivered", Duration.ofSeconds(60), () -> fx.wechat.delivered().size() >= n && fx.idle());
    assertEachOnce("wx-2n", n);
    // both nodes took part
    Response consumers = fx.redis.xinfo(List.of("CONSUMERS", NotifyKeys.OUTBOX, NotifyKeys.GROUP)).await();
    assertThat(consumers.size()).isEqualTo(2);
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
