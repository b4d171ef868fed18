package cn.enterprisegrid.auth;

import cn.enterprisegrid.testing.AdminToken;
import cn.enterprisegrid.testing.TestBackend;
import cn.enterprisegrid.testing.WithBackend;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static cn.enterprisegrid.testing.ProblemAssert.assertFieldProblem;
import static cn.enterprisegrid.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login throttle as an attacker meets it. The requests come from three local addresses: 127.0.0.1 (the
 * backend's own client), 127.0.0.2 (another client, untrusted) and 127.0.0.3, the one trusted proxy, whose
 * {@code X-Forwarded-For} names the client: so each test's attacker and real user have addresses of their own.
 */
@WithBackend(settings = "TRUSTED_PROXIES=127.0.0.3")
class LoginThrottleTest {
  static final String PASSWORD = "secret-pass-1";
  static TestBackend app;
  @AdminToken static String admin;
  static WebClient other;
  static WebClient proxy;

  @BeforeAll
  static void clients() {
    other = client("127.0.0.2");
    proxy = client("127.0.0.3");
  }

  @AfterAll
  static void close() {
    other.close();
    proxy.close();
  }

  private static WebClient client(String local) {
    WebClientOptions options = new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.port);
    options.setLocalAddress(local);
    // enough connections that concurrent guesses really are concurrent
    return WebClient.create(app.vertx, options, new PoolOptions().setHttp1MaxSize(64));
  }

  private static Future<HttpResponse<Buffer>> send(WebClient c, String forwardedFor, String username,
      String password) {
    HttpRequest<Buffer> req = c.post("/api/v1/auth/login");
    if (forwardedFor != null) {
      req.putHeader("X-Forwarded-For", forwardedFor);
    }
    return req.sendJsonObject(new JsonObject().put("username", username).put("password", password));
  }

  private static HttpResponse<Buffer> login(WebClient c, String forwardedFor, String username, String password) {
    return send(c, forwardedFor, username, password).await();
  }

  private static void account(String username, String role, JsonObject scope) {
    assertThat(app.createAccount(admin, username, role, scope).statusCode()).isEqualTo(201);
  }

  /** A 429 problem in Chinese with a Retry-After header of at most {@code most} seconds; returns it. */
  private static long assertThrottled(HttpResponse<Buffer> r, long most) {
    JsonObject p = assertProblem(r, 429, "/problems/too-many-attempts");
    assertThat(p.getString("title")).matches(".*[\\u4e00-\\u9fff].*");
    assertThat(p.getString("detail")).matches(".*[\\u4e00-\\u9fff].*");
    assertThat(r.getHeader("Retry-After")).as("Retry-After").isNotNull();
    long seconds = Long.parseLong(r.getHeader("Retry-After"));
    assertThat(seconds).isBetween(1L, most);
    assertThat(p.getLong("retryAfter")).isEqualTo(seconds);
    return seconds;
  }

  private static List<String> keys(String match) {
    List<String> out = new ArrayList<>();
    String cursor = "0";
    do {
      Response r = app.redis().scan(List.of(cursor, "MATCH", match, "COUNT", "1000")).await();
      cursor = r.get(0).toString();
      r.get(1).forEach(k -> out.add(k.toString()));
    } while (!"0".equals(cursor));
    return out;
  }

  @Test
  void concurrentGuessesAreReservedBeforeThePasswordIsChecked() {
    account("race.target", "SUPERVISOR", new JsonObject());
    String attacker = "198.51.100.10";
    List<Future<HttpResponse<Buffer>>> guesses = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      guesses.add(send(proxy, attacker, "race.target", "wrong-guess-" + i));
    }
    Future.all(guesses).await();
    int evaluated = 0;
    for (Future<HttpResponse<Buffer>> g : guesses) {
      HttpResponse<Buffer> r = g.result();
      if (r.statusCode() == 401) {
        evaluated++;
      } else {
        assertThrottled(r, 15 * 60);
      }
    }
    assertThat(evaluated).as("guesses whose password was checked").isEqualTo(LoginThrottle.PAIR_FREE);

    // the attacker's address waits, even with the right password; the real user elsewhere does not
    assertThrottled(login(proxy, attacker, "race.target", PASSWORD), 15 * 60);
    assertThat(login(other, null, "race.target", PASSWORD).statusCode()).isEqualTo(200);
    assertThat(login(proxy, "198.51.100.11", "race.target", PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void theWaitDoublesAndASuccessStartsThePairAgain() {
    account("backoff.target", "SUPERVISOR", new JsonObject());
    String from = "198.51.100.15";
    long first = LoginThrottle.PAIR_FIRST_WAIT_MS / 1000;
    for (int i = 0; i < LoginThrottle.PAIR_FREE; i++) {
      assertThat(login(proxy, from, "backoff.target", "wrong-guess").statusCode()).isEqualTo(401);
    }
    assertThrottled(login(proxy, from, "backoff.target", "wrong-guess"), first);
    waitIsOver("backoff.target", from);
    assertThat(login(proxy, from, "backoff.target", "wrong-guess").statusCode()).isEqualTo(401);
    // the next failure doubled the wait (less the time its check took)
    assertThat(assertThrottled(login(proxy, from, "backoff.target", PASSWORD), 2 * first)).isGreaterThan(first);
    waitIsOver("backoff.target", from);
    assertThat(login(proxy, from, "backoff.target", PASSWORD).statusCode()).isEqualTo(200);
    assertThat(keys("login:pair:{a:backoff.target}:*")).isEmpty();
    assertThat(login(proxy, from, "backoff.target", "wrong-guess").statusCode()).isEqualTo(401);
  }

  /** Moves the pair's next allowed attempt to now, as the clock would have. */
  private static void waitIsOver(String username, String address) {
    app.redis().hset(List.of(AccountKeys.loginPair(username, address), "next", "0")).await();
  }

  @Test
  void sprayingManyAccountsFromOneAddressIsRefused() {
    String sprayer = "198.51.100.20";
    List<Future<HttpResponse<Buffer>>> guesses = new ArrayList<>();
    for (int i = 0; i < LoginThrottle.ADDRESS_MAX; i++) {
      guesses.add(send(proxy, sprayer, "spray.user" + i, "Password123"));
    }
    Future.all(guesses).await();
    for (Future<HttpResponse<Buffer>> g : guesses) {
      assertThat(g.result().statusCode()).as(g.result().bodyAsString()).isEqualTo(401);
    }
    HttpResponse<Buffer> next = login(proxy, sprayer, "spray.next", "Password123");
    assertThrottled(next, 15 * 60);
    assertThat(next.bodyAsJsonObject().getString("detail")).contains("网络地址");
    // the accounts themselves are not locked: another address still gets its answer
    assertThat(login(proxy, "198.51.100.21", "spray.next", "Password123").statusCode()).isEqualTo(401);
  }

  @Test
  void theAccountAcrossAddressesIsOnlySlowedAndNotForItsKnownAddresses() {
    account("slow.target", "SUPERVISOR", new JsonObject());
    String home = "198.51.100.40";
    assertThat(login(proxy, home, "slow.target", PASSWORD).statusCode()).isEqualTo(200);
    // as if a botnet had failed a hundred times from a hundred addresses (each within its pair's free tries)
    app.redis().hset(List.of(AccountKeys.loginAccount("slow.target"), "n",
        String.valueOf(LoginThrottle.ACCOUNT_SLOW_AFTER))).await();
    assertThat(login(proxy, "198.51.100.41", "slow.target", "wrong-guess").statusCode()).isEqualTo(401);
    HttpResponse<Buffer> slowed = login(proxy, "198.51.100.42", "slow.target", PASSWORD);
    assertThrottled(slowed, LoginThrottle.ACCOUNT_SPACING_MS / 1000);
    assertThat(slowed.bodyAsJsonObject().getString("detail")).contains("放慢");
    assertThat(login(proxy, home, "slow.target", PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void aBadUsernameIsRefusedAndStoresNothing() {
    String longName = "a".repeat(Usernames.MAX_LENGTH + 1);
    for (String name : List.of(longName, "b".repeat(20_000), "bad name", "名字abc", "x\r\n*")) {
      assertFieldProblem(login(proxy, "198.51.100.50", name, "wrong-guess"), 422, "/username");
    }
    assertThat(keys("*" + "a".repeat(Usernames.MAX_LENGTH) + "*")).isEmpty();
    assertThat(keys("*bbbbbbbbbbbbbbbb*")).isEmpty();
    assertThat(keys("*bad name*")).isEmpty();
    assertThat(keys("*198.51.100.50*")).as("not even the address is counted").isEmpty();
  }

  @Test
  void onlyATrustedProxyNamesTheClient() {
    // an untrusted peer's X-Forwarded-For is ignored: a fresh header per guess buys no fresh budget
    account("spoof.target", "SUPERVISOR", new JsonObject());
    for (int i = 0; i < LoginThrottle.PAIR_FREE; i++) {
      assertThat(login(other, "203.0.113." + i, "spoof.target", "wrong-guess").statusCode()).isEqualTo(401);
    }
    assertThrottled(login(other, "203.0.113.99", "spoof.target", PASSWORD), 15 * 60);
    assertThat(keys("*203.0.113.*")).isEmpty();

    // behind the trusted proxy, the nearest address it vouches for counts, not what the client claims
    login(proxy, "203.0.113.7, 198.51.100.60, 127.0.0.3", "spoof.other", "wrong-guess");
    assertThat(keys("login:ip:*198.51.100.60*")).hasSize(1);
    assertThat(keys("*203.0.113.7*")).isEmpty();
    // IPv6 clients count by their /64
    login(proxy, "2001:db8:1:2::1234", "spoof.other", "wrong-guess");
    assertThat(keys("login:ip:{ip:2001:db8:1:2::/64}")).hasSize(1);
  }

  @Test
  void theLiaisonBindingSharesTheBudget() {
    account("bind.liaison", "LIAISON", new JsonObject().put("liaisonId", "L8001").put("region", "330824"));
    String wx = app.post("/mp/v1/auth/login", null,
        new JsonObject().put("code", app.wechat.issueCode("openid-throttle"))).bodyAsJsonObject().getString("token");
    JsonObject wrong = new JsonObject().put("username", "bind.liaison").put("password", "wrong-guess");
    for (int i = 0; i < LoginThrottle.PAIR_FREE; i++) {
      assertThat(app.post("/mp/v1/me/liaison-binding", wx, wrong).statusCode()).isEqualTo(401);
    }
    JsonObject right = wrong.copy().put("password", PASSWORD);
    assertThrottled(app.post("/mp/v1/me/liaison-binding", wx, right), 15 * 60);
    // the console login from the same address is the same budget
    assertThrottled(app.post("/api/v1/auth/login", null, right), 15 * 60);
    assertThat(login(other, null, "bind.liaison", PASSWORD).statusCode()).isEqualTo(200);
  }
}
