package cn.enterprisegrid.enterprise;

/**
 * Every Redis key of a firm: all share the firm's hash tag {@code {e:USCC}}, so a firm's writes can
 * stay one slot under Redis Cluster.
 */
public final class EnterpriseKeys {
  /** Set of every USCC. */
  public static final String ALL = "enterprises";

  private EnterpriseKeys() {}

  /** The firm's hash. */
  public static String firm(String uscc) {
    return "ent:{e:" + uscc + "}";
  }

  /** The firm's history list (newest first). */
  public static String history(String uscc) {
    return firm(uscc) + ":h";
  }

  /** Openids of the WeChat users bound to the firm (its notification recipients). */
  public static String wxUsers(String uscc) {
    return firm(uscc) + ":wx";
  }

  /** Policy id to the firm's verdict letter (E, U) of the live match sets. */
  public static String matches(String uscc) {
    return firm(uscc) + ":matches";
  }

  /** The firm's applications: sorted set of policy ids by creation time. */
  public static String applications(String uscc) {
    return firm(uscc) + ":apps";
  }

  /** The firm's problems (诉求): sorted set of case ids by filing time (problem.ProblemKeys). */
  public static String problems(String uscc) {
    return firm(uscc) + ":problems";
  }

  /** Policies a liaison explained to the firm on visits. */
  public static String explained(String uscc) {
    return firm(uscc) + ":explained";
  }

  /** A one-time binding invitation, by the SHA-256 (hex) of its nonce. */
  public static String invitation(String uscc, String nonceSha256) {
    return "inv:{e:" + uscc + "}:" + nonceSha256;
  }
}
