package cn.enterprisegrid.redemption;

import cn.enterprisegrid.auth.Guard;
import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.ContractRoutes;
import cn.enterprisegrid.http.Bodies;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.http.Replies;
import cn.enterprisegrid.policy.PolicyStore;
import cn.enterprisegrid.policy.PolicyStatus;
import cn.enterprisegrid.policy.StoredPolicy;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The console's redemption API: a policy's fund pool and applications, and the department's
 * decisions on them: approve or reject (with a reason) a REVIEW application, record a
 * disbursement (PAID, date, reference). Only the owning department's authors and handlers act.
 */
public final class RedemptionConsoleRoutes {
  private final PolicyStore policies;
  private final Redemptions redemptions;
  private final Guard guard;

  public RedemptionConsoleRoutes(PolicyStore policies, Redemptions redemptions, Guard guard) {
    this.policies = policies;
    this.redemptions = redemptions;
    this.guard = guard;
  }

  public void register(ContractRoutes routes) {
    routes.operation("policyPool", guard.roles(Role.POLICY_AUTHOR, Role.DEPT_HANDLER, Role.GRID_ADMIN, Role.SUPERVISOR),
        ctx -> Replies.json(ctx, 200, poolReader(ctx, ctx.pathParam("id"))
            .compose(p -> redemptions.pool(p.id()))));
    routes.operation("policyApplications", guard.roles(Role.POLICY_AUTHOR, Role.DEPT_HANDLER, Role.SUPERVISOR),
        ctx -> Replies.json(ctx, 200, departmental(ctx, ctx.pathParam("id"))
            .compose(p -> redemptions.ofPolicy(p.id(), ctx.request().getParam("status"),
                Replies.intParam(ctx, "offset", 0, 1_000_000), Replies.intParam(ctx, "limit", 50, 500)))));
    routes.operation("getApplication", guard.roles(Role.POLICY_AUTHOR, Role.DEPT_HANDLER, Role.SUPERVISOR),
        ctx -> Replies.json(ctx, 200, application(ctx)));
    routes.operation("approveApplication", guard.roles(Role.POLICY_AUTHOR),
        ctx -> Replies.json(ctx, 200, application(ctx)
            .compose(a -> redemptions.approve(a.getString("id"), Guard.principal(ctx).actor()))));
    routes.operation("rejectApplication", guard.roles(Role.POLICY_AUTHOR),
        ctx -> {
          String reason = Bodies.requiredString(Bodies.object(ctx), "reason");
          Replies.json(ctx, 200, application(ctx)
              .compose(a -> redemptions.reject(a.getString("id"), Guard.principal(ctx).actor(), reason)));
        });
    routes.operation("disburseApplication", guard.roles(Role.POLICY_AUTHOR, Role.DEPT_HANDLER),
        ctx -> {
          JsonObject body = Bodies.object(ctx);
          String reference = Bodies.requiredString(body, "reference");
          LocalDate paidOn;
          try {
            paidOn = LocalDate.parse(Bodies.requiredString(body, "paidOn"));
          } catch (DateTimeParseException e) {
            throw ProblemException.invalid("/paidOn", Text.of("field.date-named", "paidOn"));
          }
          Replies.json(ctx, 200, application(ctx)
              .compose(a -> redemptions.pay(a.getString("id"), Guard.principal(ctx).actor(), paidOn, reference)));
        });
  }

  /**
   * The policy whose pool the caller may read: a department's own policies in any status; the
   * office (grid admins) once published, since a draft's money is its department's until then;
   * oversight every one.
   */
  private Future<StoredPolicy> poolReader(RoutingContext ctx, String policyId) {
    Principal principal = Guard.principal(ctx);
    if (principal.role() == Role.GRID_ADMIN) {
      return policies.require(policyId).compose(p -> p.status() == PolicyStatus.PUBLISHED
          || p.status() == PolicyStatus.CLOSED ? Future.succeededFuture(p)
          : Future.failedFuture(ProblemException.forbidden(Text.of("redemption.pool-unpublished", p.id()))));
    }
    return departmental(ctx, policyId);
  }

  /** The application if it belongs to a policy of the caller's department. */
  private Future<JsonObject> application(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return redemptions.get(id).compose(a -> a == null
        ? Future.failedFuture(ProblemException.notFound(Text.of("redemption.no-application", id)))
        : departmental(ctx, a.getString("policyId")).map(a));
  }

  private Future<StoredPolicy> departmental(RoutingContext ctx, String policyId) {
    Principal principal = Guard.principal(ctx);
    return policies.require(policyId).compose(p -> principal.role() == Role.SUPERVISOR
        || p.department().equals(principal.scope().department()) ? Future.succeededFuture(p)
        : Future.failedFuture(ProblemException.forbidden(Text.of("policy.other-department", p.id(), p.department()))));
  }
}
