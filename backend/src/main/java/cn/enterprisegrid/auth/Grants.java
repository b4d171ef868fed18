package cn.enterprisegrid.auth;

import cn.enterprisegrid.enterprise.EnterpriseStore;
import cn.enterprisegrid.grid.GridStore;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;

/**
 * Whether an account may create another: it never grants more than its own role and scope allow.
 * A grid admin creates grid admins, supervisors, liaisons and firms' accounts inside its region
 * (a liaison's region and a firm's region code read from their records); department accounts
 * (policy authors, handlers) are created by an authority over the departments: a grid admin of a
 * county (the county's business-environment office, whose departments they are) or above, never
 * by a township's.
 */
final class Grants {
  /** Digits of a county's division code: the level whose office the departments answer to. */
  private static final int COUNTY = 6;

  private final Store store;

  Grants(Store store) {
    this.store = store;
  }

  /** Succeeds when {@code creator} may create an account of {@code role} with {@code scope}; else 403 (or 422 for an unknown firm or liaison). */
  Future<Void> check(Principal creator, Role role, Scope scope) {
    Scope own = creator.scope();
    if (own.region() == null) {
      // the whole territory's admin: every region, every department
      return Future.succeededFuture();
    }
    return switch (role) {
      case POLICY_AUTHOR, DEPT_HANDLER -> own.region().length() <= COUNTY ? Future.succeededFuture()
          : refuse("/role", Text.of("auth.department-accounts-county", own.region()));
      case GRID_ADMIN, SUPERVISOR -> own.coversScopeRegion(scope) ? Future.succeededFuture()
          : refuse("/scope/region", Text.of("auth.create-inside-region", own.region()));
      case LIAISON -> GridStore.liaisonRegion(store, scope.liaisonId()).compose(r -> r == null
          ? Future.failedFuture(ProblemException.invalid("/scope/liaisonId", Text.of("auth.no-liaison", scope.liaisonId())))
          : own.coversRegion(r) ? Future.succeededFuture()
          : refuse("/scope/liaisonId", Text.of("auth.liaison-outside-region")));
      case ENTERPRISE -> EnterpriseStore.regionCode(store, scope.uscc()).compose(r -> r == null
          ? Future.failedFuture(ProblemException.invalid("/scope/uscc", Text.of("auth.no-firm", scope.uscc())))
          : own.coversRegion(r) ? Future.succeededFuture()
          : refuse("/scope/uscc", Text.of("auth.firm-outside-region")));
    };
  }

  private static Future<Void> refuse(String pointer, Text detail) {
    return Future.failedFuture(new ProblemException(Problem.field(403, pointer, detail)));
  }
}
