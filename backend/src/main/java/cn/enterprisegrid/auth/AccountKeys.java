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
}
