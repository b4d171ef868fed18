package cn.enterprisegrid.mp.sms;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and as whom {@link TencentSmsClient} sends.
 *
 * @param apiBase   base URL without trailing slash; {@code null} means {@link #DEFAULT_API_BASE}
 * @param secretId  the API key's SecretId
 * @param secretKey the API key's SecretKey (never logged)
 * @param sdkAppId  the SMS application's SdkAppId (e.g. 1400006666)
 * @param signName  the approved signature (短信签名), e.g. 开化县营商办
 * @param region    the API region; {@code null} means ap-guangzhou
 * @param timeout   time allowed for one call; {@code null} means 5 seconds
 */
public record TencentSmsConfig(String apiBase, String secretId, String secretKey, String sdkAppId, String signName,
    String region, Duration timeout) {

  public static final String DEFAULT_API_BASE = "https://sms.tencentcloudapi.com";

  public TencentSmsConfig {
    apiBase = apiBase == null || apiBase.isBlank() ? DEFAULT_API_BASE : apiBase.strip();
    if (apiBase.endsWith("/")) {
      apiBase = apiBase.substring(0, apiBase.length() - 1);
    }
    Objects.requireNonNull(secretId, "secretId");
    Objects.requireNonNull(secretKey, "secretKey");
    Objects.requireNonNull(sdkAppId, "sdkAppId");
    Objects.requireNonNull(signName, "signName");
    region = region == null || region.isBlank() ? "ap-guangzhou" : region;
    timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
  }

  /** The host the signature covers: the base URL's authority. */
  String host() {
    String rest = apiBase.substring(apiBase.indexOf("://") + 3);
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  @Override
  public String toString() {
    return "TencentSmsConfig[apiBase=" + apiBase + ", secretId=" + secretId + ", sdkAppId=" + sdkAppId
        + ", signName=" + signName + ", region=" + region + "]";
  }
}
