package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.auth.Guard;
import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.ContractRoutes;
import cn.enterprisegrid.config.ChinaTime;
import cn.enterprisegrid.http.Bodies;
import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.http.Replies;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.function.BiPredicate;

/**
 * The console's enterprise routes under {@code /api/v1/enterprises}: import, single create/replace,
 * profile, history, pending corrections, binding invitations and the enterprise code. Scope misses
 * answer 404 like unknown firms: a firm's existence is private to those who may see it.
 */
public final class EnterpriseConsoleRoutes {
  public static final String IMPORT_PATH = "/api/v1/enterprises/import";

  private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");

  private final EnterpriseStore store;
  private final ProfileCache cache;
  private final Importer importer;
  private final Invitations invitations;
  private final EnterpriseCode code;
  private final Guard guard;
  private final EnterpriseValidator validator = EnterpriseValidator.standard();
  private final ProfileView views = ProfileView.standard();

  public EnterpriseConsoleRoutes(EnterpriseStore store, ProfileCache cache, Importer importer,
      Invitations invitations, EnterpriseCode code, Guard guard) {
    this.store = store;
    this.cache = cache;
    this.importer = importer;
    this.invitations = invitations;
    this.code = code;
    this.guard = guard;
  }

  public void register(ContractRoutes routes) {
    routes.operation("importEnterprises", guard.roles(Role.GRID_ADMIN), importer::handle);
    routes.operation("putEnterprise", guard.roles(Role.GRID_ADMIN), this::put);
    Role[] readers = {Role.LIAISON, Role.SUPERVISOR, Role.ENTERPRISE};
    routes.operation("getEnterprise", guard.roles(Role.GRID_ADMIN, readers), this::profile);
    routes.operation("enterpriseHistory", guard.roles(Role.GRID_ADMIN, readers), this::history);
    routes.operation("enterpriseCorrections", guard.roles(Role.GRID_ADMIN, readers), this::corrections);
    routes.operation("confirmCorrection", guard.roles(Role.GRID_ADMIN, Role.LIAISON), this::confirm);
    routes.operation("rejectCorrection", guard.roles(Role.GRID_ADMIN, Role.LIAISON), this::reject);
    routes.operation("issueInvitation", guard.roles(Role.GRID_ADMIN, Role.LIAISON), this::invite);
    routes.operation("enterpriseCode", guard.roles(Role.GRID_ADMIN, readers), this::codePng);
  }

  /** The firm named by the path, if the principal passes {@code rule}; else a 404 failure. */
  private Future<StoredEnterprise> firm(RoutingContext ctx, BiPredicate<Principal, StoredEnterprise> rule) {
    String uscc = ctx.pathParam("uscc");
    if (!Uscc.isValid(uscc)) {
      return Future.failedFuture(ProblemException.notFound(Text.of("enterprise.not-found")));
    }
    Principal p = Guard.principal(ctx);
    return store.load(uscc).compose(s -> rule.test(p, s) ? Future.succeededFuture(s)
        : Future.failedFuture(ProblemException.notFound(Text.of("enterprise.not-found"))));
  }

  private void profile(RoutingContext ctx) {
    String uscc = ctx.pathParam("uscc");
    // the cache answers null for malformed codes too
    cache.read(uscc, Guard.principal(ctx))
        .onSuccess(json -> {
          if (json == null) {
            ctx.fail(ProblemException.notFound(Text.of("enterprise.not-found")));
          } else {
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(json);
          }
        })
        .onFailure(ctx::fail);
  }

  private void put(RoutingContext ctx) {
    String uscc = ctx.pathParam("uscc");
    Principal p = Guard.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    Object inBody = body.getValue("uscc");
    if (inBody != null && !uscc.equals(inBody)) {
      throw ProblemException.invalid("/uscc", Text.of("enterprise.uscc-mismatch"));
    }
    body.put("uscc", uscc);
    EnterpriseValidator.Result r = validator.record(body, ChinaTime.today());
    if (!r.valid()) {
      throw ProblemException.invalid(r.errors());
    }
    if (!p.scope().coversRegion(r.enterprise().regionCode())) {
      throw new ProblemException(Problem.field(403, "/regionCode", Text.of("enterprise.region-outside-account",
          p.scope().region())));
    }
    store.registry(r.enterprise(), p.actor(), null, base -> !base.exists()
            || p.scope().coversRegion(base.regionCode()) ? null : "outside")
        .compose(o -> {
          if (o.status() == EnterpriseStore.Status.REJECTED) {
            return Future.failedFuture(ProblemException.notFound(Text.of("enterprise.not-found")));
          }
          return store.load(uscc).map(s -> {
            JsonObject view = views.render(s, ChinaTime.today())
                .put("status", o.status().name()).put("pending", new JsonArray(o.pending()));
            ctx.response().setStatusCode(o.status() == EnterpriseStore.Status.CREATED ? 201 : 200);
            return view;
          });
        })
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private void history(RoutingContext ctx) {
    int offset = Replies.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    int limit = Replies.intParam(ctx, "limit", 50, 1, 500);
    firm(ctx, EnterpriseAccess::canRead)
        .compose(s -> store.history(s.uscc(), offset, limit))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private void corrections(RoutingContext ctx) {
    firm(ctx, EnterpriseAccess::canRead)
        .onSuccess(s -> ctx.json(new JsonObject().put("items", ProfileView.corrections(s))))
        .onFailure(ctx::fail);
  }

  private void confirm(RoutingContext ctx) {
    String field = ctx.pathParam("field");
    Principal p = Guard.principal(ctx);
    firm(ctx, EnterpriseAccess::canManage)
        .compose(s -> store.confirm(s.uscc(), field, p.actor()))
        .compose(o -> store.load(ctx.pathParam("uscc")))
        .onSuccess(s -> ctx.json(views.render(s, ChinaTime.today())))
        .onFailure(ctx::fail);
  }

  private void reject(RoutingContext ctx) {
    String field = ctx.pathParam("field");
    Principal p = Guard.principal(ctx);
    String reason = Bodies.requiredString(Bodies.object(ctx), "reason");
    if (reason.length() > 500) {
      throw ProblemException.invalid("/reason", Text.of("field.max-length", "reason", 500));
    }
    firm(ctx, EnterpriseAccess::canManage)
        .compose(s -> store.reject(s.uscc(), field, p.actor(), reason.strip()))
        .compose(o -> store.load(ctx.pathParam("uscc")))
        .onSuccess(s -> ctx.json(views.render(s, ChinaTime.today())))
        .onFailure(ctx::fail);
  }

  private void invite(RoutingContext ctx) {
    Principal p = Guard.principal(ctx);
    firm(ctx, EnterpriseAccess::canManage)
        .compose(s -> invitations.issue(s.uscc(), p.actor()))
        .onSuccess(inv -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
            .end(inv.encode()))
        .onFailure(ctx::fail);
  }

  /**
   * The enterprise code. Those who may issue invitations get a code carrying a fresh one; other
   * readers (the firm, a supervisor) get a code that only opens the firm's page.
   */
  private void codePng(RoutingContext ctx) {
    Principal p = Guard.principal(ctx);
    firm(ctx, EnterpriseAccess::canRead)
        .compose(s -> EnterpriseAccess.canManage(p, s)
            ? invitations.issue(s.uscc(), p.actor()).map(inv -> code.target(s.uscc(), inv.getString("invitation")))
            : Future.succeededFuture(code.target(s.uscc(), null)))
        .compose(code::png)
        .onSuccess(png -> ctx.response().putHeader("Content-Type", "image/png")
            .putHeader("Cache-Control", "no-store").end(png))
        .onFailure(ctx::fail);
  }
}
