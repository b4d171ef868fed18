package cn.enterprisegrid.mp.wechat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PushSignatureTest {

  /** sha1("1700000000" + "mytoken" + "nonce123"), computed with sha1sum. */
  private static final String SIGNATURE = "92c6ae13d2a6d87303dddafd15f9e906ef503790";

  @Test
  void acceptsTheSha1OfTheSortedParts() {
    assertThat(WeChatClient.checkPushSignature("mytoken", SIGNATURE, "1700000000", "nonce123")).isTrue();
    assertThat(WeChatClient.checkPushSignature("mytoken", SIGNATURE.toUpperCase(), "1700000000", "nonce123"))
      .isTrue();
  }

  @Test
  void rejectsAnythingElse() {
    assertThat(WeChatClient.checkPushSignature("othertoken", SIGNATURE, "1700000000", "nonce123")).isFalse();
    assertThat(WeChatClient.checkPushSignature("mytoken", SIGNATURE, "1700000001", "nonce123")).isFalse();
    assertThat(WeChatClient.checkPushSignature("mytoken", "", "1700000000", "nonce123")).isFalse();
    assertThat(WeChatClient.checkPushSignature("mytoken", null, "1700000000", "nonce123")).isFalse();
    assertThat(WeChatClient.checkPushSignature(null, SIGNATURE, "1700000000", "nonce123")).isFalse();
  }
}
