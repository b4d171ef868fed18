package cn.enterprisegrid.auth;

/** The roles of PRODUCT.md; each carries the data scope keys it needs. */
public enum Role {
  /** Staff of one firm, scoped to its USCC. */
  ENTERPRISE,
  /** A liaison (包联责任人), scoped to own firms by liaison id. */
  LIAISON,
  /** A business-environment office admin (营商办), scoped to a region-code prefix. */
  GRID_ADMIN,
  /** A department's policy author, scoped to the department. */
  POLICY_AUTHOR,
  /** A department's handler of dispatched problems, scoped to the department. */
  DEPT_HANDLER,
  /** Oversight (纪委/督查): read-only, scoped to a region-code prefix. */
  SUPERVISOR;

  /** Parses a role name; null when it is not one. */
  public static Role parse(String s) {
    for (Role r : values()) {
      if (r.name().equals(s)) {
        return r;
      }
    }
    return null;
  }
}
