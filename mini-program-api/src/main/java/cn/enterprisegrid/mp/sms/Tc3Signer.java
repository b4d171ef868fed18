package cn.enterprisegrid.mp.sms;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * TencentCloud API 3.0 request signing (TC3-HMAC-SHA256) of a JSON POST to {@code /}: the canonical
 * request covers content-type, host and the action header, the key is derived per day and service.
 */
public final class Tc3Signer {
  public static final String ALGORITHM = "TC3-HMAC-SHA256";
  public static final String CONTENT_TYPE = "application/json; charset=utf-8";
  static final String SIGNED_HEADERS = "content-type;host;x-tc-action";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  private Tc3Signer() {}

  /** The {@code Authorization} header of a call of {@code action} on {@code service} at {@code host}. */
  public static String authorization(String secretId, String secretKey, String service, String host, String action,
      String payload, Instant at) {
    String date = DAY.format(at);
    String scope = date + "/" + service + "/tc3_request";
    String signature = signature(secretKey, service, host, action, payload, at);
    return ALGORITHM + " Credential=" + secretId + "/" + scope + ", SignedHeaders=" + SIGNED_HEADERS
        + ", Signature=" + signature;
  }

  /** The hex signature alone (the fake server recomputes it to check a request). */
  public static String signature(String secretKey, String service, String host, String action, String payload,
      Instant at) {
    String date = DAY.format(at);
    String canonical = "POST\n/\n\n"
        + "content-type:" + CONTENT_TYPE + "\n"
        + "host:" + host + "\n"
        + "x-tc-action:" + action.toLowerCase(Locale.ROOT) + "\n\n"
        + SIGNED_HEADERS + "\n"
        + sha256Hex(payload);
    String toSign = ALGORITHM + "\n" + at.getEpochSecond() + "\n" + date + "/" + service + "/tc3_request\n"
        + sha256Hex(canonical);
    byte[] kDate = hmac(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
    byte[] kService = hmac(kDate, service);
    byte[] kSigning = hmac(kService, "tc3_request");
    return HexFormat.of().formatHex(hmac(kSigning, toSign));
  }

  static String sha256Hex(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String msg) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(msg.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
