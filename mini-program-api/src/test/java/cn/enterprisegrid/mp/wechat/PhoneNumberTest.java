package cn.enterprisegrid.mp.wechat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumberTest extends WeChatTestBase {

  @Test
  void countryCodeAsAString() {
    String code = wechat.issuePhoneCode("13800138000");

    PhoneNumber phone = await(client.phoneNumber(code));

    assertThat(phone).isEqualTo(new PhoneNumber("13800138000", "13800138000", "86"));
    assertThat(phone.toString()).doesNotContain("13800138000");
  }

  @Test
  void countryCodeAsANumber() {
    wechat.countryCodeAsNumber(true);
    String code = wechat.issuePhoneCode("91234567", "852");

    PhoneNumber phone = await(client.phoneNumber(code));

    assertThat(phone.countryCode()).isEqualTo("852");
    assertThat(phone.purePhoneNumber()).isEqualTo("91234567");
    assertThat(phone.phoneNumber()).isEqualTo("+85291234567");
  }

  @Test
  void aCodeIsValidOnce() {
    String code = wechat.issuePhoneCode("13800138000");
    await(client.phoneNumber(code));

    WeChatException e = failure(client.phoneNumber(code));

    assertThat(e.errcode()).isEqualTo(40029);
    assertThat(e.isRetryable()).isFalse();
  }

  @Test
  void anExpiredTokenIsReplacedForPhoneNumbersToo() {
    await(client.accessToken());
    wechat.expireTokens();

    assertThat(await(client.phoneNumber(wechat.issuePhoneCode("13800138000"))).countryCode()).isEqualTo("86");
    assertThat(wechat.stableTokenCalls()).isEqualTo(2);
  }
}
