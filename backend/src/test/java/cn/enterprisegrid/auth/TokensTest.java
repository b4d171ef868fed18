package cn.enterprisegrid.auth;

import cn.enterprisegrid.testing.Eventually;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verified-token cache: hit on the second presentation, never past the token's expiry. */
class TokensTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef-tokens-test";
  static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static Principal admin() {
    return new Principal("admin", Role.GRID_ADMIN, new Scope("330824115", null, null, null), null);
  }

  @Test
  void aVerifiedTokenIsRememberedWithItsPrincipal() {
    Tokens tokens = new Tokens(vertx, SECRET, Duration.ofMinutes(5));
    String token = tokens.issue(admin());
    Principal first = tokens.verify(token).await();
    assertThat(tokens.remembered()).isEqualTo(1);
    Principal again = tokens.verify(token).await();
    assertThat(again).isSameAs(first);
    assertThat(again.scope().region()).isEqualTo("330824115");
    assertThat(tokens.remembered()).isEqualTo(1);
  }

  @Test
  void aForgedTokenIsNeitherAcceptedNorRemembered() {
    Tokens tokens = new Tokens(vertx, SECRET, Duration.ofMinutes(5));
    String token = tokens.issue(admin());
    String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
    assertThatThrownBy(() -> tokens.verify(forged).await()).hasMessageContaining("Signature verification failed");
    assertThat(tokens.remembered()).isZero();
  }

  @Test
  void aRememberedTokenExpiresAllTheSame() {
    Tokens tokens = new Tokens(vertx, SECRET, Duration.ofSeconds(1));
    String token = tokens.issue(admin());
    tokens.verify(token).await();
    assertThat(tokens.remembered()).isEqualTo(1);
    // remembered or not, a token is refused once its exp has passed
    Eventually.asserted(Duration.ofSeconds(5),
        () -> assertThatThrownBy(() -> tokens.verify(token).await()).hasMessageContaining("expired"));
  }
}
