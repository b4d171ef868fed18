package cn.enterprisegrid.visit;

/**
 * Redis keys of visits and call-backs (docs/grid.md, "Visits"). The problems a visit records are
 * cases of the problem store ({@code problem.ProblemKeys}).
 */
public final class VisitKeys {
  /** Every visit id by time. */
  public static final String VISITS = "visits";
  /** Every call-back id by sampling time. */
  public static final String CALLBACKS = "callbacks";
  public static final String PENDING_CALLBACKS = "callbacks:pending";

  private VisitKeys() {}

  public static String visit(String id) {
    return "visit:" + id;
  }

  public static String firmVisits(String uscc) {
    return "visits:f:" + uscc;
  }

  public static String liaisonVisits(String liaisonId) {
    return "visits:l:" + liaisonId;
  }

  public static String callback(String id) {
    return "callback:" + id;
  }
}
