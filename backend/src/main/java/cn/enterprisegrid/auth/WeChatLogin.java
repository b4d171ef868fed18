package cn.enterprisegrid.auth;

import cn.enterprisegrid.audit.AuditKeys;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.ContractRoutes;
import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.mp.wechat.WeChatClient;
import cn.enterprisegrid.mp.wechat.WeChatException;
import cn.enterprisegrid.mp.wechat.WeChatSession;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.List;

/**
 * {@code POST /mp/v1/auth/login {"code"}}: exchanges a {@code wx.login} code for our token. A WeChat
 * user bound to a firm or a staff account gets that account's role and scope; one not yet bound
 * gets a token that can only bind ({@code "bound": false}).
 */
public final class WeChatLogin {
  private final Store store;
  private final WeChatClient wechat;
  private final Tokens tokens;

  public WeChatLogin(Store store, WeChatClient wechat, Tokens tokens) {
    this.store = store;
    this.wechat = wechat;
    this.tokens = tokens;
  }

  static String key(String openid) {
    return AccountKeys.wxUser(openid);
  }

  public void handle(RoutingContext ctx) {
    JsonObject body = ContractRoutes.validated(ctx).getBody().getJsonObject();
    String code = body.getString("code");
    wechat.code2Session(code)
        .recover(err -> Future.failedFuture(translate(err)))
        .compose(this::remember)
        .onSuccess(principal -> ctx.json(new JsonObject()
            .put("token", tokens.issue(principal))
            .put("bound", principal.bound())))
        .onFailure(ctx::fail);
  }

  /** Records the WeChat user (first login audited) and returns whom the token speaks for. */
  private Future<Principal> remember(WeChatSession session) {
    String openid = session.openid();
    return store.script("wxuser_login",
            AuditKeys.with(List.of(key(openid)), AuditKeys.journal("wx:" + openid, "wxuser:" + openid)), List.of(openid,
            session.unionid() == null ? "" : session.unionid(), session.sessionKey(),
            Instant.now().toString()))
        .map(r -> {
          String binding = r.string();
          if (binding == null || binding.isEmpty()) {
            return new Principal("wx:" + openid, null, Scope.NONE, openid);
          }
          JsonObject b = new JsonObject(binding);
          return new Principal(b.getString("subject"), Role.parse(b.getString("role")),
              Scope.fromJson(b.getJsonObject("scope")), openid);
        });
  }

  private static Throwable translate(Throwable err) {
    if (err instanceof WeChatException we) {
      if (we.isInvalidCode()) {
        return new ProblemException(Problem.field(401, "/code", Text.of("wechat.invalid-code")));
      }
      if (we.isRetryable()) {
        return new ProblemException(Problem.of(503, "wechat-unavailable", Text.of("wechat.unavailable")));
      }
      return new ProblemException(Problem.of(502, "wechat-error", Text.of("wechat.refused", we.errcode())));
    }
    return err;
  }
}
