package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.auth.AccountKeys;
import cn.enterprisegrid.auth.Guard;
import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.auth.Scope;
import cn.enterprisegrid.auth.Tokens;
import cn.enterprisegrid.config.ChinaTime;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.ContractRoutes;
import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The mini-program's enterprise operations: {@code POST /mp/v1/bind} (a WeChat user redeems a
 * binding invitation and becomes the firm's ENTERPRISE user), {@code GET /mp/v1/me/enterprise} and
 * {@code PATCH /mp/v1/me/enterprise} (the firm's self-reported figures, SELF_REPORTED; pending
 * corrections where the current value is VERIFIED).
 */
public final class EnterpriseMiniProgramRoutes {
  public static final String OP_BIND = "mpBind";
  public static final String OP_ME = "mpMyEnterprise";
  public static final String OP_REPORT = "mpReportEnterprise";

  private final EnterpriseStore store;
  private final Invitations invitations;
  private final Tokens tokens;
  private final ProfileView views = ProfileView.standard();

  public EnterpriseMiniProgramRoutes(EnterpriseStore store, Invitations invitations, Tokens tokens) {
    this.store = store;
    this.invitations = invitations;
    this.tokens = tokens;
  }

  /** Registers the three operations (guards first) on the contract routes. */
  public ContractRoutes register(ContractRoutes routes, Guard guard) {
    return routes
        .operation(OP_BIND, guard.authenticated(), this::bind)
        .operation(OP_ME, guard.roles(Role.ENTERPRISE), this::me)
        .operation(OP_REPORT, guard.roles(Role.ENTERPRISE), this::report);
  }

  private void bind(RoutingContext ctx) {
    Principal p = Guard.principal(ctx);
    if (p.openid() == null) {
      throw ProblemException.forbidden(Text.of("auth.binding-needs-wechat"));
    }
    String invitation = ContractRoutes.validated(ctx).getBody().getJsonObject().getString("invitation");
    Invitations.Token token = invitations.verify(invitation);
    if (token == null) {
      throw unusable();
    }
    Scope scope = new Scope(null, null, null, token.uscc());
    String subject = "wx:" + p.openid();
    JsonObject binding = new JsonObject().put("subject", subject).put("role", Role.ENTERPRISE.name())
        .put("scope", scope.toJson());
    invitations.consume(token, p.openid(), AccountKeys.wxUser(p.openid()), binding)
        .compose(r -> switch (r) {
          case 1 -> Future.succeededFuture(new JsonObject()
              .put("token", tokens.issue(new Principal(subject, Role.ENTERPRISE, scope, p.openid())))
              .put("bound", true).put("uscc", token.uscc()));
          case -1 -> Future.failedFuture(ProblemException.notFound(Text.of("enterprise.gone")));
          default -> Future.failedFuture(unusable());
        })
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private static ProblemException unusable() {
    return new ProblemException(Problem.field(422, "/invitation", Text.of("enterprise.invitation-unusable")));
  }

  private void me(RoutingContext ctx) {
    String uscc = Guard.principal(ctx).scope().uscc();
    store.load(uscc)
        .compose(s -> s.exists() ? Future.succeededFuture(views.render(s, ChinaTime.today()))
            : Future.failedFuture(ProblemException.notFound(Text.of("enterprise.bound-not-registered"))))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private void report(RoutingContext ctx) {
    Principal p = Guard.principal(ctx);
    JsonObject body = ContractRoutes.validated(ctx).getBody().getJsonObject();
    store.selfReport(p.scope().uscc(), body, p.actor())
        .compose(o -> store.load(p.scope().uscc()).map(s -> views.render(s, ChinaTime.today())
            .put("status", o.status().name()).put("pending", new JsonArray(o.pending()))))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }
}
