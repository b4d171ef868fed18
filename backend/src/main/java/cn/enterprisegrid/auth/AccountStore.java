package cn.enterprisegrid.auth;

import cn.enterprisegrid.audit.AuditKeys;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;

import java.time.Instant;
import java.util.List;

/**
 * Accounts in Redis: one hash per account, {@code account:{a:USERNAME}}, indexed by role
 * ({@code accounts:role:ROLE}) and, for handlers, by department ({@code accounts:dept:DEPT}).
 */
public final class AccountStore {
  private final Store store;

  public AccountStore(Store store) {
    this.store = store;
  }

  static String key(String username) {
    return AccountKeys.account(username);
  }

  /** The account, or null. */
  public Future<Account> find(String username) {
    return store.api().hgetall(key(username)).map(AccountStore::fromHash);
  }

  /** {@link #create(String, Role, Scope, String, String, String, boolean)} without phone, not a head. */
  public Future<Boolean> create(String username, Role role, Scope scope, String passwordHash,
      String actor) {
    return create(username, role, scope, passwordHash, actor, null, false);
  }

  /**
   * Creates the account with its audit entry in one script; false when the username is taken
   * (nothing is written then).
   *
   * @param phone the mobile number for deadline SMS, nullable
   * @param head  whether a DEPT_HANDLER heads its department (hears of its escalated cases)
   */
  public Future<Boolean> create(String username, Role role, Scope scope, String passwordHash,
      String actor, String phone, boolean head) {
    Account account = new Account(username, role, scope, passwordHash, Instant.now().toString(), actor, phone,
        head);
    JsonObject after = account.toJson();
    boolean handler = role == Role.DEPT_HANDLER && scope.department() != null;
    String departmentKey = handler ? AccountKeys.handlers(scope.department()) : AccountKeys.byRole(role);
    return store.script("account_create",
            AuditKeys.with(List.of(key(username), AccountKeys.ACCOUNTS, AccountKeys.byRole(role), departmentKey),
                AuditKeys.journal(actor, "account:" + username)),
            List.of(
            username, role.name(), scope.toJson().encode(), passwordHash, account.createdAt(), actor,
            after.encode(), phone == null ? "" : phone, head ? "1" : "0", handler ? "1" : "0"))
        .map(r -> Boolean.parseBoolean(r.body()));
  }

  /**
   * Sets or removes the account's SMS phone ({@code phone}: null keeps it, "" removes it) and its head flag
   * ({@code head}: null keeps it), audited; answers the updated account, or null when there is none.
   */
  public Future<Account> update(Account before, String phone, Boolean head, String actor) {
    Account after = new Account(before.username(), before.role(), before.scope(), before.passwordHash(),
        before.createdAt(), before.createdBy(), phone == null ? before.phone() : phone.isEmpty() ? null : phone,
        head == null ? before.head() : head);
    return store.script("account_update",
            AuditKeys.with(List.of(key(before.username())), AuditKeys.journal(actor, "account:" + before.username())),
            List.of(before.username(), actor, phone == null ? "" : phone.isEmpty() ? "-" : phone,
                head == null ? "" : head ? "1" : "0", before.toJson().encode(), after.toJson().encode()))
        .compose(r -> r.ok() ? find(before.username()) : Future.succeededFuture(null));
  }

  private static Account fromHash(Response r) {
    if (r == null || r.size() == 0) {
      return null;
    }
    return new Account(r.get("username").toString(), Role.parse(r.get("role").toString()),
        Scope.fromJson(new JsonObject(r.get("scope").toString())), r.get("hash").toString(),
        str(r, "createdAt"), str(r, "createdBy"), str(r, "phone"), "1".equals(str(r, "head")));
  }

  private static String str(Response r, String field) {
    Response v = r.get(field);
    return v == null ? null : v.toString();
  }
}
