package cn.enterprisegrid.mp.wechat;

import java.time.Duration;
import java.util.Objects;

/**
 * Credentials and endpoint of one WeChat mini-program account.
 *
 * @param apiBase            base URL of the WeChat server API, without trailing slash; {@code null} means
 *                           {@link #DEFAULT_API_BASE}
 * @param appId              the mini-program's AppID
 * @param secret             the mini-program's AppSecret (never logged: {@link #toString()} masks it)
 * @param requestTimeout     time allowed for one HTTP exchange with WeChat; {@code null} means
 *                           {@link #DEFAULT_REQUEST_TIMEOUT}
 * @param tokenSafetyMargin  how long before WeChat's {@code expires_in} a cached access token is dropped from
 *                           Redis; {@code null} means {@link #DEFAULT_TOKEN_SAFETY_MARGIN}
 */
public record WeChatConfig(String apiBase, String appId, String secret, Duration requestTimeout,
                           Duration tokenSafetyMargin) {

  /** The public WeChat server API. */
  public static final String DEFAULT_API_BASE = "https://api.weixin.qq.com";
  /** Default time allowed for one HTTP exchange: 5 seconds. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
  /**
   * Default safety margin: 5 minutes, the window in which WeChat already renews a stable token, so every node
   * moves to the renewed token before the old one expires.
   */
  public static final Duration DEFAULT_TOKEN_SAFETY_MARGIN = Duration.ofMinutes(5);

  /** Validates and fills defaults. */
  public WeChatConfig {
    apiBase = stripTrailingSlash(apiBase == null || apiBase.isBlank() ? DEFAULT_API_BASE : apiBase.trim());
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(secret, "secret");
    requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
    tokenSafetyMargin = tokenSafetyMargin == null ? DEFAULT_TOKEN_SAFETY_MARGIN : tokenSafetyMargin;
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive");
    }
    if (tokenSafetyMargin.isNegative()) {
      throw new IllegalArgumentException("tokenSafetyMargin must not be negative");
    }
  }

  /**
   * A configuration with the default timeout and safety margin.
   *
   * @param apiBase base URL, {@code null} for {@link #DEFAULT_API_BASE}
   * @param appId   the AppID
   * @param secret  the AppSecret
   */
  public WeChatConfig(String apiBase, String appId, String secret) {
    this(apiBase, appId, secret, null, null);
  }

  /**
   * @param timeout the new request timeout
   * @return a copy with another request timeout
   */
  public WeChatConfig withRequestTimeout(Duration timeout) {
    return new WeChatConfig(apiBase, appId, secret, timeout, tokenSafetyMargin);
  }

  /**
   * @param margin the new safety margin
   * @return a copy with another token safety margin
   */
  public WeChatConfig withTokenSafetyMargin(Duration margin) {
    return new WeChatConfig(apiBase, appId, secret, requestTimeout, margin);
  }

  @Override
  public String toString() {
    return "WeChatConfig[apiBase=" + apiBase + ", appId=" + appId + ", secret=***, requestTimeout="
      + requestTimeout + ", tokenSafetyMargin=" + tokenSafetyMargin + "]";
  }

  private static String stripTrailingSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
