package cn.enterprisegrid.problem;

import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.enterprise.EnterpriseKeys;
import cn.enterprisegrid.enterprise.EnterpriseStore;
import cn.enterprisegrid.enterprise.StoredEnterprise;
import cn.enterprisegrid.grid.GridKeys;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The problem loop as its users reach it (console and mini-program): filing for a firm in the
 * caller's scope, the scoped listing and case, and each step with who may take it. A case outside
 * the caller's scope is 404; a case it sees but a step its role does not take is 403.
 */
public final class ProblemCases {
  /** Steps a grid admin takes (the intake office: 受理, 交办, 合并, 回访核实, 重启, 关闭). */
  private static final Set<Step> ADMIN_STEPS = EnumSet.of(Step.ACCEPT, Step.REJECT, Step.DISPATCH, Step.MERGE,
      Step.REOPEN, Step.VERIFY, Step.CLOSE, Step.TRANSFER, Step.EXTEND, Step.APPEAL_DECISION);
  /** Steps the accountable department's handler takes. */
  private static final Set<Step> DEPARTMENT_STEPS = EnumSet.of(Step.PROGRESS, Step.RESOLVE, Step.SUSPEND,
      Step.RESUME, Step.TRANSFER, Step.EXTEND, Step.APPEAL);

  private final Vertx vertx;
  private final Store store;
  private final ProblemStore problems;
  private final EnterpriseStore enterprises;
  private final ProblemIndex index;

  public ProblemCases(Vertx vertx, Store store, ProblemStore problems, EnterpriseStore enterprises,
      ProblemIndex index) {
    this.vertx = vertx;
    this.store = store;
    this.problems = problems;
    this.enterprises = enterprises;
    this.index = index;
  }

  /**
   * Files a problem: a firm for itself, a liaison for one of its firms, a grid admin for a firm of
   * its region ({@code body.uscc}). Answers the case, SUBMITTED.
   */
  public Future<JsonObject> file(Principal p, JsonObject body) {
    ProblemStore.Source source = switch (p.role()) {
      case ENTERPRISE -> ProblemStore.Source.FIRM;
      case LIAISON -> ProblemStore.Source.LIAISON;
      case GRID_ADMIN -> ProblemStore.Source.ADMIN;
      default -> throw ProblemException.forbidden(Text.of("problem.role-cannot-file"));
    };
    String uscc = p.has(Role.ENTERPRISE) ? p.scope().uscc() : body.getString("uscc");
    if (uscc == null || uscc.isBlank()) {
      return Future.failedFuture(ProblemException.invalid("/uscc", Text.of("problem.uscc-required")));
    }
    // two fields of the firm, not its whole record: intake is the busiest write of the loop
    return store.api().hmget(List.of(EnterpriseKeys.firm(uscc), "f:regionCode", "liaisonId")).compose(r -> {
      String region = r.get(0) == null ? null : (String) Json.decodeValue(r.get(0).toString());
      String liaisonId = r.get(1) == null ? null : r.get(1).toString();
      if (region == null || !filesFor(p, region, liaisonId)) {
        return Future.failedFuture(ProblemException.invalid("/uscc", Text.of("problem.firm-not-visible")));
      }
      String township = region == null || region.length() < 9 ? region : region.substring(0, 9);
      if (township == null) {
        return Future.failedFuture(ProblemException.invalid("/uscc", Text.of("problem.firm-no-region")));
      }
      List<String> attachments = new ArrayList<>();
      JsonArray given = body.getJsonArray("attachments", new JsonArray());
      if (given.size() > 20) {
        return Future.failedFuture(ProblemException.invalid("/attachments", Text.of("problem.attachments")));
      }
      given.forEach(a -> attachments.add(String.valueOf(a)));
      return problems.file(new ProblemStore.Intake(uscc, township, source, body.getString("category"),
          trimmed(ProblemConsoleRoutes.text(body, "title", 100)),
          trimmed(ProblemConsoleRoutes.text(body, "description", 5000)), attachments,
          body.getBoolean("anonymous", false)), p.actor());
    });
  }

  private static boolean filesFor(Principal p, String region, String liaisonId) {
    return switch (p.role()) {
      case ENTERPRISE -> true;
      case LIAISON -> p.scope().liaisonId() != null && p.scope().liaisonId().equals(liaisonId);
      case GRID_ADMIN -> p.scope().coversRegion(region);
      default -> false;
    };
  }

  /** One page of the cases the caller sees, filtered; {@code {items, total, page, pageSize}}. */
  public Future<JsonObject> list(Principal p, String status, String department, String township, Boolean overdue,
      int page, int pageSize) {
    if (p.has(Role.ENTERPRISE)) {
      return problems.ofFirm(p.scope().uscc(), page, pageSize);
    }
    Future<Set<String>> firms = p.has(Role.LIAISON)
        ? store.api().smembers(GridKeys.liaisonFirms(p.scope().liaisonId())).map(r -> {
            Set<String> out = new java.util.HashSet<>();
            r.forEach(m -> out.add(m.toString()));
            return out;
          })
        : Future.succeededFuture(null);
    return firms.compose(usccs -> {
      String region = p.has(Role.GRID_ADMIN) || p.has(Role.SUPERVISOR) ? p.scope().region() : null;
      String dept = p.has(Role.DEPT_HANDLER) ? p.scope().department() : null;
      ProblemIndex.Filter f = new ProblemIndex.Filter(status, department, township, overdue, region, dept, usccs);
      Instant now = Instant.now();
      return vertx.executeBlocking(() -> index.list(f, now, page, pageSize), false)
          .compose(pg -> problems.rows(pg.ids()).map(items -> new JsonObject().put("items", items)
              .put("total", pg.total()).put("page", page).put("pageSize", pageSize)));
    });
  }

  /** The case with its history, or 404 when there is none the caller sees. */
  public Future<JsonObject> get(Principal p, String id) {
    return visible(p, id).compose(h -> problems.get(id));
  }

  /**
   * Takes {@code step} as {@code p}: 404 for a case it does not see, 403 when its role does not take
   * that step on this case (e.g. a department whose transfer is not yet accepted), then the store.
   */
  public Future<JsonObject> step(Principal p, String id, Step step, StepArgs args) {
    return visible(p, id).compose(h -> {
      if (!mayTake(p, h, step, args)) {
        return Future.failedFuture(ProblemException.forbidden(refusal(p, h, step)));
      }
      StepArgs a = args;
      if (step == Step.EXTEND && p.has(Role.DEPT_HANDLER)) {
        a = StepArgs.requestExtension(args.workingDays() == null ? 0 : args.workingDays(), args.note());
      }
      return problems.step(id, step, a, p.actor());
    });
  }

  private static boolean mayTake(Principal p, Map<String, String> h, Step step, StepArgs a) {
    if (p.role() == null) {
      return false;
    }
    return switch (p.role()) {
      case GRID_ADMIN -> ADMIN_STEPS.contains(step) && !(step == Step.TRANSFER && answersTransfer(a));
      // the accountable department may "answer" too: the store then says that no transfer is pending
      case DEPT_HANDLER -> step == Step.TRANSFER && answersTransfer(a)
          ? ProblemAccess.receiving(p, h)
              || ProblemAccess.accountable(p, h) && h.getOrDefault("pendingDepartment", "").isEmpty()
          : DEPARTMENT_STEPS.contains(step) && ProblemAccess.accountable(p, h);
      case ENTERPRISE -> step == Step.RATE;
      default -> false;
    };
  }

  private static boolean answersTransfer(StepArgs a) {
    return a.acceptTransfer() || a.declineTransfer();
  }

  private static Text refusal(Principal p, Map<String, String> h, Step step) {
    if (p.has(Role.DEPT_HANDLER) && ProblemAccess.receiving(p, h)) {
      return Text.of("problem.transfer-not-received", step);
    }
    if (p.has(Role.DEPT_HANDLER) && step == Step.TRANSFER && ProblemAccess.accountable(p, h)) {
      return Text.of("problem.transfer-by-receiver", h.get("pendingDepartment"));
    }
    return Text.of("problem.role-cannot-step", step);
  }

  /** The case's hash when {@code p} sees it; 404 otherwise (also when there is no such case). */
  private Future<Map<String, String>> visible(Principal p, String id) {
    return problems.load(id).compose(h -> {
      if (h.isEmpty()) {
        return Future.failedFuture(ProblemException.notFound(Text.of("problem.no-problem", id)));
      }
      Future<String> liaison = ProblemAccess.needsLiaison(p)
          ? enterprises.load(h.get("uscc")).map(StoredEnterprise::liaisonId)
          : Future.succeededFuture(null);
      return liaison.compose(l -> ProblemAccess.sees(p, h, l) ? Future.succeededFuture(h)
          : Future.failedFuture(ProblemException.notFound(Text.of("problem.no-problem", id))));
    });
  }

  private static String trimmed(String s) {
    return s == null ? null : s.strip();
  }
}
