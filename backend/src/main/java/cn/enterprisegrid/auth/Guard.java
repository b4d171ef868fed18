package cn.enterprisegrid.auth;

import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The one route guard: authenticates the bearer token (401), checks the role (403) and, where the
 * route names a resource, the principal's data scope over it (403, or 404 where the existence of
 * the resource is itself private).
 */
public final class Guard {
  private static final String KEY = "principal";

  /** Decides whether a principal may touch the resource a request names. */
  @FunctionalInterface
  public interface ScopeCheck extends BiFunction<Principal, RoutingContext, Future<Boolean>> {}

  private final Tokens tokens;
  private final ActiveLiaisons liaisons;

  /** A guard that trusts a valid token until it expires (no store to ask). */
  public Guard(Tokens tokens) {
    this(tokens, null);
  }

  /** A guard that also ends the sessions of a liaison once it is deactivated ({@link ActiveLiaisons}). */
  public Guard(Tokens tokens, Store store) {
    this.tokens = tokens;
    this.liaisons = store == null ? null : new ActiveLiaisons(store);
  }

  /** Any valid token, bound or not. */
  public Handler<RoutingContext> authenticated() {
    return ctx -> authenticate(ctx).onSuccess(p -> ctx.next()).onFailure(ctx::fail);
  }

  /** A valid token of one of {@code roles}. */
  public Handler<RoutingContext> roles(Role first, Role... more) {
    return scoped(EnumSet.of(first, more), null, false);
  }

  /**
   * A valid token of one of {@code roles} whose scope covers the resource, by {@code check}. When
   * {@code hideExistence}, a scope miss answers 404 instead of 403.
   */
  public Handler<RoutingContext> scoped(Set<Role> roles, ScopeCheck check, boolean hideExistence) {
    return ctx -> authenticate(ctx)
        .compose(p -> {
          if (p.role() == null || !roles.contains(p.role())) {
            return Future.failedFuture(ProblemException.forbidden(p.role() == null
                ? Text.of("auth.unbound-wechat")
                : Text.of("auth.role-forbidden", p.role())));
          }
          if (check == null) {
            return Future.succeededFuture();
          }
          return check.apply(p, ctx).compose(ok -> ok ? Future.succeededFuture()
              : Future.failedFuture(hideExistence
                  ? ProblemException.notFound(Text.of("not-found.resource"))
                  : ProblemException.forbidden(Text.of("auth.outside-scope"))));
        })
        .onSuccess(v -> ctx.next())
        .onFailure(ctx::fail);
  }

  /** The principal of a request that passed a guard. */
  public static Principal principal(RoutingContext ctx) {
    Principal p = ctx.get(KEY);
    if (p == null) {
      throw new IllegalStateException("route is not guarded");
    }
    return p;
  }

  private Future<Principal> authenticate(RoutingContext ctx) {
    Principal known = ctx.get(KEY);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Future.failedFuture(ProblemException.unauthorized(Text.of("auth.token-missing")));
    }
    return tokens.verify(header.substring(7).trim())
        .recover(err -> Future.failedFuture(
            ProblemException.unauthorized(Text.of("auth.token-invalid"))))
        .compose(this::stillActive)
        .onSuccess(p -> ctx.put(KEY, p));
  }

  private Future<Principal> stillActive(Principal p) {
    if (liaisons == null || p.role() != Role.LIAISON || p.scope().liaisonId() == null) {
      return Future.succeededFuture(p);
    }
    return liaisons.active(p.scope().liaisonId()).compose(active -> active ? Future.succeededFuture(p)
        : Future.failedFuture(ProblemException.unauthorized(Text.of("auth.liaison-inactive-session"))));
  }
}
