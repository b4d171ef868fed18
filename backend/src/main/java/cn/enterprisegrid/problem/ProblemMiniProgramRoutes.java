package cn.enterprisegrid.problem;

import static cn.enterprisegrid.http.Replies.json;

import cn.enterprisegrid.auth.Guard;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.Bodies;
import cn.enterprisegrid.http.ContractRoutes;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.http.Replies;
import io.vertx.core.json.JsonObject;

/**
 * The mini-program's problems: a firm files and follows its own and rates the answer; a liaison
 * files for its firms and follows theirs. {@code POST|GET /mp/v1/problems}, {@code GET
 * /mp/v1/problems/{id}}, {@code POST /mp/v1/problems/{id}/rating}.
 */
public final class ProblemMiniProgramRoutes {
  public static final String OP_FILE = "mpFileProblem";
  public static final String OP_LIST = "mpListProblems";
  public static final String OP_GET = "mpGetProblem";
  public static final String OP_RATE = "mpRateProblem";

  private final ProblemCases cases;

  public ProblemMiniProgramRoutes(ProblemCases cases) {
    this.cases = cases;
  }

  public ContractRoutes register(ContractRoutes routes, Guard guard) {
    return routes
        .operation(OP_FILE, guard.roles(Role.ENTERPRISE, Role.LIAISON),
            ctx -> json(ctx, 201, cases.file(Guard.principal(ctx), Bodies.object(ctx))))
        .operation(OP_LIST, guard.roles(Role.ENTERPRISE, Role.LIAISON), ctx -> json(ctx, 200,
            cases.list(Guard.principal(ctx), blank(ctx.request().getParam("status")), null, null, null,
                Replies.intParam(ctx, "page", 1, 1, 10_000), Replies.intParam(ctx, "pageSize", 20, 1, 100))))
        .operation(OP_GET, guard.roles(Role.ENTERPRISE, Role.LIAISON),
            ctx -> json(ctx, 200, cases.get(Guard.principal(ctx), ctx.pathParam("id"))))
        .operation(OP_RATE, guard.roles(Role.ENTERPRISE), ctx -> {
          JsonObject b = Bodies.object(ctx);
          Rating level = Rating.parse(b.getString("level"));
          if (level == null) {
            throw ProblemException.invalid("/level", Text.of("problem.rating-level"));
          }
          json(ctx, 200, cases.step(Guard.principal(ctx), ctx.pathParam("id"), Step.RATE,
              StepArgs.rate(level, b.getString("comment"))));
        });
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
