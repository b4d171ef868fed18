package cn.enterprisegrid.auth;

import cn.enterprisegrid.audit.AuditKeys;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;

import java.time.Instant;
import java.util.List;

/** Accounts in Redis: one hash per account, {@code account:{a:USERNAME}}. */
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

  /**
   * Creates the account with its audit entry in one script; false when the username is taken
   * (nothing is written then).
   */
  public Future<Boolean> create(String username, Role role, Scope scope, String passwordHash,
      String actor) {
    Account account = new Account(username, role, scope, passwordHash, Instant.now().toString(), actor);
    JsonObject after = account.toJson();
    return store.script("account_create",
            AuditKeys.with(List.of(key(username), AccountKeys.ACCOUNTS), AuditKeys.journal(actor, "account:" + username)),
            List.of(
            username, role.name(), scope.toJson().encode(), passwordHash, account.createdAt(), actor,
            after.encode()))
        .map(r -> Boolean.parseBoolean(r.body()));
  }

  private static Account fromHash(Response r) {
    if (r == null || r.size() == 0) {
      return null;
    }
    return new Account(r.get("username").toString(), Role.parse(r.get("role").toString()),
        Scope.fromJson(new JsonObject(r.get("scope").toString())), r.get("hash").toString(),
        str(r, "createdAt"), str(r, "createdBy"));
  }

  private static String str(Response r, String field) {
    Response v = r.get(field);
    return v == null ? null : v.toString();
  }
}
