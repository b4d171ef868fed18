package cn.enterprisegrid.auth;

/** Redis keys of console accounts and WeChat users. */
public final class AccountKeys {
  /** Set of every username. */
  public static final String ACCOUNTS = "accounts";

  private AccountKeys() {}

  public static String account(String username) {
    return "account:{a:" + username + "}";
  }

  public static String wxUser(String openid) {
    return "wxuser:{w:" + openid + "}";
  }

  /** The usernames of one role (the notifications find the grid admins here). */
  public static String byRole(Role role) {
    return "accounts:role:" + role.name();
  }

  /** The usernames of a department's DEPT_HANDLER accounts (who hear of its cases). */
  public static String handlers(String department) {
    return "accounts:dept:" + department;
  }

  // The login throttle (auth.LoginThrottle, docs/login.md). The account's keys share its {a:USERNAME} slot, so
  // one script reserves an attempt on all of them; the address's key has a slot of its own ({ip:ADDRESS}) and a
  // script of its own. USERNAME is validated first (auth.Usernames), ADDRESS is canonical (http.ClientAddress).

  /** Hash {n, next}: failed logins of the account from every address, and when an unknown address may try next. */
  public static String loginAccount(String username) {
    return "login:acct:{a:" + username + "}";
  }

  /** Hash {n, next}: failed logins of the account from one address, and when that address may try next. */
  public static String loginPair(String username, String address) {
    return "login:pair:{a:" + username + "}:" + address;
  }

  /** Sorted set: the addresses the account logged in from, by the time of their last success (ms). */
  public static String loginKnown(String username) {
    return "login:known:{a:" + username + "}";
  }

  /** Counter: failed logins from one address across every account (password spraying). */
  public static String loginAddress(String address) {
    return "login:ip:{ip:" + address + "}";
  }
}
