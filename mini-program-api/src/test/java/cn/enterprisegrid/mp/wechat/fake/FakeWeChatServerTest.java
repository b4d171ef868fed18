package cn.enterprisegrid.mp.wechat.fake;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The fake's own token rules, which the client tests do not reach. */
@Tag("fake") // a test of the test double, counted apart from the product's tests (see pom.xml)
@ExtendWith(VertxExtension.class)
class FakeWeChatServerTest {

  static FakeWeChatServer wechat;
  static WebClient http;

  @BeforeAll
  static void start(Vertx vertx) {
    wechat = new FakeWeChatServer();
    await(wechat.start(vertx));
    http = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    http.close();
    await(wechat.stop());
  }

  @BeforeEach
  void reset() {
    wechat.reset();
  }

  private static JsonObject stable(boolean force) {
    return await(http.postAbs(wechat.baseUrl() + FakeWeChatServer.STABLE_TOKEN).sendJsonObject(new JsonObject()
      .put("grant_type", "client_credential").put("appid", FakeWeChatServer.APP_ID)
      .put("secret", FakeWeChatServer.SECRET).put("force_refresh", force))).bodyAsJsonObject();
  }

  private static JsonObject classic() {
    return await(http.getAbs(wechat.baseUrl() + FakeWeChatServer.TOKEN).addQueryParam("grant_type", "client_credential")
      .addQueryParam("appid", FakeWeChatServer.APP_ID).addQueryParam("secret", FakeWeChatServer.SECRET).send())
      .bodyAsJsonObject();
  }

  @Test
  void theStableTokenStaysTheSameUntilFiveMinutesBeforeExpiry() {
    String first = stable(false).getString("access_token");
    assertThat(stable(false).getString("access_token")).isEqualTo(first);

    wechat.advanceTime(Duration.ofSeconds(7200 - 299));
    JsonObject renewed = stable(false);

    assertThat(renewed.getString("access_token")).isNotEqualTo(first);
    assertThat(renewed.getLong("expires_in")).isEqualTo(7200);
    assertThat(wechat.validTokens()).contains(first, renewed.getString("access_token"));
    assertThat(wechat.stableTokenCalls()).isEqualTo(3);
  }

  @Test
  void forceRefreshReplacesTheTokenAtOnceAndIsCounted() {
    String first = stable(false).getString("access_token");

    String forced = stable(true).getString("access_token");

    assertThat(forced).isNotEqualTo(first);
    assertThat(wechat.validTokens()).containsExactly(forced);
    assertThat(wechat.forceRefreshCalls()).isEqualTo(1);
  }

  @Test
  void eachClassicFetchLeavesThePreviousTokenFiveMinutes() {
    String first = classic().getString("access_token");
    String second = classic().getString("access_token");

    assertThat(wechat.validTokens()).contains(first, second);
    wechat.advanceTime(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(wechat.validTokens()).containsExactly(second);
  }

  @Test
  void wrongCredentialsAreRefused() {
    JsonObject answer = await(http.postAbs(wechat.baseUrl() + FakeWeChatServer.STABLE_TOKEN).sendJsonObject(
      new JsonObject().put("grant_type", "client_credential").put("appid", FakeWeChatServer.APP_ID)
        .put("secret", "nope"))).bodyAsJsonObject();

    assertThat(answer.getInteger("errcode")).isEqualTo(40125);
  }

  static <T> T await(Future<T> future) {
    try {
      return future.await(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(e);
    }
  }
}
