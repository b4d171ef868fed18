package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.audit.AuditKeys;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-time, expiring invitations to bind a WeChat user to a firm (企业码 binding). A token is
 * {@code USCC.EXPIRY.NONCE.SIGNATURE}: the nonce is 128 random bits, the signature an HMAC-SHA256
 * with the server secret, so a token cannot be forged or altered; Redis keeps only the nonce's
 * SHA-256 (key {@code inv:{e:USCC}:HASH}, expiring with the token), so a leaked database cannot be
 * replayed either. The bind script deletes the key as it binds: each token binds one user, once.
 */
public final class Invitations {
  private static final Pattern SHAPE = Pattern.compile("[0-9A-Z]{18}\\.\\d{1,12}\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}");
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final Store store;
  private final byte[] secret;
  private final Duration ttl;
  private final SecureRandom random = new SecureRandom();

  public Invitations(Store store, String secret, Duration ttl) {
    this.store = store;
    this.secret = ("invitation:" + secret).getBytes(StandardCharsets.UTF_8);
    this.ttl = ttl;
  }

  /** A token as verified: its firm and the Redis key that makes it one-time. */
  public record Token(String uscc, Instant expiresAt, String key) {}

  /** Issues an invitation for {@code uscc}: {@code {"invitation","expiresAt"}}. */
  public Future<JsonObject> issue(String uscc, String actor) {
    byte[] nonceBytes = new byte[16];
    random.nextBytes(nonceBytes);
    String nonce = B64.encodeToString(nonceBytes);
    Instant expires = Instant.now().plus(ttl).truncatedTo(ChronoUnit.SECONDS);
    String body = uscc + "." + expires.getEpochSecond() + "." + nonce;
    String token = body + "." + sign(body);
    JsonObject after = new JsonObject().put("expiresAt", expires.toString());
    return store.script("invitation_issue",
            AuditKeys.with(List.of(key(uscc, nonce)), AuditKeys.journal(actor, "enterprise:" + uscc)),
            List.of(actor, uscc, String.valueOf(ttl.toMillis()), expires.toString(), after.encode()))
        .map(r -> new JsonObject().put("invitation", token).put("expiresAt", expires.toString()));
  }

  /** The verified token, or null when it is malformed, forged or expired. */
  public Token verify(String token) {
    if (token == null || !SHAPE.matcher(token).matches()) {
      return null;
    }
    int sig = token.lastIndexOf('.');
    String body = token.substring(0, sig);
    if (!MessageDigest.isEqual(sign(body).getBytes(StandardCharsets.US_ASCII),
        token.substring(sig + 1).getBytes(StandardCharsets.US_ASCII))) {
      return null;
    }
    String[] parts = body.split("\\.");
    Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[1]));
    if (!expires.isAfter(Instant.now())) {
      return null;
    }
    return new Token(parts[0], expires, key(parts[0], parts[2]));
  }

  /**
   * Binds the WeChat user {@code openid} with {@code binding} by consuming the token: 1 bound, 0
   * unknown/used/expired, -1 firm gone.
   */
  public Future<Integer> consume(Token token, String openid, String wxUserKey, JsonObject binding) {
    return store.script("invitation_bind", AuditKeys.with(List.of(token.key(), wxUserKey,
                EnterpriseKeys.firm(token.uscc()), EnterpriseKeys.wxUsers(token.uscc())),
                AuditKeys.journal("wx:" + openid, "enterprise:" + token.uscc())),
            List.of(openid, token.uscc(), binding.encode(), Instant.now().toString()))
        .map(r -> (int) r.number());
  }

  private static String key(String uscc, String nonce) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(nonce.getBytes(StandardCharsets.US_ASCII));
      return EnterpriseKeys.invitation(uscc, HexFormat.of().formatHex(h));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private String sign(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return B64.encodeToString(mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
