package cn.enterprisegrid.mp.wechat.fake;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.security.SecureRandom;
import java.util.Base64;

/** How the fake answers, as WeChat does: JSON bodies, {@code errcode}/{@code errmsg} with a request id. */
final class WeChatReplies {
  private static final SecureRandom RANDOM = new SecureRandom();

  private WeChatReplies() {
  }

  /** The request's JSON body, or null after answering 47001 when it is not a JSON object. */
  static JsonObject jsonBody(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        error(ctx, 47001, "data format error");
      }
      return body;
    } catch (DecodeException | ClassCastException e) {
      error(ctx, 47001, "data format error");
      return null;
    }
  }

  static void error(RoutingContext ctx, int errcode) {
    error(ctx, errcode, messageOf(errcode));
  }

  static void error(RoutingContext ctx, int errcode, String errmsg) {
    respond(ctx, new JsonObject().put("errcode", errcode).put("errmsg", errmsg + " rid: " + random(6)));
  }

  static void respond(RoutingContext ctx, JsonObject json) {
    respond(ctx, "application/json; encoding=utf-8", json);
  }

  static void respond(RoutingContext ctx, String contentType, JsonObject json) {
    if (!ctx.response().closed() && !ctx.response().ended()) {
      ctx.response().putHeader("Content-Type", contentType).end(json.encode());
    }
  }

  /** WeChat's message for an errcode. */
  static String messageOf(int errcode) {
    return switch (errcode) {
      case -1 -> "system error";
      case 40001 -> "invalid credential, access_token is invalid or not latest";
      case 40003 -> "invalid openid";
      case 40029 -> "invalid code";
      case 40037 -> "invalid template_id";
      case 41030 -> "invalid page";
      case 42001 -> "access_token expired";
      case 43101 -> "user refuse to accept the msg";
      case 45011 -> "api minute-quota reach limit";
      case 47003 -> "argument invalid!";
      default -> "fake error";
    };
  }

  /** A positive random message id, as subscribe/send answers. */
  static long messageId() {
    return RANDOM.nextLong() >>> 1;
  }

  /** A random URL-safe string of {@code bytes} random bytes (codes, tokens, request ids). */
  static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
