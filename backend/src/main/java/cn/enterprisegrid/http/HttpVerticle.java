package cn.enterprisegrid.http;

import cn.enterprisegrid.audit.AuditRoutes;
import cn.enterprisegrid.auth.AuthRoutes;
import cn.enterprisegrid.auth.Guard;
import cn.enterprisegrid.auth.Tokens;
import cn.enterprisegrid.config.Settings;
import cn.enterprisegrid.auth.WeChatLogin;
import cn.enterprisegrid.enterprise.EnterpriseCode;
import cn.enterprisegrid.enterprise.EnterpriseRoutes;
import cn.enterprisegrid.enterprise.EnterpriseStore;
import cn.enterprisegrid.enterprise.Importer;
import cn.enterprisegrid.enterprise.Invitations;
import cn.enterprisegrid.enterprise.MiniProgramEnterpriseRoutes;
import cn.enterprisegrid.enterprise.ProfileCache;
import cn.enterprisegrid.enterprise.ViewCache;
import cn.enterprisegrid.grid.GridRoutes;
import cn.enterprisegrid.grid.GridStore;
import cn.enterprisegrid.enterprise.EnterpriseListRoutes;
import cn.enterprisegrid.health.HealthRoutes;
import cn.enterprisegrid.notify.NotificationRoutes;
import cn.enterprisegrid.notify.NotifyConsoleRoutes;
import cn.enterprisegrid.policy.MiniProgramPolicyRoutes;
import cn.enterprisegrid.policy.PolicyCatalog;
import cn.enterprisegrid.policy.PolicyRoutes;
import cn.enterprisegrid.policy.PolicyStore;
import cn.enterprisegrid.policyindex.index.EnterpriseIndex;
import cn.enterprisegrid.redemption.RedemptionRoutes;
import cn.enterprisegrid.redemption.Redemptions;
import cn.enterprisegrid.visit.VisitConsoleRoutes;
import cn.enterprisegrid.visit.VisitRoutes;
import cn.enterprisegrid.visit.Visits;
import cn.enterprisegrid.mp.MiniProgramContract;
import cn.enterprisegrid.mp.wechat.WeChatClient;
import cn.enterprisegrid.mp.wechat.WeChatConfig;
import cn.enterprisegrid.store.Store;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

import java.util.Set;

/**
 * Serves the HTTP API. One instance per core; each has its own Redis connection pool and router,
 * all instances share the port.
 */
public final class HttpVerticle extends VerticleBase {
  private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

  private final Settings settings;
  private final String jwtSecret;
  private final PrometheusMeterRegistry metrics;
  private final EnterpriseIndex enterpriseIndex;
  private final PolicyCatalog catalog;
  private final ViewCache views;
  private Store store;
  private WeChatClient wechat;
  private HttpServer server;

  public HttpVerticle(Settings settings, String jwtSecret, PrometheusMeterRegistry metrics,
      EnterpriseIndex enterpriseIndex, PolicyCatalog catalog, ViewCache views) {
    this.settings = settings;
    this.catalog = catalog;
    this.views = views;
    this.enterpriseIndex = enterpriseIndex;
    this.jwtSecret = jwtSecret;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    store = Store.connect(vertx, settings.redisUrl());
    Tokens tokens = new Tokens(vertx, jwtSecret, settings.tokenTtl());
    Guard guard = new Guard(tokens);

    WeChatClient wechat = new WeChatClient(vertx,
        new WeChatConfig(settings.wechatApiBase(), settings.wechatAppId(), settings.wechatSecret()),
        store.client());
    this.wechat = wechat;

    Router router = Router.router(vertx);
    router.route().handler(new AccessLog());
    BodyHandler body = BodyHandler.create(false).setBodyLimit(settings.bodyLimitBytes());
    router.route().handler(ctx -> {
      if (ctx.request().path().equals(EnterpriseRoutes.IMPORT_PATH)) {
        // streamed by the importer: no body buffering; paused until the importer reads it, and
        // drained when the answer goes out before the body was read (refused by a guard)
        ctx.request().pause();
        ctx.addHeadersEndHandler(v -> {
          if (!ctx.request().isEnded()) {
            ctx.request().handler(b -> { }).endHandler(e -> { }).resume();
          }
        });
        ctx.next();
      } else if (WITH_BODY.contains(ctx.request().method())) {
        body.handle(ctx);
      } else {
        ctx.next();
      }
    });
    Problems.install(router);

    new HealthRoutes(vertx, store, settings.indexDir()).mount(router);
    if (metrics != null) {
      router.get("/metrics").handler(PrometheusScrapingHandler.create(metrics));
    }
    new AuthRoutes(vertx, store, tokens, guard).mount(router);
    new AuditRoutes(store, guard).mount(router);
    EnterpriseStore enterprises = new EnterpriseStore(store);
    Invitations invitations = new Invitations(store, jwtSecret, settings.invitationTtl());
    new EnterpriseRoutes(enterprises, new ProfileCache(views, store, enterprises), new Importer(vertx, enterprises),
        invitations,
        new EnterpriseCode(vertx, settings.mpEnterprisePage()), guard).mount(router);
    new EnterpriseListRoutes(vertx, enterpriseIndex, enterprises, guard).mount(router);
    MiniProgramEnterpriseRoutes mpEnterprise = new MiniProgramEnterpriseRoutes(enterprises, invitations, tokens);
    GridStore grid = new GridStore(store);
    new GridRoutes(vertx, grid, guard).mount(router);
    new VisitConsoleRoutes(grid, guard).mount(router);
    VisitRoutes visitRoutes = new VisitRoutes(new Visits(grid, enterprises));
    new NotifyConsoleRoutes(store, guard).mount(router);
    NotificationRoutes mpNotifications = new NotificationRoutes(store, settings);
    PolicyStore policies = new PolicyStore(store);
    Redemptions redemptions = new Redemptions(store);
    new PolicyRoutes(vertx, policies, enterpriseIndex, guard).mount(router);
    new RedemptionRoutes(policies, redemptions, guard).mount(router);
    MiniProgramPolicyRoutes mpPolicies = new MiniProgramPolicyRoutes(vertx, catalog, policies, enterprises, redemptions);

    // the reference data (divisions, industry codes) loads in about a second: on a worker, before
    // the first request, never on an event loop
    return vertx.executeBlocking(() -> {
          cn.enterprisegrid.policyindex.reference.Divisions.standard();
          cn.enterprisegrid.policyindex.reference.IndustryCodes.standard();
          return cn.enterprisegrid.policyindex.profile.ProfileDeriver.standard();
        }, false)
        .compose(v -> MiniProgramContract.load(vertx))
        .compose(contract -> {
          ContractRoutes routes = new ContractRoutes(vertx, contract)
              .operation(MiniProgramContract.OP_LOGIN, new WeChatLogin(store, wechat, tokens)::handle);
          mpEnterprise.register(routes, guard);
          visitRoutes.register(routes, guard);
          mpNotifications.register(routes, guard);
          mpPolicies.register(routes, guard);
          routes.mount(router);
          return MiniProgramContract.mountYaml(vertx, router);
        })
        .compose(r -> vertx.createHttpServer(new HttpServerOptions()
            .setCompressionSupported(true)
            .setMaxFormAttributeSize(8192))
            .requestHandler(router)
            .listen(settings.httpPort())
        .onSuccess(s -> server = s));
  }

  @Override
  public Future<?> stop() {
    Future<Void> closed = server == null ? Future.succeededFuture() : server.shutdown();
    return closed.eventually(() -> {
      wechat.close();
      return store.close();
    });
  }

  /** The port actually bound (useful when configured as 0). */
  public int port() {
    return server.actualPort();
  }
}
