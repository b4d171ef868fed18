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
}
