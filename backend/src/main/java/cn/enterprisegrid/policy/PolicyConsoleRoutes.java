package cn.enterprisegrid.policy;

import cn.enterprisegrid.auth.Guard;
import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.ContractRoutes;
import cn.enterprisegrid.config.ChinaTime;
import cn.enterprisegrid.http.Bodies;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.http.Replies;
import cn.enterprisegrid.policyindex.index.EnterpriseIndex;
import cn.enterprisegrid.policyindex.index.Simulation;
import cn.enterprisegrid.policyindex.rule.Benefit;
import cn.enterprisegrid.policyindex.rule.Rule;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;


/**
 * The console's policy API: drafting, review, publication, amendment, closing, versions and the
 * pre-publication simulation. Only a POLICY_AUTHOR of the owning department changes a policy; the
 * publisher must not be the drafter.
 */
public final class PolicyConsoleRoutes {
  private static final Role[] READERS = {Role.POLICY_AUTHOR, Role.DEPT_HANDLER, Role.GRID_ADMIN, Role.SUPERVISOR,
      Role.LIAISON};

  private final Vertx vertx;
  private final PolicyStore store;
  private final EnterpriseIndex index;
  private final Guard guard;

  public PolicyConsoleRoutes(Vertx vertx, PolicyStore store, EnterpriseIndex index, Guard guard) {
    this.vertx = vertx;
    this.store = store;
    this.index = index;
    this.guard = guard;
  }

  public void register(ContractRoutes routes) {
    routes.operation("simulatePolicy", guard.roles(Role.POLICY_AUTHOR, Role.GRID_ADMIN), this::simulate);
    routes.operation("createPolicy", guard.roles(Role.POLICY_AUTHOR), ctx -> {
      Principal p = Guard.principal(ctx);
      JsonObject body = Bodies.object(ctx);
      Object dept = body.getValue("department");
      if (dept != null && !dept.equals(p.scope().department())) {
        throw ProblemException.invalid("/department", Text.of("policy.own-department", p.scope().department()));
      }
      Replies.json(ctx, 201, store.create(body, p.scope().department(), p.actor())
          .compose(store::require).map(StoredPolicy::toJson));
    });
    routes.operation("listPolicies", guard.roles(READERS[0], READERS), this::list);
    routes.operation("getPolicy", guard.roles(READERS[0], READERS),
        ctx -> Replies.json(ctx, 200, readable(ctx).map(StoredPolicy::toJson)));
    routes.operation("policyVersions", guard.roles(READERS[0], READERS),
        ctx -> Replies.json(ctx, 200, readable(ctx)
            .compose(p -> store.versions(p.id())).map(v -> new JsonObject().put("items", v))));
    routes.operation("updatePolicy", guard.roles(Role.POLICY_AUTHOR), ctx -> {
      JsonObject body = Bodies.object(ctx);
      Replies.json(ctx, 200, owned(ctx).compose(p -> {
        Object dept = body.getValue("department");
        if (dept != null && !dept.equals(p.department())) {
          throw ProblemException.invalid("/department", Text.of("policy.department-fixed"));
        }
        return store.update(p, body, Guard.principal(ctx).actor());
      }).compose(v -> store.require(ctx.pathParam("id"))).map(StoredPolicy::toJson));
    });
    step(routes, "submitPolicy", (ctx, p) -> store.submit(p, Guard.principal(ctx).actor()));
    step(routes, "returnPolicy", (ctx, p) -> store.giveBack(p, Guard.principal(ctx).actor(),
        Bodies.requiredString(Bodies.object(ctx), "reason")));
    step(routes, "publishPolicy", (ctx, p) -> store.publish(p, Guard.principal(ctx).actor()).mapEmpty());
    step(routes, "closePolicy", (ctx, p) -> store.close(p, Guard.principal(ctx).actor()));
  }

  private interface Step {
    Future<Void> run(RoutingContext ctx, StoredPolicy p);
  }

  private void step(ContractRoutes routes, String operationId, Step step) {
    routes.operation(operationId, guard.roles(Role.POLICY_AUTHOR), ctx ->
        Replies.json(ctx, 200, owned(ctx).compose(p -> step.run(ctx, p))
            .compose(v -> store.require(ctx.pathParam("id"))).map(StoredPolicy::toJson)));
  }

  /** The policy if the caller's department owns it; 404 when unknown, 403 when another department's. */
  private Future<StoredPolicy> owned(RoutingContext ctx) {
    Principal principal = Guard.principal(ctx);
    return store.require(ctx.pathParam("id")).compose(p -> p.department().equals(principal.scope().department())
        ? Future.succeededFuture(p)
        : Future.failedFuture(ProblemException.forbidden(Text.of("policy.other-department", p.id(), p.department()))));
  }

  /** The policy if the caller may read it: its own department's in any state, else published ones. */
  private Future<StoredPolicy> readable(RoutingContext ctx) {
    Principal principal = Guard.principal(ctx);
    return store.require(ctx.pathParam("id")).compose(p -> visible(p, principal) ? Future.succeededFuture(p)
        : Future.failedFuture(ProblemException.notFound(Text.of("policy.no-policy", p.id()))));
  }

  /** Authors and handlers see their department's drafts; everyone sees what was published. */
  static boolean visible(StoredPolicy p, Principal principal) {
    return p.version() > 0 || p.department().equals(principal.scope().department());
  }

  private void list(RoutingContext ctx) {
    Principal principal = Guard.principal(ctx);
    String status = ctx.request().getParam("status");
    String department = ctx.request().getParam("department");
    Replies.json(ctx, 200, store.all().map(all -> {
      JsonArray items = new JsonArray();
      for (StoredPolicy p : all) {
        if (visible(p, principal) && (status == null || status.equals(p.status().name()))
            && (department == null || department.equals(p.department()))) {
          JsonObject json = p.toJson();
          json.remove("draft");
          json.remove("published");
          items.add(json);
        }
      }
      return new JsonObject().put("items", items);
    }));
  }

  /**
   * Simulates a draft over the enterprise index: who it reaches, where, and what it would cost
   * against its fund pool. Needs {@code eligibility}; {@code benefit} and {@code fundPool} are used
   * when present.
   */
  private void simulate(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx);
    PolicyStore.invalidUnlessEmpty(PolicyValidator.check(body, PolicyValidator.Stage.SIMULATION, null));
    Rule rule = Rule.parse(body.getJsonObject("eligibility").encode());
    Benefit benefit = body.getJsonObject("benefit") == null ? null : Benefit.parse(body.getJsonObject("benefit").encode());
    Double pool = body.getValue("fundPool") == null ? null : ((Number) body.getValue("fundPool")).doubleValue();
    // a township's office counts its own firms only; a department's author drafts for the territory
    Principal p = Guard.principal(ctx);
    String region = p.has(Role.GRID_ADMIN) ? p.scope().region() : null;
    Replies.json(ctx, 200, vertx.executeBlocking(() -> {
      Simulation s = index.simulate(rule, benefit, pool, ChinaTime.today(), region);
      return Explanations.json(s);
    }, false));
  }
}
