package cn.enterprisegrid.auth;

import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.ClientAddress;
import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.http.Problems;
import cn.enterprisegrid.store.ScriptResult;
import cn.enterprisegrid.store.Store;
import io.netty.util.NetUtil;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

/**
 * The login throttle (docs/login.md): an attempt is reserved in Redis before its password is checked, so
 * concurrent guesses cannot outrun the count, and it slows an attacker without locking out the real user:
 * <ul>
 * <li>per address and account: {@link #PAIR_FREE} free failures, then a wait doubling from five seconds up
 * to fifteen minutes between attempts; a success starts the pair again;</li>
 * <li>per address across accounts (password spraying): {@link #ADDRESS_MAX} failures per fifteen minutes, then
 * 429 for that address until the window ends;</li>
 * <li>per account across addresses: past {@link #ACCOUNT_SLOW_AFTER} failures, addresses the account has not
 * logged in from in the last 30 days try one at a time, {@link #ACCOUNT_SPACING_MS} apart: a short delay, never
 * a lock; its known addresses are exempt.</li>
 * </ul>
 * Two script calls, because the account's keys and the address's key lie in two hash slots: the address's
 * reservation first (one key), then the account's (three keys of its {@code {a:USERNAME}} slot); an attempt the
 * account's throttle refuses gives the address's reservation back. Unknown usernames are counted like real
 * ones, so the throttle does not tell which accounts exist.
 */
final class LoginThrottle {
  static final int PAIR_FREE = 5;
  static final long PAIR_FIRST_WAIT_MS = 5_000;
  private static final long PAIR_LONGEST_WAIT_MS = 15 * 60_000;
  private static final int PAIR_MEMORY_SECONDS = 12 * 3600;
  static final int ADDRESS_MAX = 30;
  private static final int ADDRESS_WINDOW_SECONDS = 15 * 60;
  static final int ACCOUNT_SLOW_AFTER = 100;
  static final long ACCOUNT_SPACING_MS = 5_000;
  private static final int ACCOUNT_MEMORY_SECONDS = 15 * 60;
  private static final long KNOWN_FOR_MS = 30L * 24 * 3600_000;
  private static final int KNOWN_MAX = 16;

  private final Store store;

  LoginThrottle(Store store) {
    this.store = store;
  }

  /** A reserved attempt: counted as a failure unless {@link #succeeded()} settles it. */
  final class Attempt {
    private final String username;
    private final String subject;

    private Attempt(String username, String subject) {
      this.username = username;
      this.subject = subject;
    }

    /** The password was right: the pair starts again, the address becomes known, both reservations go back. */
    Future<Void> succeeded() {
      return store.script("login_account_success", accountKeys(username, subject),
              List.of(subject, String.valueOf(System.currentTimeMillis()), String.valueOf(KNOWN_MAX),
                  String.valueOf(KNOWN_FOR_MS / 1000)))
          .compose(r -> refundAddress(subject));
    }
  }

  /**
   * Reserves an attempt of {@code address} on {@code username} (already validated), or fails with a 429
   * carrying {@code Retry-After}.
   */
  Future<Attempt> reserve(String address, String username) {
    String subject = subject(address);
    return store.script("login_address_reserve", List.of(AccountKeys.loginAddress(subject)),
            List.of(String.valueOf(ADDRESS_MAX), String.valueOf(ADDRESS_WINDOW_SECONDS)))
        .compose(addr -> {
          if (!addr.ok()) {
            return Future.failedFuture(refused(addr));
          }
          return store.script("login_account_reserve", accountKeys(username, subject), List.of(subject,
                  String.valueOf(System.currentTimeMillis()), String.valueOf(PAIR_FREE),
                  String.valueOf(PAIR_FIRST_WAIT_MS), String.valueOf(PAIR_LONGEST_WAIT_MS),
                  String.valueOf(PAIR_MEMORY_SECONDS), String.valueOf(ACCOUNT_SLOW_AFTER),
                  String.valueOf(ACCOUNT_SPACING_MS), String.valueOf(ACCOUNT_MEMORY_SECONDS),
                  String.valueOf(KNOWN_FOR_MS)))
              .compose(account -> account.ok() ? Future.succeededFuture(new Attempt(username, subject))
                  : refundAddress(subject).transform(v -> Future.failedFuture(refused(account))));
        });
  }

  private Future<Void> refundAddress(String subject) {
    return store.script("login_address_refund", List.of(AccountKeys.loginAddress(subject)), List.of()).mapEmpty();
  }

  private static List<String> accountKeys(String username, String subject) {
    return List.of(AccountKeys.loginAccount(username), AccountKeys.loginPair(username, subject),
        AccountKeys.loginKnown(username));
  }

  /**
   * What is counted for an address: an IPv4 address itself, an IPv6 address by its /64, since one host is
   * given a whole /64 and could otherwise try from a fresh address each time.
   */
  static String subject(String address) {
    InetAddress a = ClientAddress.parse(address);
    if (a == null) {
      return "unknown";
    }
    if (a instanceof Inet6Address) {
      byte[] b = a.getAddress();
      for (int i = 8; i < 16; i++) {
        b[i] = 0;
      }
      return NetUtil.bytesToIpAddress(b) + "/64";
    }
    return a.getHostAddress();
  }

  /** The 429 of a refusal, in the words of its throttle. */
  private static ProblemException refused(ScriptResult r) {
    long seconds = Math.max(1, r.json().getLong("retryAfter", 1L));
    Text detail = switch (r.error()) {
      case "address-throttled", "pair-throttled", "account-throttled" -> Text.of("login." + r.error(), seconds);
      default -> throw new IllegalStateException("login throttle answered " + r.error() + ": " + r.detail());
    };
    return new ProblemException(Problem.of(429, "too-many-attempts", detail)
        .with(new JsonObject().put(Problems.RETRY_AFTER, seconds)));
  }
}
