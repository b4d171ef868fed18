package cn.enterprisegrid.mp.wechat;

import cn.enterprisegrid.mp.wechat.fake.FakeWeChatServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class Code2SessionTest extends WeChatTestBase {

  @Test
  void exchangesACodeForTheSession() {
    String code = wechat.issueCode("openid-alice");

    WeChatSession session = await(client.code2Session(code));

    assertThat(session.openid()).isEqualTo("openid-alice");
    assertThat(session.sessionKey()).isNotBlank();
    assertThat(session.unionid()).isNull();
    assertThat(session.toString()).doesNotContain(session.sessionKey());
  }

  @Test
  void returnsTheUnionidWhenBound() {
    String code = wechat.issueCode("openid-bob", "union-bob");

    assertThat(await(client.code2Session(code)).unionid()).isEqualTo("union-bob");
  }

  @Test
  void aCodeIsValidOnce() {
    String code = wechat.issueCode("openid-alice");
    await(client.code2Session(code));

    WeChatException e = failure(client.code2Session(code));

    assertThat(e.errcode()).isEqualTo(40029);
    assertThat(e.isInvalidCode()).isTrue();
    assertThat(e.isRetryable()).isFalse();
  }

  @Test
  void unknownAndExpiredCodesAre40029() {
    assertThat(failure(client.code2Session("never-issued")).errcode()).isEqualTo(40029);

    String code = wechat.issueCode("openid-alice");
    wechat.advanceTime(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(failure(client.code2Session(code)).errcode()).isEqualTo(40029);
  }

  @Test
  void systemBusyIsRetryableAndTheCodeStillWorksAfterwards() {
    String code = wechat.issueCode("openid-alice");
    wechat.busyFor(1);

    WeChatException e = failure(client.code2Session(code));

    assertThat(e.errcode()).isEqualTo(-1);
    assertThat(e.isRetryable()).isTrue();
    assertThat(await(client.code2Session(code)).openid()).isEqualTo("openid-alice");
  }

  @Test
  void tooFrequentIsRetryable() {
    wechat.failNext(FakeWeChatServer.CODE2SESSION, 45011);

    WeChatException e = failure(client.code2Session(wechat.issueCode("openid-alice")));

    assertThat(e.errcode()).isEqualTo(45011);
    assertThat(e.isRetryable()).isTrue();
  }

  @Test
  void wrongCredentialsAreReported() {
    WeChatClient wrongSecret = new WeChatClient(vertx,
      new WeChatConfig(wechat.baseUrl(), FakeWeChatServer.APP_ID, "wrong"), redis);
    WeChatClient wrongApp = new WeChatClient(vertx,
      new WeChatConfig(wechat.baseUrl(), "wx-other", FakeWeChatServer.SECRET), redis);
    try {
      assertThat(failure(wrongSecret.code2Session(wechat.issueCode("a"))).errcode()).isEqualTo(40125);
      assertThat(failure(wrongApp.code2Session(wechat.issueCode("a"))).errcode()).isEqualTo(40013);
    } finally {
      wrongSecret.close();
      wrongApp.close();
    }
  }

  @Test
  void http5xxIsRetryable() {
    wechat.failNextHttp(FakeWeChatServer.CODE2SESSION, 502);

    WeChatException e = failure(client.code2Session(wechat.issueCode("openid-alice")));

    assertThat(e.errcode()).isEqualTo(WeChatException.HTTP_STATUS);
    assertThat(e.httpStatus()).isEqualTo(502);
    assertThat(e.isRetryable()).isTrue();
  }

  @Test
  void aTimeoutIsRetryable() {
    wechat.delayNext(FakeWeChatServer.CODE2SESSION, TIMEOUT.toMillis() * 3);

    long start = System.nanoTime();
    WeChatException e = failure(client.code2Session(wechat.issueCode("openid-alice")));

    assertThat(e.errcode()).isEqualTo(WeChatException.TIMEOUT);
    assertThat(e.isRetryable()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(3));
    assertThat(e).hasNoCause();
    assertThat(e.getMessage()).doesNotContain(FakeWeChatServer.SECRET);
  }

  @Test
  void anUnreachableServerIsRetryable() throws Exception {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    WeChatClient unreachable = new WeChatClient(vertx,
      new WeChatConfig("http://127.0.0.1:" + closedPort, FakeWeChatServer.APP_ID, FakeWeChatServer.SECRET), redis);
    try {
      WeChatException e = failure(unreachable.code2Session("any"));
      assertThat(e.errcode()).isEqualTo(WeChatException.NETWORK);
      assertThat(e.isRetryable()).isTrue();
    } finally {
      unreachable.close();
    }
  }

  @Test
  void anEmptyCodeFailsWithoutACall() {
    assertThat(failure(client.code2Session("")).errcode()).isEqualTo(40029);
    assertThat(wechat.calls(FakeWeChatServer.CODE2SESSION)).isZero();
  }
}
