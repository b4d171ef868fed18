package cn.enterprisegrid.auth;

import cn.enterprisegrid.audit.AuditKeys;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.ClientAddress;
import cn.enterprisegrid.http.ContractRoutes;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.notify.NotifyKeys;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.List;

/**
 * {@code POST /mp/v1/me/liaison-binding {"username","password"}}: a liaison logged in to the mini-program with
 * WeChat ({@code POST /mp/v1/auth/login}, not yet bound) binds the WeChat identity to its liaison account by
 * proving the account's password, the one it already uses; no console step, no code to pass on. The password
 * check is throttled with the console login's budget. From then on its WeChat logins speak for the liaison (role
 * LIAISON, its scope) and its notifications reach it as subscribe messages, after the consents it gives like a
 * firm's users ({@code POST /mp/v1/subscriptions}). Binding again moves the identity to the new liaison; a WeChat
 * user bound to a firm cannot bind (403).
 */
public final class LiaisonBinding {
  public static final String OP_BIND = "mpBindLiaison";

  private final Store store;
  private final Tokens tokens;
  private final PasswordCheck passwords;
  private final ClientAddress clients;

  /** {@code clients} tells the login throttle where a request comes from (the phone, or its proxy's client). */
  public LiaisonBinding(Vertx vertx, Store store, Tokens tokens, ClientAddress clients) {
    this.store = store;
    this.tokens = tokens;
    this.passwords = new PasswordCheck(vertx, store);
    this.clients = clients;
  }

  /** Registers the operation (any authenticated WeChat user; the handler refuses the others). */
  public ContractRoutes register(ContractRoutes routes, Guard guard) {
    return routes.operation(OP_BIND, guard.authenticated(), this::bind);
  }

  private void bind(RoutingContext ctx) {
    Principal p = Guard.principal(ctx);
    if (p.openid() == null) {
      throw ProblemException.forbidden(Text.of("auth.binding-needs-wechat"));
    }
    if (p.role() == Role.ENTERPRISE) {
      throw ProblemException.forbidden(Text.of("auth.bound-to-firm"));
    }
    JsonObject body = ContractRoutes.validated(ctx).getBody().getJsonObject();
    String username = body.getString("username");
    passwords.verify(clients.of(ctx.request()), username, body.getString("password"))
        .compose(account -> {
          if (account.role() != Role.LIAISON || account.scope().liaisonId() == null) {
            return Future.failedFuture(ProblemException.forbidden(Text.of("auth.binding-liaison-only")));
          }
          String liaisonId = account.scope().liaisonId();
          JsonObject binding = new JsonObject().put("subject", account.username()).put("role", Role.LIAISON.name())
              .put("scope", account.scope().toJson());
          List<String> keys = AuditKeys.with(List.of(AccountKeys.wxUser(p.openid()),
              NotifyKeys.wechatUsers("liaison:" + liaisonId)), AuditKeys.journal("wx:" + p.openid(),
              "account:" + account.username()));
          return store.script("liaison_bind", keys, List.of(p.openid(), liaisonId, binding.encode(),
                  Instant.now().toString(), account.username()))
              .compose(r -> r.ok()
                  ? Future.succeededFuture(new JsonObject()
                      .put("token", tokens.issue(new Principal(account.username(), Role.LIAISON, account.scope(),
                          p.openid())))
                      .put("bound", true).put("liaisonId", liaisonId))
                  : Future.failedFuture(ProblemException.forbidden(Text.of("auth." + r.error()))));
        })
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }
}
