package cn.enterprisegrid.policy;

/**
 * Every Redis key of a policy, its match sets, pool, ledger and applications: all share the
 * policy's hash tag {@code {p:ID}}, so a policy's writes can stay one slot under Redis Cluster.
 */
public final class PolicyKeys {
  /** Set of every policy id. */
  public static final String ALL = "policies";

  private PolicyKeys() {}

  /** The policy's hash. */
  public static String policy(String id) {
    return "policy:{p:" + id + "}";
  }

  /** Published versions, oldest first. */
  public static String versions(String id) {
    return policy(id) + ":versions";
  }

  /** The fund pool hash (total, reserved, paid in 分). */
  public static String pool(String id) {
    return policy(id) + ":pool";
  }

  /** The pool's ledger stream. */
  public static String ledger(String id) {
    return policy(id) + ":ledger";
  }

  /** The live match set of a verdict: {@code eligible} or {@code unknown}. */
  public static String matchSet(String id, String verdict) {
    return policy(id) + ":" + verdict;
  }

  /** A match set being computed, installed by {@code match_set}. */
  public static String nextMatchSet(String id, String verdict) {
    return matchSet(id, verdict) + ":next";
  }

  /** The policy's applications: sorted set of USCCs by creation time. */
  public static String applications(String id) {
    return policy(id) + ":apps";
  }

  /** The hash of firm {@code uscc}'s application to the policy. */
  public static String application(String id, String uscc) {
    return policy(id) + ":app:" + uscc;
  }

  /** The stored answer to a firm's apply call with an Idempotency-Key. */
  public static String idempotency(String id, String uscc, String key) {
    return policy(id) + ":idem:" + uscc + ":" + key;
  }
}
