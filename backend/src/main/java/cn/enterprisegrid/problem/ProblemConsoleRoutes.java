package cn.enterprisegrid.problem;

import static cn.enterprisegrid.http.Replies.json;

import cn.enterprisegrid.auth.Guard;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.Bodies;
import cn.enterprisegrid.http.ContractRoutes;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.http.Replies;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Function;

/**
 * The console's problem loop (诉求闭环): {@code POST|GET /api/v1/problems}, {@code GET
 * /api/v1/problems/{id}}, one operation per step ({@code /accept}, {@code /reject}, {@code
 * /dispatch}, ...), and {@code GET /api/v1/problem-categories}. Who may take which step on which
 * case is {@link ProblemCases}'.
 */
public final class ProblemConsoleRoutes {
  private static final Role[] READERS = {Role.GRID_ADMIN, Role.SUPERVISOR, Role.DEPT_HANDLER, Role.LIAISON};
  private static final Role[] ACTORS = {Role.GRID_ADMIN, Role.DEPT_HANDLER};

  private final ProblemCases cases;
  private final Categories categories;
  private final Guard guard;

  public ProblemConsoleRoutes(ProblemCases cases, Categories categories, Guard guard) {
    this.cases = cases;
    this.categories = categories;
    this.guard = guard;
  }

  public void register(ContractRoutes routes) {
    routes.operation("listProblemCategories", guard.roles(Role.GRID_ADMIN, READERS), ctx -> json(ctx, 200,
        io.vertx.core.Future.succeededFuture(new JsonObject().put("items", categoryList()))));
    routes.operation("fileProblem", guard.roles(Role.GRID_ADMIN),
        ctx -> json(ctx, 201, cases.file(Guard.principal(ctx), Bodies.object(ctx))));
    routes.operation("listProblems", guard.roles(Role.GRID_ADMIN, READERS), this::list);
    routes.operation("getProblem", guard.roles(Role.GRID_ADMIN, READERS),
        ctx -> json(ctx, 200, cases.get(Guard.principal(ctx), ctx.pathParam("id"))));
    step(routes, "acceptProblem", Step.ACCEPT, b -> StepArgs.note(text(b, "note", 2000)));
    step(routes, "rejectProblem", Step.REJECT, b -> StepArgs.note(text(b, "reason", 500)));
    step(routes, "dispatchProblem", Step.DISPATCH, ProblemConsoleRoutes::dispatch);
    step(routes, "reportProblemProgress", Step.PROGRESS, b -> StepArgs.note(text(b, "note", 2000)));
    step(routes, "resolveProblem", Step.RESOLVE, b -> StepArgs.note(text(b, "resolution", 5000)));
    step(routes, "transferProblem", Step.TRANSFER,
        b -> StepArgs.transfer(text(b, "department", 60), text(b, "reason", 500)));
    step(routes, "acceptProblemTransfer", Step.TRANSFER, b -> StepArgs.receive());
    step(routes, "suspendProblem", Step.SUSPEND, ProblemConsoleRoutes::suspend);
    step(routes, "resumeProblem", Step.RESUME, b -> StepArgs.none());
    step(routes, "extendProblem", Step.EXTEND,
        b -> extend(b));
    step(routes, "reopenProblem", Step.REOPEN, b -> StepArgs.note(text(b, "reason", 500)));
    step(routes, "closeProblem", Step.CLOSE, b -> StepArgs.note(text(b, "note", 2000)));
    step(routes, "verifyProblem", Step.VERIFY, ProblemConsoleRoutes::verify);
    step(routes, "mergeProblem", Step.MERGE, b -> StepArgs.merge(text(b, "into", 12)));
    step(routes, "declineProblemTransfer", Step.TRANSFER, b -> StepArgs.decline(text(b, "reason", 500)));
    step(routes, "appealProblemRating", Step.APPEAL, b -> StepArgs.appeal(text(b, "reason", 1000)));
    step(routes, "decideProblemAppeal", Step.APPEAL_DECISION, ProblemConsoleRoutes::decide);
  }

  private void step(ContractRoutes routes, String op, Step step, Function<JsonObject, StepArgs> args) {
    Handler<RoutingContext> h = ctx -> {
      JsonObject body = ctx.body().buffer() == null || ctx.body().length() == 0 ? new JsonObject() : Bodies.object(ctx);
      json(ctx, 200, cases.step(Guard.principal(ctx), ctx.pathParam("id"), step, args.apply(body)));
    };
    routes.operation(op, guard.roles(Role.GRID_ADMIN, ACTORS), h);
  }

  private void list(RoutingContext ctx) {
    String overdue = ctx.request().getParam("overdue");
    int page = Replies.intParam(ctx, "page", 1, 1, 10_000);
    int pageSize = Replies.intParam(ctx, "pageSize", 20, 1, 100);
    json(ctx, 200, cases.list(Guard.principal(ctx), blankToNull(ctx.request().getParam("status")),
        blankToNull(ctx.request().getParam("department")), blankToNull(ctx.request().getParam("township")),
        overdue == null || overdue.isBlank() ? null : Boolean.valueOf(overdue), page, pageSize));
  }

  private JsonArray categoryList() {
    JsonArray out = new JsonArray();
    categories.all().forEach(c -> out.add(new JsonObject().put("code", c.code()).put("label", c.label())
        .put("department", c.defaultDepartment())));
    return out;
  }

  private static StepArgs dispatch(JsonObject b) {
    String complexity = text(b, "complexity", 20);
    Complexity c = null;
    if (complexity != null) {
      try {
        c = Complexity.valueOf(complexity);
      } catch (IllegalArgumentException e) {
        throw ProblemException.invalid("/complexity", Text.of("problem.complexity"));
      }
    }
    return StepArgs.dispatch(text(b, "department", 60), c, text(b, "handler", 60), text(b, "note", 1000));
  }

  /** The two grounds of a suspension (涉法涉诉, 等待企业) lead its reason, so every reader sees why the clock stopped. */
  private static StepArgs suspend(JsonObject b) {
    String reason = text(b, "reason", 500);
    String kind = text(b, "kind", 30);
    if (reason == null || reason.isBlank()) {
      throw ProblemException.invalid("/reason", Text.of("problem.suspend-reason"));
    }
    String ground = kind == null ? "" : switch (kind) {
      case "LEGAL_PROCEEDINGS" -> "涉法涉诉：";
      case "AWAITING_FIRM" -> "等待企业：";
      case "OTHER" -> "";
      default -> throw ProblemException.invalid("/kind", Text.of("problem.suspend-kind"));
    };
    return StepArgs.note(ground + reason);
  }

  private static StepArgs extend(JsonObject b) {
    Integer days = b.getInteger("workingDays");
    if (days == null || days < 1 || days > 60) {
      throw ProblemException.invalid("/workingDays", Text.of("problem.extend-days"));
    }
    return StepArgs.extend(days, text(b, "reason", 500));
  }

  private static StepArgs verify(JsonObject b) {
    String outcome = text(b, "outcome", 20);
    Lifecycle.VerifyOutcome o = null;
    if (outcome != null) {
      try {
        o = Lifecycle.VerifyOutcome.valueOf(outcome);
      } catch (IllegalArgumentException e) {
        throw ProblemException.invalid("/outcome", Text.of("problem.outcome"));
      }
    }
    return StepArgs.verify(o, text(b, "note", 1000));
  }

  private static StepArgs decide(JsonObject b) {
    Boolean upheld = b.getBoolean("upheld");
    if (upheld == null) {
      throw ProblemException.invalid("/upheld", Text.of("problem.upheld-required"));
    }
    return StepArgs.decide(upheld, text(b, "note", 1000));
  }

  /** A string member of at most {@code max} characters (422 naming it when longer), null when absent. */
  static String text(JsonObject b, String field, int max) {
    String v = b.getString(field);
    if (v != null && v.length() > max) {
      throw ProblemException.invalid("/" + field, Text.of("field.max-length", field, max));
    }
    return v;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
