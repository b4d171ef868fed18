package cn.enterprisegrid.mp.wechat.fake;

import static cn.enterprisegrid.mp.wechat.fake.WeChatReplies.random;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The fake's users (openid → unionid) and its one-time codes: login codes of {@code wx.login} and phone-number
 * codes of the phone button, each valid once for 5 minutes. Not thread-safe: the server guards it with its own lock.
 */
final class Identities {
  private static final long CODE_LIFETIME_MS = Duration.ofMinutes(5).toMillis();

  private record Code(String subject, long expiresAt) {}

  private final Map<String, String> users = new HashMap<>(); // openid -> unionid ("" when none)
  private final Map<String, Code> loginCodes = new HashMap<>();
  private final Map<String, Code> phoneCodes = new HashMap<>();

  private boolean countryCodeAsNumber;

  void reset() {
    countryCodeAsNumber = false;
    users.clear();
    loginCodes.clear();
    phoneCodes.clear();
  }

  void addUser(String openid, String unionid) {
    users.put(openid, unionid == null ? "" : unionid);
  }

  /** Registers the user without a unionid, unless known. */
  void knowUser(String openid) {
    users.putIfAbsent(openid, "");
  }

  boolean known(String openid) {
    return openid != null && users.containsKey(openid);
  }

  /** The user's unionid, or null when it has none. */
  String unionid(String openid) {
    String u = users.get(openid);
    return u == null || u.isEmpty() ? null : u;
  }

  String issueLoginCode(String openid, long now) {
    knowUser(openid);
    String code = "code-" + random(12);
    loginCodes.put(code, new Code(openid, now + CODE_LIFETIME_MS));
    return code;
  }

  /** The openid of a valid login code (which is used up), or null. */
  String redeemLoginCode(String code, long now) {
    return redeem(loginCodes, code, now);
  }

  String issuePhoneCode(String purePhoneNumber, String countryCode, long now) {
    String code = "phone-" + random(12);
    phoneCodes.put(code, new Code(countryCode + ":" + purePhoneNumber, now + CODE_LIFETIME_MS));
    return code;
  }

  /** {@code COUNTRYCODE:NUMBER} of a valid phone code (which is used up), or null. */
  String redeemPhoneCode(String code, long now) {
    return redeem(phoneCodes, code, now);
  }

  /** Whether the phone answer carries {@code countryCode} as a JSON number (WeChat has sent both). */
  boolean countryCodeAsNumber() {
    return countryCodeAsNumber;
  }

  void countryCodeAsNumber(boolean asNumber) {
    countryCodeAsNumber = asNumber;
  }

  private static String redeem(Map<String, Code> codes, String given, long now) {
    Code code = given == null ? null : codes.remove(given);
    return code == null || code.expiresAt() <= now ? null : code.subject();
  }
}
