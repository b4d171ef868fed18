package cn.enterprisegrid.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers every answer carries against the browser-side attacks on an API of personal data:
 * no MIME sniffing, never framed (X-Frame-Options and CSP {@code frame-ancestors}), no referrer,
 * and {@code Cache-Control: no-store} unless the route chose its own caching (the contract and the
 * API docs are public and cacheable; firm profiles, visits and problems are not). HSTS only when
 * the request came over TLS, directly or through a proxy that says so ({@code
 * X-Forwarded-Proto: https}): over plain HTTP the header means nothing and must not be sent.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {
  static final String HSTS = "max-age=31536000; includeSubDomains";

  @Override
  public void handle(RoutingContext ctx) {
    ctx.addHeadersEndHandler(v -> {
      MultiMap h = ctx.response().headers();
      h.set("X-Content-Type-Options", "nosniff");
      h.set("X-Frame-Options", "DENY");
      h.set("Referrer-Policy", "no-referrer");
      if (!h.contains("Content-Security-Policy")) {
        h.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
      }
      if (!h.contains("Cache-Control")) {
        h.set("Cache-Control", "no-store");
      }
      if (ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"))) {
        h.set("Strict-Transport-Security", HSTS);
      }
    });
    ctx.next();
  }
}
