package cn.enterprisegrid.mp.wechat.fake;

import static cn.enterprisegrid.mp.wechat.fake.WeChatReplies.error;
import static cn.enterprisegrid.mp.wechat.fake.WeChatReplies.jsonBody;
import static cn.enterprisegrid.mp.wechat.fake.WeChatReplies.random;
import static cn.enterprisegrid.mp.wechat.fake.WeChatReplies.respond;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The fake's answers to the five WeChat calls, from its users, codes, tokens, templates and consents. Not
 * thread-safe: {@link FakeWeChatServer} calls each handler under its own lock.
 */
final class WeChatHandlers {
  private final String appId;
  private final String secret;
  private final Identities identities;
  private final AccessTokens tokens;
  private final Consents consents;
  private final List<DeliveredMessage> delivered;
  private final LongSupplier clock;

  WeChatHandlers(String appId, String secret, Identities identities, AccessTokens tokens, Consents consents,
      List<DeliveredMessage> delivered, LongSupplier clock) {
    this.appId = appId;
    this.secret = secret;
    this.identities = identities;
    this.tokens = tokens;
    this.consents = consents;
    this.delivered = delivered;
    this.clock = clock;
  }

  void code2Session(RoutingContext ctx) {
    if (!checkCredentials(ctx, ctx.queryParams().get("appid"), ctx.queryParams().get("secret"))) {
      return;
    }
    if (!"authorization_code".equals(ctx.queryParams().get("grant_type"))) {
      error(ctx, 40002, "invalid grant_type");
      return;
    }
    String jsCode = ctx.queryParams().get("js_code");
    if (jsCode == null || jsCode.isEmpty()) {
      error(ctx, 41008, "missing code");
      return;
    }
    String openid = identities.redeemLoginCode(jsCode, now());
    if (openid == null) {
      error(ctx, 40029, "invalid code");
      return;
    }
    JsonObject answer = new JsonObject().put("openid", openid).put("session_key", random(16));
    String unionid = identities.unionid(openid);
    if (unionid != null) {
      answer.put("unionid", unionid);
    }
    // the real code2Session answers text/plain
    respond(ctx, "text/plain", answer);
  }

  void stableToken(RoutingContext ctx) {
    JsonObject body = jsonBody(ctx);
    if (body == null) {
      return;
    }
    if (!"client_credential".equals(body.getValue("grant_type"))) {
      error(ctx, 40002, "invalid grant_type");
      return;
    }
    if (!checkCredentials(ctx, str(body.getValue("appid")), str(body.getValue("secret")))) {
      return;
    }
    long now = now();
    AccessTokens.Token current = tokens.stable(now, Boolean.TRUE.equals(body.getValue("force_refresh")));
    respond(ctx, new JsonObject().put("access_token", current.value())
      .put("expires_in", Math.max(0, (current.expiresAt() - now) / 1000)));
  }

  void classicToken(RoutingContext ctx) {
    if (!"client_credential".equals(ctx.queryParams().get("grant_type"))) {
      error(ctx, 40002, "invalid grant_type");
      return;
    }
    if (!checkCredentials(ctx, ctx.queryParams().get("appid"), ctx.queryParams().get("secret"))) {
      return;
    }
    AccessTokens.Token token = tokens.classic(now());
    respond(ctx, new JsonObject().put("access_token", token.value()).put("expires_in", tokens.lifetimeMs() / 1000));
  }

  void subscribeSend(RoutingContext ctx) {
    if (!checkToken(ctx)) {
      return;
    }
    JsonObject body = jsonBody(ctx);
    if (body == null) {
      return;
    }
    String touser = str(body.getValue("touser"));
    if (!identities.known(touser)) {
      error(ctx, 40003, "invalid openid");
      return;
    }
    String templateId = str(body.getValue("template_id"));
    Consents.Template template = consents.template(templateId);
    if (template == null) {
      error(ctx, 40037, "invalid template_id");
      return;
    }
    String page = str(body.getValue("page"));
    if (page != null && !page.isEmpty()) {
      if (!consents.pageExists(page)) {
        error(ctx, 41030, "invalid page");
        return;
      }
    }
    String state = str(body.getValue("miniprogram_state"));
    if (state != null && !Set.of("developer", "trial", "formal").contains(state)) {
      error(ctx, 47003, "argument invalid! miniprogram_state invalid");
      return;
    }
    if (!(body.getValue("data") instanceof JsonObject data)) {
      error(ctx, 47003, "argument invalid! data is empty");
      return;
    }
    Consents.Checked checked = Consents.check(template, data);
    if (checked.error() != null) {
      error(ctx, 47003, checked.error());
      return;
    }
    if (!template.longTerm() && !consents.consume(touser, templateId)) {
      error(ctx, 43101, "user refuse to accept the msg");
      return;
    }
    delivered.add(new DeliveredMessage(touser, templateId, page, checked.values(), state,
      str(body.getValue("lang")), Instant.ofEpochMilli(now())));
    respond(ctx, new JsonObject().put("errcode", 0).put("errmsg", "ok").put("msgid", WeChatReplies.messageId()));
  }

  void phoneNumber(RoutingContext ctx) {
    if (!checkToken(ctx)) {
      return;
    }
    JsonObject body = jsonBody(ctx);
    if (body == null) {
      return;
    }
    String subject = identities.redeemPhoneCode(str(body.getValue("code")), now());
    if (subject == null) {
      error(ctx, 40029, "invalid code");
      return;
    }
    String countryCode = subject.substring(0, subject.indexOf(':'));
    String pure = subject.substring(subject.indexOf(':') + 1);
    JsonObject info = new JsonObject()
      .put("phoneNumber", "86".equals(countryCode) ? pure : "+" + countryCode + pure)
      .put("purePhoneNumber", pure)
      .put("countryCode", identities.countryCodeAsNumber() ? (Object) Integer.valueOf(countryCode) : countryCode)
      .put("watermark", new JsonObject().put("timestamp", now() / 1000).put("appid", appId));
    respond(ctx, new JsonObject().put("errcode", 0).put("errmsg", "ok").put("phone_info", info));
  }

  private boolean checkCredentials(RoutingContext ctx, String givenAppId, String givenSecret) {
    if (!appId.equals(givenAppId)) {
      error(ctx, 40013, "invalid appid");
      return false;
    }
    if (!secret.equals(givenSecret)) {
      error(ctx, 40125, "invalid appsecret");
      return false;
    }
    return true;
  }

  private boolean checkToken(RoutingContext ctx) {
    int errcode = tokens.check(ctx.queryParams().get("access_token"), now());
    switch (errcode) {
      case 0 -> {
        return true;
      }
      case 41001 -> error(ctx, errcode, "access_token missing");
      case 40001 -> error(ctx, errcode, "invalid credential, access_token is invalid or not latest");
      default -> error(ctx, errcode, "access_token expired");
    }
    return false;
  }

  private long now() {
    return clock.getAsLong();
  }

  private static String str(Object value) {
    return value instanceof String s ? s : null;
  }
}
