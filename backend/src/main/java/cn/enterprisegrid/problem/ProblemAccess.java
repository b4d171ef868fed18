package cn.enterprisegrid.problem;

import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.auth.Scope;

import java.util.Map;

/**
 * Who sees a case (issue: "department handlers see and act only on their department's cases,
 * liaisons on their firms' cases, firms on their own"): region roles by the case's township, a
 * handler by the accountable department or a transfer proposed to it, a liaison by the firm's
 * liaison now, a firm by its USCC. A case outside the caller's scope is answered 404, so its
 * existence is not disclosed.
 */
final class ProblemAccess {
  private ProblemAccess() {}

  /** Whether {@code p} may read case {@code h}; {@code firmLiaison} is the firm's liaison id now (may be null). */
  static boolean sees(Principal p, Map<String, String> h, String firmLiaison) {
    Scope s = p.scope();
    if (p.role() == null) {
      return false;
    }
    return switch (p.role()) {
      case GRID_ADMIN, SUPERVISOR -> s.coversRegion(h.get("township"));
      case DEPT_HANDLER -> s.department() != null && (s.department().equals(h.get("department"))
          || s.department().equals(h.get("pendingDepartment")));
      case LIAISON -> s.liaisonId() != null && s.liaisonId().equals(firmLiaison);
      case ENTERPRISE -> s.uscc() != null && s.uscc().equals(h.get("uscc"));
      case POLICY_AUTHOR -> false;
    };
  }

  /** Whether the reader needs the firm's liaison to decide ({@link #sees}). */
  static boolean needsLiaison(Principal p) {
    return p.has(Role.LIAISON);
  }

  /** Whether {@code p} is a handler of the department accountable for the case now. */
  static boolean accountable(Principal p, Map<String, String> h) {
    return p.has(Role.DEPT_HANDLER) && p.scope().department() != null
        && p.scope().department().equals(h.get("department"));
  }

  /** Whether {@code p} is a handler of the department a transfer is proposed to. */
  static boolean receiving(Principal p, Map<String, String> h) {
    return p.has(Role.DEPT_HANDLER) && p.scope().department() != null
        && p.scope().department().equals(h.get("pendingDepartment"));
  }
}
