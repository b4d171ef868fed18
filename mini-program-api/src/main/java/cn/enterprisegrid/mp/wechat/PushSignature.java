package cn.enterprisegrid.mp.wechat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/** The message-push URL check: {@code sha1} of token, timestamp and nonce sorted and concatenated. */
final class PushSignature {

  private PushSignature() {
  }

  static String sign(String token, String timestamp, String nonce) {
    String[] parts = {token, timestamp, nonce};
    Arrays.sort(parts);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1")
        .digest(String.join("", parts).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
    }
  }

  static boolean check(String token, String signature, String timestamp, String nonce) {
    if (token == null || signature == null || timestamp == null || nonce == null) {
      return false;
    }
    byte[] expected = sign(token, timestamp, nonce).getBytes(StandardCharsets.US_ASCII);
    byte[] given = signature.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given);
  }
}
