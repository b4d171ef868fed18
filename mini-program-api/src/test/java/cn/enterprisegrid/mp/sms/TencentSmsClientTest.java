package cn.enterprisegrid.mp.sms;

import cn.enterprisegrid.mp.sms.fake.FakeTencentSmsServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TencentSmsClientTest {
  private static Vertx vertx;
  private static FakeTencentSmsServer fake;
  private static String base;
  private static WebClient web;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    fake = new FakeTencentSmsServer();
    base = fake.start(vertx).await();
    web = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    web.close();
    fake.close().await();
    vertx.close().await();
  }

  private static TencentSmsClient client(String secretKey, Clock clock) {
    return new TencentSmsClient(web, new TencentSmsConfig(base, FakeTencentSmsServer.SECRET_ID, secretKey,
        FakeTencentSmsServer.SDK_APP_ID, FakeTencentSmsServer.SIGN_NAME, null, Duration.ofSeconds(2)), clock);
  }

  private static TencentSmsClient client() {
    return client(FakeTencentSmsServer.SECRET_KEY, Clock.systemUTC());
  }

  /** Computed independently (Python's hmac and hashlib) from the TC3-HMAC-SHA256 steps. */
  @Test
  void signsAsTheTc3AlgorithmSays() {
    String payload = "{\"PhoneNumberSet\":[\"+8613711112222\"],\"SmsSdkAppId\":\"1400006666\",\"SignName\":\"腾讯云\","
        + "\"TemplateId\":\"1110\",\"TemplateParamSet\":[\"4370\"],\"SessionContext\":\"\"}";
    Instant at = Instant.ofEpochSecond(1551113065);
    assertThat(Tc3Signer.signature("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "sms", "sms.tencentcloudapi.com", "SendSms",
        payload, at)).isEqualTo("77e183cb0c5f7c3f87a3d2399fed0cd0fdff091794c4317fb06f439c2ff7772e");
    assertThat(Tc3Signer.authorization("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
        "sms", "sms.tencentcloudapi.com", "SendSms", payload, at))
        .isEqualTo("TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/sms/tc3_request, "
            + "SignedHeaders=content-type;host;x-tc-action, "
            + "Signature=77e183cb0c5f7c3f87a3d2399fed0cd0fdff091794c4317fb06f439c2ff7772e");
  }

  @Test
  void sendsATemplatedMessageWithItsParameters() {
    String serial = client().send("13912345678", "1001", List.of("开化县人社局", "2"), "notice-42").await();
    assertThat(serial).startsWith("2645:");
    FakeTencentSmsServer.Sent sent = fake.sent().stream().filter(s -> s.serialNo().equals(serial)).findFirst().orElseThrow();
    assertThat(sent.phone()).isEqualTo("+8613912345678");
    assertThat(sent.params()).containsExactly("开化县人社局", "2");
    assertThat(sent.context()).isEqualTo("notice-42");
  }

  @Test
  void aWrongKeyIsASignatureFailureAndNotRetried() {
    SmsException e = refused(client("not-the-key", Clock.systemUTC()).send("13912345678", "1001", List.of(), null));
    assertThat(e.code()).isEqualTo("AuthFailure.SignatureFailure");
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void aClockFarOffIsAnExpiredSignature() {
    Clock late = Clock.fixed(Instant.now().minus(Duration.ofMinutes(10)), ZoneOffset.UTC);
    assertThat(refused(client(FakeTencentSmsServer.SECRET_KEY, late).send("13912345678", "1001", List.of(), null))
        .code()).isEqualTo("AuthFailure.SignatureExpire");
  }

  @Test
  void refusalsCarryTheServicesCodes() {
    assertThat(refused(client().send("13912345678", "9999", List.of(), null)).code())
        .isEqualTo("FailedOperation.TemplateIncorrectOrUnapproved");
    SmsException bad = refused(client().send("12345", "1001", List.of(), null));
    assertThat(bad.code()).isEqualTo("InvalidParameterValue.IncorrectPhoneNumber");
    assertThat(bad.retryable()).isFalse();
    fake.failNext("InternalError");
    SmsException internal = refused(client().send("13912345678", "1001", List.of(), null));
    assertThat(internal.code()).isEqualTo("InternalError");
    assertThat(internal.retryable()).isTrue();
  }

  @Test
  void theDailyLimitPerNumberIsReportedPerNumber() {
    fake.dailyLimit(2);
    try {
      TencentSmsClient c = client();
      c.send("13800000001", "1002", List.of(), null).await();
      c.send("13800000001", "1002", List.of(), null).await();
      SmsException e = refused(c.send("13800000001", "1002", List.of(), null));
      assertThat(e.code()).isEqualTo("LimitExceeded.PhoneNumberDailyLimit");
      assertThat(e.retryable()).isFalse();
    } finally {
      fake.dailyLimit(10);
    }
  }

  @Test
  void noServiceIsATransportFailureWorthRetrying() {
    TencentSmsClient nowhere = new TencentSmsClient(web, new TencentSmsConfig("http://127.0.0.1:1",
        FakeTencentSmsServer.SECRET_ID, FakeTencentSmsServer.SECRET_KEY, FakeTencentSmsServer.SDK_APP_ID,
        FakeTencentSmsServer.SIGN_NAME, null, Duration.ofSeconds(1)), Clock.systemUTC());
    SmsException e = refused(nowhere.send("13912345678", "1001", List.of(), null));
    assertThat(e.code()).isIn("transport", "timeout");
    assertThat(e.retryable()).isTrue();
  }

  @Test
  void theSecretKeyNeverShowsInTheConfigsText() {
    assertThat(new TencentSmsConfig(null, "id", "very-secret", "1400000001", "签名", null, null).toString())
        .doesNotContain("very-secret").contains("sms.tencentcloudapi.com");
  }

  private static SmsException refused(Future<String> f) {
    Throwable t = f.transform(ar -> Future.succeededFuture(ar.cause())).await();
    assertThat(t).isNotNull();
    return catchThrowableOfType(SmsException.class, () -> { throw t; });
  }
}
