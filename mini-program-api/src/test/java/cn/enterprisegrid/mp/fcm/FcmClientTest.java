package cn.enterprisegrid.mp.fcm;

import cn.enterprisegrid.mp.fcm.fake.FakeFcmServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

@ExtendWith(VertxExtension.class)
class FcmClientTest {

  private static final String BEARER = "ya29.fake-oauth-token";
  private static final FcmMessage MESSAGE = new FcmMessage("device-1", "新政策", "您的企业可能符合 3 项政策",
    Map.of("policyId", "12", "kind", "match"));

  static Vertx vertx;
  static FakeFcmServer fcm;
  FcmClient client;
  final AtomicInteger tokenRequests = new AtomicInteger();

  @BeforeAll
  static void start(Vertx v) throws Exception {
    vertx = v;
    fcm = new FakeFcmServer();
    fcm.start(v).await(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    fcm.stop().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void fresh() {
    fcm.reset();
    fcm.requireBearer(BEARER);
    client = new FcmClient(vertx, new FcmConfig(fcm.baseUrl(), FakeFcmServer.PROJECT, Duration.ofMillis(400)),
      () -> {
        tokenRequests.incrementAndGet();
        return Future.succeededFuture(BEARER);
      });
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void sendsTheMessageWithTheBearerToken() throws Exception {
    String name = client.send(MESSAGE).await(10, TimeUnit.SECONDS);

    assertThat(name).startsWith("projects/" + FakeFcmServer.PROJECT + "/messages/");
    assertThat(fcm.count()).isEqualTo(1);
    assertThat(tokenRequests).hasValue(1);
    assertThat(fcm.messages().get(0)).isEqualTo(new JsonObject()
      .put("token", "device-1")
      .put("notification", new JsonObject().put("title", "新政策").put("body", "您的企业可能符合 3 项政策"))
      .put("data", new JsonObject().put("policyId", "12").put("kind", "match")));
  }

  @Test
  void aDataOnlyMessageHasNoNotification() {
    assertThat(new FcmMessage("device-1", null, null, Map.of("k", "v")).toJson().getJsonObject("message")
      .containsKey("notification")).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "UNREGISTERED, 404, true, false",
    "INVALID_ARGUMENT, 400, true, false",
    "SENDER_ID_MISMATCH, 403, true, false",
    "QUOTA_EXCEEDED, 429, false, true",
    "UNAVAILABLE, 503, false, true",
    "INTERNAL, 500, false, true",
    "THIRD_PARTY_AUTH_ERROR, 401, false, false"
  })
  void errorsAreMapped(String code, int status, boolean dead, boolean retryable) {
    fcm.failNext(code);

    FcmException e = failure(client.send(MESSAGE));

    assertThat(e.code()).isEqualTo(FcmErrorCode.valueOf(code));
    assertThat(e.httpStatus()).isEqualTo(status);
    assertThat(e.isDeadToken()).isEqualTo(dead);
    assertThat(e.isRetryable()).isEqualTo(retryable);
    assertThat(fcm.count()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "UNREGISTERED, 404, true, false",
    "INVALID_ARGUMENT, 400, true, false",
    "QUOTA_EXCEEDED, 429, false, true",
    "UNAVAILABLE, 503, false, true",
    "INTERNAL, 500, false, true"
  })
  void errorStatusWithoutDetailsIsMappedToo(String status, int http, boolean dead, boolean retryable) {
    fcm.failNextRaw(http, new JsonObject().put("error", new JsonObject().put("code", http)
      .put("message", "x").put("status", status)));

    FcmException e = failure(client.send(MESSAGE));

    assertThat(e.code()).isEqualTo(FcmErrorCode.valueOf(status));
    assertThat(e.isDeadToken()).isEqualTo(dead);
    assertThat(e.isRetryable()).isEqualTo(retryable);
  }

  @Test
  void aDeadTokenIsUnregistered() {
    fcm.registerDeadToken("device-1");

    assertThat(failure(client.send(MESSAGE)).code()).isEqualTo(FcmErrorCode.UNREGISTERED);
  }

  @Test
  void quotaExceededCarriesRetryAfter() {
    fcm.failNext("QUOTA_EXCEEDED");

    assertThat(failure(client.send(MESSAGE)).retryAfter()).contains(Duration.ofSeconds(30));
  }

  @Test
  void aRefusedBearerIsNeitherDeadNorRetryable() {
    fcm.requireBearer("another");

    FcmException e = failure(client.send(MESSAGE));

    assertThat(e.code()).isEqualTo(FcmErrorCode.UNAUTHENTICATED);
    assertThat(e.isDeadToken()).isFalse();
    assertThat(e.isRetryable()).isFalse();
  }

  @Test
  void aBare404IsNotTakenForADeadToken() {
    fcm.failNextRaw(404, null);

    FcmException e = failure(client.send(MESSAGE));

    assertThat(e.code()).isEqualTo(FcmErrorCode.UNKNOWN);
    assertThat(e.isDeadToken()).isFalse();
  }

  @Test
  void aBare502IsRetryable() {
    fcm.failNextRaw(502, null);

    assertThat(failure(client.send(MESSAGE)).isRetryable()).isTrue();
  }

  @Test
  void aTimeoutIsRetryable() {
    fcm.delayNext(1_200);

    FcmException e = failure(client.send(MESSAGE));

    assertThat(e.code()).isEqualTo(FcmErrorCode.TIMEOUT);
    assertThat(e.isRetryable()).isTrue();
  }

  @Test
  void aFailingTokenSourceSendsNothing() {
    FcmClient broken = new FcmClient(vertx, new FcmConfig(fcm.baseUrl(), FakeFcmServer.PROJECT),
      () -> Future.failedFuture(new IllegalStateException("no credentials")));
    try {
      broken.send(MESSAGE).await(10, TimeUnit.SECONDS);
      fail("expected a failure");
    } catch (IllegalStateException e) {
      assertThat(e).hasMessage("no credentials");
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      broken.close();
    }
    assertThat(fcm.requests()).isZero();
  }

  private static FcmException failure(Future<?> future) {
    try {
      Object value = future.await(10, TimeUnit.SECONDS);
      return fail("expected a failure, got " + value);
    } catch (FcmException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("expected an FcmException", e);
    }
  }
}
