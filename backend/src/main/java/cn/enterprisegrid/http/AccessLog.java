package cn.enterprisegrid.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The access log: one line per answered request, in the format of Vert.x's {@code
 * LoggerHandler} (DEFAULT) and under its logger name, so that {@code ACCESS_LOG_LEVEL} still
 * applies: 5xx at ERROR, 4xx at WARN, the rest at INFO. Unlike that handler, which formats every
 * line before the logger decides to drop it, the line is built only when its level is enabled:
 * with {@code ACCESS_LOG_LEVEL=WARN} a hot read costs one level check.
 */
public final class AccessLog implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger("io.vertx.ext.web.handler.LoggerHandler");

  @Override
  public void handle(RoutingContext ctx) {
    if (LOG.isErrorEnabled()) {
      long start = System.currentTimeMillis();
      HttpServerRequest req = ctx.request();
      // captured now: a re-route may change them before the answer
      String method = req.method().name();
      String uri = req.uri();
      String version = req.version() == null ? "-" : switch (req.version()) {
        case HTTP_1_0 -> "HTTP/1.0";
        case HTTP_1_1 -> "HTTP/1.1";
        case HTTP_2 -> "HTTP/2.0";
      };
      ctx.addBodyEndHandler(v -> log(ctx, start, method, uri, version));
    }
    ctx.next();
  }

  private static void log(RoutingContext ctx, long start, String method, String uri, String version) {
    int status = ctx.request().response().getStatusCode();
    boolean enabled = status >= 500 ? LOG.isErrorEnabled() : status >= 400 ? LOG.isWarnEnabled() : LOG.isInfoEnabled();
    if (!enabled) {
      return;
    }
    HttpServerRequest req = ctx.request();
    SocketAddress remote = req.remoteAddress();
    String referrer = req.headers().get("referrer");
    if (referrer == null) {
      referrer = req.headers().get("referer");
    }
    String agent = req.headers().get("user-agent");
    String line = String.format("%s - - [%s] \"%s %s %s\" %d %d \"%s\" \"%s\"",
        remote == null ? null : remote.host(),
        DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(
            Instant.ofEpochMilli(start), ZoneOffset.UTC)),
        method, uri, version, status, req.response().bytesWritten(),
        referrer == null ? "-" : referrer, agent == null ? "-" : agent);
    if (status >= 500) {
      LOG.error(line);
    } else if (status >= 400) {
      LOG.warn(line);
    } else {
      LOG.info(line);
    }
  }
}
