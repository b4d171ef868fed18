package cn.enterprisegrid.mp.wechat;

import cn.enterprisegrid.mp.testsupport.TestRedis;
import cn.enterprisegrid.mp.wechat.fake.FakeWeChatServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** One embedded Redis and one fake WeChat per test class; a fresh client, fake state and token key per test. */
@ExtendWith(VertxExtension.class)
abstract class WeChatTestBase {

  static final Duration TIMEOUT = Duration.ofMillis(400);

  static Vertx vertx;
  static TestRedis redisServer;
  static Redis redis;
  static FakeWeChatServer wechat;

  WeChatClient client;

  @BeforeAll
  static void startAll(Vertx v) {
    vertx = v;
    redisServer = TestRedis.start();
    redis = Redis.createClient(v, redisServer.url());
    wechat = new FakeWeChatServer();
    await(wechat.start(v));
  }

  @AfterAll
  static void stopAll() {
    await(wechat.stop());
    redis.close();
    redisServer.close();
  }

  @BeforeEach
  void fresh() {
    wechat.reset();
    await(RedisAPI.api(redis).del(List.of(SharedAccessToken.redisKey(FakeWeChatServer.APP_ID))));
    client = newClient(vertx, redis);
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  static WeChatConfig config() {
    return new WeChatConfig(wechat.baseUrl(), FakeWeChatServer.APP_ID, FakeWeChatServer.SECRET)
      .withRequestTimeout(TIMEOUT);
  }

  static WeChatClient newClient(Vertx vertx, Redis redis) {
    return new WeChatClient(vertx, config(), redis);
  }

  static String cachedToken() {
    var r = await(RedisAPI.api(redis).get(SharedAccessToken.redisKey(FakeWeChatServer.APP_ID)));
    return r == null ? null : r.toString();
  }

  static <T> T await(Future<T> future) {
    try {
      return future.await(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no result in 10 s", e);
    }
  }

  /** @return the WeChatException the future failed with */
  static WeChatException failure(Future<?> future) {
    try {
      Object value = future.await(10, TimeUnit.SECONDS);
      return fail("expected a failure, got " + value);
    } catch (WeChatException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("expected a WeChatException", e);
    }
  }

  static void assertNoForceRefresh() {
    assertThat(wechat.forceRefreshCalls()).isZero();
  }
}
