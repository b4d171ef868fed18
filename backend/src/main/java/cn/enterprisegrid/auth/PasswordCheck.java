package cn.enterprisegrid.auth;

import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;

/**
 * Checks an account's password, throttled per username: after {@link #MAX_FAILURES} failures within 15 minutes
 * the username is refused (429) whatever the password. Shared by the console login and the liaison's WeChat
 * binding, so both count against one budget.
 */
final class PasswordCheck {
  static final int MAX_FAILURES = 10;
  private static final int FAILURE_WINDOW_SECONDS = 15 * 60;
  /** Verified against when the account does not exist, so both paths cost the same. */
  private static final String DUMMY_HASH = Passwords.hash("not-a-real-password");

  private final Vertx vertx;
  private final Store store;
  private final AccountStore accounts;

  PasswordCheck(Vertx vertx, Store store) {
    this.vertx = vertx;
    this.store = store;
    this.accounts = new AccountStore(store);
  }

  /** The account when the password is its own; else 401 (or 429 when throttled). */
  Future<Account> verify(String username, String password) {
    String failKey = "login:fail:{a:" + username + "}";
    return store.api().get(failKey)
        .compose(count -> {
          if (count != null && count.toInteger() >= MAX_FAILURES) {
            return Future.failedFuture(new ProblemException(Problem.of(429, "too-many-attempts",
                "Too many attempts", "too many failed logins for this user; try again later")));
          }
          return accounts.find(username);
        })
        .compose(account -> vertx.executeBlocking(() -> {
          boolean ok = Passwords.verify(password, account == null ? DUMMY_HASH : account.passwordHash());
          return ok && account != null ? account : null;
        }, false))
        .compose(account -> {
          if (account == null) {
            return store.api().incr(failKey)
                .compose(n -> store.api().expire(List.of(failKey, String.valueOf(FAILURE_WINDOW_SECONDS))))
                .compose(v -> Future.failedFuture(
                    ProblemException.unauthorized("unknown username or wrong password")));
          }
          return store.api().del(List.of(failKey)).map(v -> account);
        });
  }
}
