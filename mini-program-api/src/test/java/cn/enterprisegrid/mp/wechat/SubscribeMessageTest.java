package cn.enterprisegrid.mp.wechat;

import cn.enterprisegrid.mp.wechat.fake.DeliveredMessage;
import cn.enterprisegrid.mp.wechat.fake.FakeWeChatServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SubscribeMessageTest extends WeChatTestBase {

  private static final String OPENID = "openid-alice";
  private static final String TEMPLATE = "tmpl-new-policy";
  private static final String[] FIELDS = {"thing1", "number2", "time3", "phrase4", "character_string5"};

  @BeforeEach
  void template() {
    wechat.registerTemplate(TEMPLATE, FIELDS);
    wechat.addUser(OPENID, null);
  }

  private static Map<String, String> validData() {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("thing1", "高新技术企业认定奖励");
    data.put("number2", "3");
    data.put("time3", "2025-03-01 09:30");
    data.put("phrase4", "待申报");
    data.put("character_string5", "KZF-2025-012");
    return data;
  }

  private static SubscribeMessage message(Map<String, String> data) {
    return new SubscribeMessage(OPENID, TEMPLATE, "pages/policy/detail?id=12", data, MiniProgramState.TRIAL, "zh_CN");
  }

  @Test
  void anAcceptedMessageUsesOneSubscription() {
    wechat.grantSubscriptions(OPENID, TEMPLATE, 2);

    await(client.sendSubscribeMessage(message(validData())));

    assertThat(wechat.subscriptionBalance(OPENID, TEMPLATE)).isEqualTo(1);
    assertThat(wechat.delivered()).singleElement().satisfies(m -> {
      assertThat(m.touser()).isEqualTo(OPENID);
      assertThat(m.templateId()).isEqualTo(TEMPLATE);
      assertThat(m.page()).isEqualTo("pages/policy/detail?id=12");
      assertThat(m.data()).isEqualTo(validData());
      assertThat(m.state()).isEqualTo("trial");
      assertThat(m.lang()).isEqualTo("zh_CN");
    });
  }

  @Test
  void noSubscriptionLeftIsTypedAndNotRetried() {
    wechat.grantSubscription(OPENID, TEMPLATE);
    await(client.sendSubscribeMessage(message(validData())));

    WeChatException e = failure(client.sendSubscribeMessage(message(validData())));

    assertThat(e.errcode()).isEqualTo(43101);
    assertThat(e.isNoSubscription()).isTrue();
    assertThat(e.isRetryable()).isFalse();
    assertThat(e.isTokenInvalid()).isFalse();
    assertThat(wechat.sendCalls()).isEqualTo(2);
    assertThat(wechat.deliveries(OPENID, TEMPLATE)).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', value = {
    "thing1 | 这是一个超过二十个字符长度的政策名称用于测试模板规则",
    "number2 | three",
    "number2 | 3a",
    "time3 | tomorrow morning",
    "time3 | 2025-13-01 09:30",
    "phrase4 | 超过五个汉字了",
    "phrase4 | ok",
    "character_string5 | ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
    "character_string5 | 中文编号",
    "thing1 | ''"
  })
  void aValueBreakingTheTemplateRulesIsBadDataAndNotRetried(String key, String value) {
    wechat.grantSubscription(OPENID, TEMPLATE);
    Map<String, String> data = validData();
    data.put(key, value);

    WeChatException e = failure(client.sendSubscribeMessage(message(data)));

    assertThat(e.errcode()).isEqualTo(47003);
    assertThat(e.isBadData()).isTrue();
    assertThat(e.isRetryable()).isFalse();
    assertThat(wechat.sendCalls()).isEqualTo(1);
    assertThat(wechat.subscriptionBalance(OPENID, TEMPLATE)).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', value = {
    "thing1 | 二十个字符以内的政策名称刚好二十个字符啊",
    "number2 | 120000",
    "number2 | 12.5",
    "time3 | 15:01",
    "time3 | 2019年10月1日 15:01",
    "time3 | 2025-03-01 09:30 ~ 2025-03-31 17:00",
    "phrase4 | 已通过",
    "character_string5 | ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
  })
  void valuesWithinTheRulesAreAccepted(String key, String value) {
    wechat.grantSubscription(OPENID, TEMPLATE);
    Map<String, String> data = validData();
    data.put(key, value);

    await(client.sendSubscribeMessage(message(data)));

    assertThat(wechat.deliveries(OPENID, TEMPLATE)).isEqualTo(1);
  }

  @Test
  void aMissingFieldIsBadData() {
    wechat.grantSubscription(OPENID, TEMPLATE);
    Map<String, String> data = validData();
    data.remove("time3");

    assertThat(failure(client.sendSubscribeMessage(message(data))).isBadData()).isTrue();
  }

  @Test
  void unknownOpenidTemplateAndPageAreReported() {
    wechat.grantSubscription(OPENID, TEMPLATE);
    wechat.invalidPage("pages/gone/index");

    assertThat(failure(client.sendSubscribeMessage(
      new SubscribeMessage("openid-nobody", TEMPLATE, null, validData(), null, null))).errcode())
      .isEqualTo(40003);
    assertThat(failure(client.sendSubscribeMessage(
      new SubscribeMessage(OPENID, "tmpl-unknown", null, validData(), null, null))).errcode())
      .isEqualTo(40037);
    assertThat(failure(client.sendSubscribeMessage(
      new SubscribeMessage(OPENID, TEMPLATE, "pages/gone/index?id=1", validData(), null, null))).errcode())
      .isEqualTo(41030);
    assertThat(wechat.sendCalls()).isEqualTo(3);
    assertThat(wechat.subscriptionBalance(OPENID, TEMPLATE)).isEqualTo(1);
  }

  @Test
  void aLongTermTemplateNeedsNoBalance() {
    wechat.registerLongTermTemplate("tmpl-long", "thing1");

    for (int i = 0; i < 3; i++) {
      await(client.sendSubscribeMessage(SubscribeMessage.of(OPENID, "tmpl-long", null, Map.of("thing1", "第" + i + "次"))));
    }

    assertThat(wechat.deliveries(OPENID, "tmpl-long")).isEqualTo(3);
  }

  @Test
  void theFakeDetectsDuplicates() {
    wechat.grantSubscriptions(OPENID, TEMPLATE, 3);
    await(client.sendSubscribeMessage(message(validData())));
    Map<String, String> other = validData();
    other.put("number2", "4");
    await(client.sendSubscribeMessage(message(other)));
    await(client.sendSubscribeMessage(message(validData())));

    assertThat(wechat.duplicates()).extracting(DeliveredMessage::data).containsExactly(validData());
  }

  @Test
  void http5xxAndTimeoutsAreRetryable() {
    wechat.grantSubscriptions(OPENID, TEMPLATE, 5);
    wechat.failNextHttp(FakeWeChatServer.SUBSCRIBE_SEND, 503);
    WeChatException http = failure(client.sendSubscribeMessage(message(validData())));
    assertThat(http.httpStatus()).isEqualTo(503);
    assertThat(http.isRetryable()).isTrue();

    wechat.delayNext(FakeWeChatServer.SUBSCRIBE_SEND, TIMEOUT.toMillis() * 3);
    WeChatException timeout = failure(client.sendSubscribeMessage(message(validData())));
    assertThat(timeout.errcode()).isEqualTo(WeChatException.TIMEOUT);
    assertThat(timeout.isRetryable()).isTrue();
    assertThat(timeout.getMessage()).doesNotContain(cachedToken()).doesNotContain("access_token=");

    wechat.failNext(FakeWeChatServer.SUBSCRIBE_SEND, -1);
    assertThat(failure(client.sendSubscribeMessage(message(validData()))).isRetryable()).isTrue();
    assertThat(wechat.sendCalls()).isEqualTo(3);
  }

  @Test
  void theBodyFollowsWeChatsFormat() {
    assertThat(message(validData()).toJson().encode()).isEqualTo(
      "{\"touser\":\"openid-alice\",\"template_id\":\"tmpl-new-policy\",\"data\":{"
        + "\"thing1\":{\"value\":\"高新技术企业认定奖励\"},\"number2\":{\"value\":\"3\"},"
        + "\"time3\":{\"value\":\"2025-03-01 09:30\"},\"phrase4\":{\"value\":\"待申报\"},"
        + "\"character_string5\":{\"value\":\"KZF-2025-012\"}},"
        + "\"page\":\"pages/policy/detail?id=12\",\"miniprogram_state\":\"trial\",\"lang\":\"zh_CN\"}");
  }
}
