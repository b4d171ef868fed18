package cn.enterprisegrid.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The two things every route handler does: answer a future's JSON, and read a bounded integer
 * query parameter. Failures go to the router's failure handler, so {@link Problems} answers them.
 */
public final class Replies {
  private Replies() {}

  /** Answers the future's JSON object or array with {@code status}, or fails the route with its problem. */
  public static void json(RoutingContext ctx, int status, Future<?> f) {
    f.onSuccess(v -> ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(v instanceof JsonObject o ? o.encode() : ((JsonArray) v).encode())).onFailure(ctx::fail);
  }

  /** An integer query parameter within [0, max]; {@code dflt} when absent; 400 naming it otherwise. */
  public static int intParam(RoutingContext ctx, String name, int dflt, int max) {
    return intParam(ctx, name, dflt, 0, max);
  }

  /** An integer query parameter within [min, max]; {@code dflt} when absent or blank; 400 naming it otherwise. */
  public static int intParam(RoutingContext ctx, String name, int dflt, int min, int max) {
    String v = ctx.request().getParam(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    int n;
    try {
      n = Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest("/" + name, Text.of("field.whole-range", name, min, max));
    }
    if (n < min || n > max) {
      throw ProblemException.badRequest("/" + name, Text.of("field.whole-range", name, min, max));
    }
    return n;
  }
}
