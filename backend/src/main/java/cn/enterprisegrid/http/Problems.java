package cn.enterprisegrid.http;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpResponseStatus;
import cn.enterprisegrid.mp.RequestViolation;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.util.Optional;

/**
 * Turns every failure and every unmatched request into an {@code application/problem+json} answer:
 * never HTML, never an empty body, never a stack trace to the client.
 */
public final class Problems {
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  public static final String CONTENT_TYPE = "application/problem+json";
  /** The extension member (seconds) of a problem that {@link #send} also answers as {@code Retry-After}. */
  public static final String RETRY_AFTER = "retryAfter";

  private Problems() {}

  /** Installs the failure handler and the router's error handlers. */
  public static void install(Router router) {
    router.route().failureHandler(Problems::handleFailure);
    for (int status : new int[] {400, 401, 403, 404, 405, 406, 413, 415, 500, 501, 503}) {
      router.errorHandler(status, Problems::handleFailure);
    }
  }

  static void handleFailure(RoutingContext ctx) {
    if (ctx.response().ended() || ctx.response().headWritten()) {
      return;
    }
    send(ctx, toProblem(ctx));
  }

  public static void send(RoutingContext ctx, Problem problem) {
    HttpServerResponse res = ctx.response();
    res.setStatusCode(problem.status()).putHeader("Content-Type", CONTENT_TYPE);
    if (problem.status() == 401) {
      res.putHeader("WWW-Authenticate", "Bearer");
    }
    // a throttled request says when to come back, in the header (RFC 9110) and the body alike
    Object retryAfter = problem.extensions() == null ? null : problem.extensions().getValue(RETRY_AFTER);
    if (retryAfter instanceof Number seconds) {
      res.putHeader("Retry-After", String.valueOf(seconds.longValue()));
    }
    res.end(problem.toJson(ctx.request().path()).encode());
  }

  /** A request that broke the OpenAPI contract: name the body field or the parameter. */
  static Problem fromViolation(RequestViolation v) {
    if (v.unsupportedMediaType()) {
      return Problem.of(415, "unsupported-media-type", "Unsupported media type", v.detail());
    }
    String pointer = v.pointer() != null ? v.pointer()
        : v.name() != null ? "/" + v.name() : "";
    String detail = v.name() != null ? v.in() + " parameter " + v.name() + ": " + v.detail() : v.detail();
    return Problem.field(400, pointer, detail);
  }

  /** A connection to Redis (or another dependency) could not be made: the client may retry. */
  static boolean unreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException || t instanceof ConnectTimeoutException) {
        return true;
      }
    }
    return false;
  }

  static Problem toProblem(RoutingContext ctx) {
    Throwable err = ctx.failure();
    while (err != null && !(err instanceof ProblemException) && !(err instanceof DecodeException)
        && !(err instanceof HttpException) && err.getCause() != null && err.getCause() != err) {
      err = err.getCause();
    }
    if (err instanceof ProblemException pe) {
      return pe.problem();
    }
    Optional<RequestViolation> violation = RequestViolation.of(ctx.failure());
    if (violation.isPresent()) {
      return fromViolation(violation.get());
    }
    if (err instanceof DecodeException) {
      return Problem.field(400, "", "the body is not well-formed JSON");
    }
    int status = err instanceof HttpException he ? he.getStatusCode() : ctx.statusCode();
    if (unreachable(ctx.failure())) {
      LOG.warn("a dependency is unreachable on {} {}: {}", ctx.request().method(), ctx.request().path(),
          ctx.failure().toString());
      status = 503;
    } else if (err != null && !(err instanceof HttpException)) {
      LOG.error("unhandled failure on {} {}", ctx.request().method(), ctx.request().path(), err);
      status = 500;
    }
    if (status < 400) {
      status = 500;
    }
    return switch (status) {
      case 400 -> Problem.of(400, "bad-request", "Bad request", "the request could not be read");
      case 401 -> Problem.of(401, "unauthorized", "Unauthorized", "a valid bearer token is required");
      case 403 -> Problem.of(403, "forbidden", "Forbidden", "this account may not do that");
      case 404 -> Problem.of(404, "not-found", "Not found",
          "no resource at " + ctx.request().method() + " " + ctx.request().path());
      case 405 -> Problem.of(405, "method-not-allowed", "Method not allowed",
          ctx.request().method() + " is not allowed on " + ctx.request().path());
      case 413 -> Problem.of(413, "body-too-large", "Body too large",
          "the request body exceeds the configured limit");
      case 415 -> Problem.of(415, "unsupported-media-type", "Unsupported media type",
          "the body's Content-Type is not accepted here");
      case 503 -> Problem.of(503, "unavailable", "Service unavailable", "try again shortly");
      default -> status < 500
          ? Problem.of(status, "client-error", HttpResponseStatus.valueOf(status).reasonPhrase(),
              "the request was refused")
          : Problem.of(500, "internal", "Internal error",
              "an unexpected error occurred; it has been logged");
    };
  }
}
