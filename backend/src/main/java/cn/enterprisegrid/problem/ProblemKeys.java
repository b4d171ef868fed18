package cn.enterprisegrid.problem;

import cn.enterprisegrid.enterprise.EnterpriseKeys;

/**
 * Redis keys of the problem loop (docs/problems.md): one hash tag {@code {c:ID}} per case, so a
 * case's hash and history stay one slot under Redis Cluster; the firm's list lives under the firm's
 * tag ({@link EnterpriseKeys#problems}). A visit's problems are cases too (their ids kept on the
 * visit).
 */
public final class ProblemKeys {
  /** Counter of case ids. */
  public static final String SEQUENCE = "problems:seq";
  /** Case id scored by the epoch ms its clock next has something to do (a warning or a breach). */
  public static final String CLOCK = "problems:clock";

  /** Case id scored by the epoch ms its earliest running deadline passed (what is overdue now). */
  public static final String OVERDUE = "problems:overdue";

  /**
   * Merge targets whose merged cases have a step to follow, scored by the epoch ms of the step: the
   * store follows at once; the clock picks up what a crash left behind.
   */
  public static final String FOLLOW = "problems:follow";

  private ProblemKeys() {}

  /** The case hash. */
  public static String problem(String id) {
    return "problem:{c:" + id + "}";
  }

  /** The case's history stream (what a person reads). */
  public static String history(String id) {
    return problem(id) + ":h";
  }

  /** Counter of dispatch numbers (交办单号) of one year. */
  public static String dispatchSequence(int year) {
    return "problems:dispatch:" + year;
  }

  /** Breaches counted against one accountable party: field per deadline kind, and {@code total}. */
  public static String breaches(String accountable) {
    return "problems:breaches:" + accountable;
  }

  /** The firm's cases. */
  public static String ofFirm(String uscc) {
    return EnterpriseKeys.problems(uscc);
  }

  /** The audit target of a case. */
  public static String target(String id) {
    return "problem:" + id;
  }
}
