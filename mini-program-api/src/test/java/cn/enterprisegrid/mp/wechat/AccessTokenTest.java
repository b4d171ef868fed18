package cn.enterprisegrid.mp.wechat;

import cn.enterprisegrid.testing.Eventually;
import cn.enterprisegrid.mp.wechat.fake.FakeWeChatServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AccessTokenTest extends WeChatTestBase {

  private static final String TEMPLATE = "tmpl-policy";

  @BeforeEach
  void template() {
    wechat.registerLongTermTemplate(TEMPLATE, "thing1");
    wechat.addUser("openid-alice", null);
  }

  private static SubscribeMessage message() {
    return SubscribeMessage.of("openid-alice", TEMPLATE, null, Map.of("thing1", "New policy"));
  }

  @Test
  void theTokenIsFetchedOnceAndSharedByNodesThroughRedis() {
    Vertx otherNode = Vertx.vertx();
    Redis otherRedis = Redis.createClient(otherNode, redisServer.url());
    WeChatClient otherClient = newClient(otherNode, otherRedis);
    try {
      await(client.sendSubscribeMessage(message()));
      await(otherClient.sendSubscribeMessage(message()));
      await(client.sendSubscribeMessage(message()));

      assertThat(wechat.stableTokenCalls()).isEqualTo(1);
      assertThat(wechat.deliveries("openid-alice", TEMPLATE)).isEqualTo(3);
      assertThat(cachedToken()).isIn(wechat.validTokens());
    } finally {
      otherClient.close();
      otherRedis.close();
      await(otherNode.close());
    }
  }

  @Test
  void concurrentCallersOnOneNodeCauseOneFetch() {
    List<Future<Void>> sends = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      sends.add(client.sendSubscribeMessage(message()));
    }
    await(Future.all(sends));

    assertThat(wechat.stableTokenCalls()).isEqualTo(1);
    assertThat(wechat.deliveries("openid-alice", TEMPLATE)).isEqualTo(25);
  }

  @Test
  void concurrentClientsOnOneNodeCauseOneFetch() {
    List<WeChatClient> clients = new ArrayList<>();
    List<Future<Void>> sends = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      WeChatClient c = newClient(vertx, redis);
      clients.add(c);
      sends.add(c.sendSubscribeMessage(message()));
      sends.add(c.sendSubscribeMessage(message()));
    }
    await(Future.all(sends));
    clients.forEach(WeChatClient::close);

    assertThat(wechat.stableTokenCalls()).isEqualTo(1);
  }

  @Test
  void theCachedTokenExpiresBeforeWeChatsWithTheSafetyMargin() {
    await(client.accessToken());

    long pttl = await(RedisAPI.api(redis).pttl(SharedAccessToken.redisKey(FakeWeChatServer.APP_ID))).toLong();

    long expected = Duration.ofSeconds(7200).minus(WeChatConfig.DEFAULT_TOKEN_SAFETY_MARGIN).toMillis();
    assertThat(pttl).isBetween(expected - 5_000, expected);
  }

  @Test
  void ttlRule() {
    Duration margin = Duration.ofMinutes(5);
    assertThat(SharedAccessToken.ttlMillis(7200, margin)).isEqualTo(6_900_000);
    assertThat(SharedAccessToken.ttlMillis(480, margin)).isEqualTo(240_000);
    assertThat(SharedAccessToken.ttlMillis(0, margin)).isEqualTo(500);
    assertThat(SharedAccessToken.ttlMillis(7200, Duration.ZERO)).isEqualTo(7_200_000);
  }

  @Test
  void injected40001DropsTheTokenFetchesAgainAndRetriesOnce() {
    await(client.sendSubscribeMessage(message()));
    wechat.failNext(FakeWeChatServer.SUBSCRIBE_SEND, 40001);

    await(client.sendSubscribeMessage(message()));

    assertThat(wechat.sendCalls()).isEqualTo(3);
    assertThat(wechat.stableTokenCalls()).isEqualTo(2);
    assertThat(wechat.deliveries("openid-alice", TEMPLATE)).isEqualTo(2);
    assertNoForceRefresh();
  }

  @Test
  void aTokenWeChatNoLongerKnowsIsReplaced() {
    await(client.sendSubscribeMessage(message()));
    String before = cachedToken();
    wechat.invalidateTokens();

    await(client.sendSubscribeMessage(message()));

    assertThat(cachedToken()).isNotEqualTo(before).isIn(wechat.validTokens());
    assertThat(wechat.sendCalls()).isEqualTo(3);
    assertThat(wechat.stableTokenCalls()).isEqualTo(2);
    assertNoForceRefresh();
  }

  @Test
  void anExpiredToken42001IsReplacedAndTheCallRetriedOnce() {
    await(client.sendSubscribeMessage(message()));
    String before = cachedToken();
    wechat.expireTokens();

    await(client.sendSubscribeMessage(message()));

    assertThat(cachedToken()).isNotEqualTo(before);
    assertThat(wechat.sendCalls()).isEqualTo(3);
    assertThat(wechat.stableTokenCalls()).isEqualTo(2);
    assertThat(wechat.deliveries("openid-alice", TEMPLATE)).isEqualTo(2);
    assertNoForceRefresh();
  }

  @Test
  void injected42001IsRetriedOnce() {
    wechat.failNext(FakeWeChatServer.SUBSCRIBE_SEND, 42001);

    await(client.sendSubscribeMessage(message()));

    assertThat(wechat.sendCalls()).isEqualTo(2);
    assertThat(wechat.stableTokenCalls()).isEqualTo(2);
  }

  @Test
  void theRetryHappensExactlyOnce() {
    wechat.failNext(FakeWeChatServer.SUBSCRIBE_SEND, 40001);
    wechat.failNext(FakeWeChatServer.SUBSCRIBE_SEND, 42001);

    WeChatException e = failure(client.sendSubscribeMessage(message()));

    assertThat(e.errcode()).isEqualTo(42001);
    assertThat(e.isTokenInvalid()).isTrue();
    assertThat(wechat.sendCalls()).isEqualTo(2);
    assertThat(wechat.stableTokenCalls()).isEqualTo(2);
    assertThat(wechat.deliveries("openid-alice", TEMPLATE)).isZero();
    assertNoForceRefresh();
  }

  @Test
  void aNodeWithAStaleTokenDoesNotDeleteTheFreshOne() {
    RedisAPI api = RedisAPI.api(redis);
    String key = SharedAccessToken.redisKey(FakeWeChatServer.APP_ID);
    SharedAccessToken token = new SharedAccessToken(vertx, api, FakeWeChatServer.APP_ID,
      () -> Future.failedFuture("not used"), Duration.ofMinutes(5), 1000);
    await(api.set(List.of(key, "fresh", "PX", "60000")));

    assertThat(await(token.invalidate("stale"))).isFalse();
    assertThat(cachedToken()).isEqualTo("fresh");

    assertThat(await(token.invalidate("fresh"))).isTrue();
    assertThat(cachedToken()).isNull();
  }

  @Test
  void aNodeWhoseTokenWasReplacedMeanwhileKeepsTheFreshOne() {
    await(client.sendSubscribeMessage(message()));
    String stale = cachedToken();
    wechat.delayNext(FakeWeChatServer.SUBSCRIBE_SEND, 150);

    // this node's call with the current token is in flight...
    Future<Void> inFlight = client.sendSubscribeMessage(message());
    Eventually.until("the second send in flight", () -> wechat.sendCalls() >= 2);
    // ...when WeChat drops that token and another node stores a fresh one
    wechat.invalidateTokens();
    SharedAccessToken otherNode = new SharedAccessToken(vertx, RedisAPI.api(redis), FakeWeChatServer.APP_ID,
      () -> Future.failedFuture("not used"), Duration.ofMinutes(5), 1000);
    await(otherNode.invalidate(stale));
    String fresh = await(client.accessToken());
    assertThat(fresh).isNotEqualTo(stale);

    await(inFlight);

    assertThat(cachedToken()).isEqualTo(fresh);
    assertThat(wechat.stableTokenCalls()).isEqualTo(2);
    assertThat(wechat.sendCalls()).isEqualTo(3);
    assertThat(wechat.deliveries("openid-alice", TEMPLATE)).isEqualTo(2);
  }

  @Test
  void aFailedTokenFetchFailsTheCallAndCachesNothing() {
    wechat.failNext(FakeWeChatServer.STABLE_TOKEN, -1);

    WeChatException e = failure(client.sendSubscribeMessage(message()));

    assertThat(e.errcode()).isEqualTo(-1);
    assertThat(e.isRetryable()).isTrue();
    assertThat(cachedToken()).isNull();
    assertThat(wechat.sendCalls()).isZero();
    await(client.sendSubscribeMessage(message()));
  }
}
