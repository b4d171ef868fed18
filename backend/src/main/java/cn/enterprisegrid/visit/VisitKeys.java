package cn.enterprisegrid.visit;

/** Redis keys of visits, problems and call-backs (docs/grid.md, "Visits"). */
public final class VisitKeys {
  /** Every visit id by time. */
  public static final String VISITS = "visits";
  /** Every problem id by time. */
  public static final String PROBLEMS = "problems";
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

  public static String openProblems(String uscc) {
    return "problems:open:f:" + uscc;
  }

  public static String callback(String id) {
    return "callback:" + id;
  }
}
