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

  /** The townships that have report facts (the report's list to filter by region). */
  public static final String FACT_TOWNSHIPS = "problems:facts:townships";

  /** Per firm, fields {@code o:USCC} (its open problems) and {@code v:USCC} (overdue now): the grid reports read them. */
  public static final String FIRMS = "problems:firms";

  private ProblemKeys() {}

  /** The report facts of the cases filed in one township in one month ({@code YYYY-MM}): field id, value the fact. */
  public static String facts(String township, String month) {
    return "problems:facts:" + township + ":" + month;
  }

  /**
   * The bulletin's thresholds (双色通报) of one office, by its region prefix ({@code all} for an
   * account without a region limit); defaults where a member is absent.
   */
  public static String bulletinThresholds(String region) {
    return "problems:bulletin:thresholds:" + (region == null || region.isEmpty() ? "all" : region);
  }

  /** The townships where a department has had cases (a department's report reads only their facts). */
  public static String factsOfDepartment(String department) {
    return "problems:facts:dept:" + department;
  }

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
