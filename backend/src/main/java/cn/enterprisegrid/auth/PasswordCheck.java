package cn.enterprisegrid.auth;

import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Checks an account's password behind the {@link LoginThrottle}: the username is validated before anything is
 * stored (422 naming {@code /username}), the attempt is reserved before the slow hash is computed (429 with
 * {@code Retry-After} when the client's address or the account is throttled), and only then is the password
 * verified. Shared by the console login and the liaison's WeChat binding, so both count against one budget.
 */
final class PasswordCheck {
  /** Verified against when the account does not exist, so both paths cost the same. */
  private static final String DUMMY_HASH = Passwords.hash("not-a-real-password");

  private final Vertx vertx;
  private final AccountStore accounts;
  private final LoginThrottle throttle;

  PasswordCheck(Vertx vertx, Store store) {
    this.vertx = vertx;
    this.accounts = new AccountStore(store);
    this.throttle = new LoginThrottle(store);
  }

  /**
   * The account when the password is its own; else 401 (or 422 for a username no account can have, 429 when
   * throttled). {@code address} is the client's ({@code http.ClientAddress}).
   */
  Future<Account> verify(String address, String username, String password) {
    if (!Usernames.valid(username)) {
      return Future.failedFuture(Usernames.invalid());
    }
    return throttle.reserve(address, username)
        .compose(attempt -> accounts.find(username)
            .compose(account -> vertx.executeBlocking(() -> {
              boolean ok = Passwords.verify(password, account == null ? DUMMY_HASH : account.passwordHash());
              return ok && account != null ? account : null;
            }, false))
            // a failure keeps its reservation: that is the count
            .compose(account -> account == null
                ? Future.failedFuture(ProblemException.unauthorized(Text.of("auth.wrong-password")))
                : attempt.succeeded().map(account)));
  }
}
