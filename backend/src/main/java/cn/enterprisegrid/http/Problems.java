package cn.enterprisegrid.http;

import io.netty.channel.ConnectTimeoutException;
import cn.enterprisegrid.mp.RequestViolation;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorErrorType;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.util.Optional;

/**
 * Turns every failure and every unmatched request into an {@code application/problem+json} answer:
 * never HTML, never an empty body, never a stack trace to the client.
 */
public final class Problems {
  /** One entry per failure, at most ErrorLog.PER_WINDOW a minute: a flood of failing requests cannot fill the disk. */
  private static final ErrorLog LOG = new ErrorLog(LoggerFactory.getLogger(Problems.class));
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
    } else if (problem.status() == 503) {
      // unavailable for now (a dependency unreachable, a saturated pool): back off, then retry
      res.putHeader("Retry-After", "1");
    }
    Language lang = Language.of(ctx.request().getHeader("Accept-Language"));
    // the texts follow Accept-Language: a cache in between must keep the languages apart
    res.putHeader("Content-Language", lang.tag()).putHeader("Vary", "Accept-Language");
    res.end(problem.toJson(ctx.request().path(), lang).encode());
  }

  /**
   * A request that broke the OpenAPI contract: name the body field or the parameter. The
   * validator's own sentence (English, precise) follows ours in parentheses.
   */
  static Problem fromViolation(RequestViolation v) {
    if (v.unsupportedMediaType()) {
      return Problem.of(415, "unsupported-media-type", Text.of("contract.media-type", v.detail()));
    }
    String pointer = v.pointer() != null ? v.pointer()
        : v.name() != null ? "/" + v.name() : "";
    Text where = v.name() != null ? Text.of(where(v.in()), v.name())
        : RequestViolation.BODY.equals(v.in()) && !pointer.isEmpty() ? Text.of("contract.where.body-field", pointer)
        : Text.of("contract.where.body");
    Text detail = v.type() == ValidatorErrorType.ILLEGAL_VALUE && v.name() == null
        ? Text.of("contract.unparsable", v.detail())
        : Text.of("contract.violation", where, v.detail());
    return Problem.field(400, pointer, detail);
  }

  private static String where(String in) {
    return switch (in == null ? "" : in) {
      case "query" -> "contract.where.query";
      case "path" -> "contract.where.path";
      case "header" -> "contract.where.header";
      case "cookie" -> "contract.where.cookie";
      default -> "contract.where.parameter";
    };
  }

  /**
   * A connection to Redis (or another dependency) could not be made, or its pool's wait queue is full
   * (the node is saturated: backpressure, not a failure): the client may retry.
   */
  static boolean unreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException || t instanceof ConnectTimeoutException
          || t instanceof ConnectionPoolTooBusyException) {
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
      return Problem.field(400, "", Text.of("body.not-json"));
    }
    int status = err instanceof HttpException he ? he.getStatusCode() : ctx.statusCode();
    if (unreachable(ctx.failure())) {
      LOG.warn("a dependency is unreachable on {} {}: {}", ctx.request().method(), ctx.request().path(),
          ctx.failure().toString());
      status = 503;
    } else if (isRedisError(err)) {
      // a script or command Redis refused: the request got past every check it should have failed,
      // so it is logged as the bug it is; Redis's message (key names, script lines) stays in the log
      LOG.error("Redis refused a command on {} {}: {}", ctx.request().method(), ctx.request().path(),
          err.getMessage());
      status = 500;
    } else if (err != null && !(err instanceof HttpException)) {
      LOG.error("unhandled failure on {} {}", ctx.request().method(), ctx.request().path(), err);
      status = 500;
    }
    if (status < 400) {
      status = 500;
    }
    String method = ctx.request().method().name();
    String path = ctx.request().path();
    return switch (status) {
      case 400 -> Problem.of(400, "bad-request", Text.of("bad-request.unreadable"));
      case 401 -> Problem.of(401, "unauthorized", Text.of("unauthorized.bearer"));
      case 403 -> Problem.of(403, "forbidden", Text.of("forbidden.operation"));
      case 404 -> Problem.of(404, "not-found", Text.of("not-found.route", method, path));
      case 405 -> Problem.of(405, "method-not-allowed", Text.of("method-not-allowed", path, method));
      case 413 -> Problem.of(413, "body-too-large", Text.of("body-too-large"));
      case 415 -> Problem.of(415, "unsupported-media-type", Text.of("unsupported-media-type"));
      case 503 -> Problem.of(503, "unavailable", Text.of("unavailable"));
      default -> status < 500
          ? Problem.of(status, "client-error", Text.of("client-error", status))
          : Problem.of(500, "internal", Text.of("internal"));
    };
  }

  /** A reply error from Redis (the client's {@code ErrorType}), by name: the type is an internal class. */
  static boolean isRedisError(Throwable err) {
    return err != null && err.getClass().getName().startsWith("io.vertx.redis.client.");
  }
}
