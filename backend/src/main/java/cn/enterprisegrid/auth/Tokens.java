package cn.enterprisegrid.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Issues and verifies the HS256 bearer tokens that carry a {@link Principal}. */
public final class Tokens {
  private static final String ISSUER = "enterprise-grid";

  private static final int MAX_REMEMBERED = 100_000;

  private final JWTAuth jwt;
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();
  private final Duration ttl;

  public Tokens(Vertx vertx, String secret, Duration ttl) {
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
        .setJWTOptions(new JWTOptions().setIssuer(ISSUER)));
    this.ttl = ttl;
  }

  public String issue(Principal principal) {
    return jwt.generateToken(principal.claims(), new JWTOptions()
        .setAlgorithm("HS256")
        .setIssuer(ISSUER)
        .setExpiresInSeconds((int) ttl.toSeconds()));
  }

  public Duration ttl() {
    return ttl;
  }

  /**
   * The principal of a valid, unexpired token; fails otherwise. Tokens already verified are
   * remembered until they expire (hot reads present the same token again and again; checking the
   * signature and parsing the claims each time costs more than the read itself).
   */
  public Future<Principal> verify(String token) {
    Verified known = verified.get(token);
    if (known != null && known.expiresAtSeconds() > System.currentTimeMillis() / 1000) {
      return Future.succeededFuture(known.principal());
    }
    return jwt.authenticate(new TokenCredentials(token))
        .map(user -> {
          Principal p = Principal.fromClaims(user.principal());
          // the JWT provider keeps exp in the user's attributes, not in principal(): read from
          // principal() it was always 0, so no token was ever remembered
          long exp = user.attributes().getLong("exp", 0L);
          if (verified.size() >= MAX_REMEMBERED) {
            verified.clear(); // crude but bounded: the active tokens come back within seconds
          }
          verified.put(token, new Verified(p, exp));
          return p;
        });
  }

  /** How many verified tokens are remembered (for tests). */
  int remembered() {
    return verified.size();
  }

  /** A token that passed verification, until its expiry. */
  private record Verified(Principal principal, long expiresAtSeconds) {}

  /**
   * The signing secret: {@code fromEnv} when set, else the one generated on first start into
   * {@code DATA_DIR/jwt.key} (readable by the owner only). Several nodes must share JWT_SECRET.
   */
  public static String loadOrCreateSecret(Path dataDir, String fromEnv) throws IOException {
    if (fromEnv != null && !fromEnv.isBlank()) {
      if (fromEnv.getBytes(StandardCharsets.UTF_8).length < 32) {
        throw new IllegalArgumentException("JWT_SECRET must be at least 32 bytes");
      }
      return fromEnv;
    }
    Path file = dataDir.resolve("jwt.key");
    if (Files.exists(file)) {
      return Files.readString(file).trim();
    }
    Files.createDirectories(dataDir);
    byte[] bytes = new byte[48];
    new SecureRandom().nextBytes(bytes);
    String secret = Base64.getEncoder().encodeToString(bytes);
    Files.writeString(file, secret, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system: keep the default permissions
    }
    return secret;
  }
}
