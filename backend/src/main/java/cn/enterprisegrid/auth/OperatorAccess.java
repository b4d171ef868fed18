package cn.enterprisegrid.auth;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;

/**
 * Lets operators only through to what describes the node itself ({@code /metrics}, {@code
 * /health/details}): a grid admin of the whole territory (the built-in {@code admin}), or a
 * scraper presenting the configured {@code METRICS_TOKEN} as its bearer token (Prometheus'
 * {@code authorization: credentials}; a console token expires within hours). Anyone else: 401/403.
 */
public final class OperatorAccess implements Handler<RoutingContext> {
  private final Handler<RoutingContext> admins;
  private final byte[] scraperToken;

  /** {@code scraperToken} may be null or blank: then only admin tokens pass. */
  public OperatorAccess(Guard guard, String scraperToken) {
    this.admins = guard.scoped(EnumSet.of(Role.GRID_ADMIN),
        (p, ctx) -> Future.succeededFuture(p.scope().region() == null), false);
    this.scraperToken = scraperToken == null || scraperToken.isBlank() ? null
        : ("Bearer " + scraperToken.strip()).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (scraperToken != null && header != null
        && MessageDigest.isEqual(scraperToken, header.strip().getBytes(StandardCharsets.UTF_8))) {
      ctx.next();
      return;
    }
    admins.handle(ctx);
  }
}
