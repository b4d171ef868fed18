package cn.enterprisegrid;

import cn.enterprisegrid.audit.AuditConsoleRoutes;
import cn.enterprisegrid.auth.AuthConsoleRoutes;
import cn.enterprisegrid.auth.Guard;
import cn.enterprisegrid.auth.OperatorAccess;
import cn.enterprisegrid.auth.LiaisonBinding;
import cn.enterprisegrid.auth.Tokens;
import cn.enterprisegrid.auth.WeChatLogin;
import cn.enterprisegrid.calendar.CalendarConsoleRoutes;
import cn.enterprisegrid.calendar.CalendarStore;
import cn.enterprisegrid.config.Settings;
import cn.enterprisegrid.dictionary.DictionaryRoutes;
import cn.enterprisegrid.enterprise.EnterpriseCode;
import cn.enterprisegrid.enterprise.EnterpriseConsoleRoutes;
import cn.enterprisegrid.enterprise.EnterpriseListConsoleRoutes;
import cn.enterprisegrid.enterprise.EnterpriseMiniProgramRoutes;
import cn.enterprisegrid.enterprise.EnterpriseStore;
import cn.enterprisegrid.enterprise.Importer;
import cn.enterprisegrid.enterprise.Invitations;
import cn.enterprisegrid.enterprise.ProfileCache;
import cn.enterprisegrid.enterprise.ViewCache;
import cn.enterprisegrid.grid.GridConsoleRoutes;
import cn.enterprisegrid.grid.GridStore;
import cn.enterprisegrid.health.HealthRoutes;
import cn.enterprisegrid.http.ApiDocs;
import cn.enterprisegrid.http.ConsoleSite;
import cn.enterprisegrid.http.ClientAddress;
import cn.enterprisegrid.http.ConsoleContract;
import cn.enterprisegrid.http.ContractRoutes;
import cn.enterprisegrid.http.HttpVerticle;
import cn.enterprisegrid.mp.MiniProgramContract;
import cn.enterprisegrid.mp.wechat.WeChatClient;
import cn.enterprisegrid.mp.wechat.WeChatConfig;
import cn.enterprisegrid.notify.ConsoleInboxRoutes;
import cn.enterprisegrid.notify.NotifyConsoleRoutes;
import cn.enterprisegrid.notify.NotifyMiniProgramRoutes;
import cn.enterprisegrid.notify.NotifySettings;
import cn.enterprisegrid.policy.PolicyCatalog;
import cn.enterprisegrid.policy.PolicyConsoleRoutes;
import cn.enterprisegrid.policy.PolicyMiniProgramRoutes;
import cn.enterprisegrid.policy.PolicyStore;
import cn.enterprisegrid.policyindex.index.EnterpriseIndex;
import cn.enterprisegrid.policyindex.profile.ProfileDeriver;
import cn.enterprisegrid.policyindex.reference.Divisions;
import cn.enterprisegrid.policyindex.reference.IndustryCodes;
import cn.enterprisegrid.problem.Categories;
import cn.enterprisegrid.problem.ProblemCases;
import cn.enterprisegrid.problem.ProblemConsoleRoutes;
import cn.enterprisegrid.problem.ProblemIndex;
import cn.enterprisegrid.problem.ProblemMiniProgramRoutes;
import cn.enterprisegrid.problem.ProblemStore;
import cn.enterprisegrid.problem.ProblemReportConsoleRoutes;
import cn.enterprisegrid.redemption.RedemptionConsoleRoutes;
import cn.enterprisegrid.redemption.Redemptions;
import cn.enterprisegrid.store.Store;
import cn.enterprisegrid.visit.VisitConsoleRoutes;
import cn.enterprisegrid.visit.VisitMiniProgramRoutes;
import cn.enterprisegrid.visit.Visits;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every route of the application, in one place: the console contract ({@code /api/v1}), the
 * mini-program contract ({@code /mp/v1}), and outside the contracts health, metrics and the API
 * documentation ({@code /docs/}). One instance per HTTP verticle, since each verticle has its own
 * Redis pool and WeChat client.
 */
public final class ApiRoutes implements HttpVerticle.Routes {
  private final Settings settings;
  private final String jwtSecret;
  private final PrometheusMeterRegistry metrics;
  private final EnterpriseIndex enterpriseIndex;
  private final PolicyCatalog catalog;
  private final ViewCache views;
  private final NotifySettings notifySettings;
  private final ProblemIndex problemIndex;
  /** The media types the mounted contracts declare for request bodies. */
  private final Set<String> bodyTypes = new TreeSet<>();

  /** {@code metrics} may be null when the Vertx instance has no Micrometer metrics. */
  public ApiRoutes(Settings settings, String jwtSecret, PrometheusMeterRegistry metrics,
      EnterpriseIndex enterpriseIndex, PolicyCatalog catalog, ViewCache views, NotifySettings notifySettings,
      ProblemIndex problemIndex) {
    this.settings = settings;
    this.jwtSecret = jwtSecret;
    this.metrics = metrics;
    this.enterpriseIndex = enterpriseIndex;
    this.catalog = catalog;
    this.views = views;
    this.notifySettings = notifySettings;
    this.problemIndex = problemIndex;
  }

  @Override
  public Set<String> streamedPaths() {
    return Set.of(EnterpriseConsoleRoutes.IMPORT_PATH);
  }

  @Override
  public Set<String> bodyMediaTypes() {
    return Set.copyOf(bodyTypes);
  }

  @Override
  public Future<AutoCloseable> mount(Vertx vertx, Store store, Router router) {
    Tokens tokens = new Tokens(vertx, jwtSecret, settings.tokenTtl());
    Guard guard = new Guard(tokens, store);
    WeChatClient wechat = new WeChatClient(vertx,
        new WeChatConfig(settings.wechatApiBase(), settings.wechatAppId(), settings.wechatSecret()),
        store.client());

    OperatorAccess operators = new OperatorAccess(guard, settings.source().getString("METRICS_TOKEN"));
    new HealthRoutes(vertx, store, settings.indexDir()).mount(router, operators);
    if (metrics != null) {
      router.get("/metrics").handler(operators).handler(PrometheusScrapingHandler.create(metrics));
    }
    ClientAddress clients = ClientAddress.trusting(settings.trustedProxies());
    AuthConsoleRoutes auth = new AuthConsoleRoutes(vertx, store, tokens, guard, clients);
    AuditConsoleRoutes audit = new AuditConsoleRoutes(store, guard);

    EnterpriseStore enterprises = new EnterpriseStore(store);
    Invitations invitations = new Invitations(store, jwtSecret, settings.invitationTtl());
    EnterpriseConsoleRoutes enterprise = new EnterpriseConsoleRoutes(enterprises,
        new ProfileCache(views, store, enterprises), new Importer(vertx, enterprises), invitations,
        new EnterpriseCode(vertx, settings.mpEnterprisePage()), guard);
    EnterpriseListConsoleRoutes enterpriseList = new EnterpriseListConsoleRoutes(vertx, enterpriseIndex,
        enterprises, guard);

    GridStore grid = new GridStore(store);
    GridConsoleRoutes gridRoutes = new GridConsoleRoutes(vertx, grid, guard);
    VisitConsoleRoutes visits = new VisitConsoleRoutes(grid, guard);
    NotifyConsoleRoutes notifications = new NotifyConsoleRoutes(store, guard);

    PolicyStore policies = new PolicyStore(store);
    Redemptions redemptions = new Redemptions(store);
    PolicyConsoleRoutes policyRoutes = new PolicyConsoleRoutes(vertx, policies, enterpriseIndex, guard);
    RedemptionConsoleRoutes redemptionRoutes = new RedemptionConsoleRoutes(policies, redemptions, guard);

    CalendarStore calendars = new CalendarStore(store);
    Categories categories = Categories.from(settings.source());
    CalendarConsoleRoutes calendarRoutes = new CalendarConsoleRoutes(calendars, guard);
    ProblemStore intake = new ProblemStore(store, calendars, categories, Clock.systemUTC());
    ProblemCases problemCases = new ProblemCases(vertx, store, intake, enterprises, problemIndex);
    ProblemConsoleRoutes problemRoutes = new ProblemConsoleRoutes(problemCases, categories, guard);

    EnterpriseMiniProgramRoutes mpEnterprise = new EnterpriseMiniProgramRoutes(enterprises, invitations, tokens);
    VisitMiniProgramRoutes mpVisits = new VisitMiniProgramRoutes(new Visits(grid, enterprises, intake, categories));
    NotifyMiniProgramRoutes mpNotifications = new NotifyMiniProgramRoutes(store, notifySettings);
    PolicyMiniProgramRoutes mpPolicies = new PolicyMiniProgramRoutes(vertx, catalog, policies, enterprises,
        redemptions);

    DictionaryRoutes dictionary = new DictionaryRoutes();

    // the reference data (divisions, industry codes) loads in about a second: on a worker, before
    // the first request, never on an event loop
    return vertx.executeBlocking(() -> {
          Divisions.standard();
          IndustryCodes.standard();
          return ProfileDeriver.standard();
        }, false)
        .compose(v -> ConsoleContract.load(vertx))
        .map(console -> {
          ContractRoutes routes = new ContractRoutes(vertx, console);
          auth.register(routes);
          audit.register(routes);
          enterprise.register(routes);
          enterpriseList.register(routes);
          gridRoutes.register(routes);
          visits.register(routes);
          notifications.register(routes);
          new ConsoleInboxRoutes(store, guard).register(routes);
          policyRoutes.register(routes);
          redemptionRoutes.register(routes);
          calendarRoutes.register(routes);
          problemRoutes.register(routes);
          new ProblemReportConsoleRoutes(vertx, store, guard).register(routes);
          dictionary.registerConsole(routes, guard);
          routes.mount(router);
          bodyTypes.addAll(routes.bodyMediaTypes());
          console.mountYaml(router);
          return console;
        })
        .compose(v -> MiniProgramContract.load(vertx))
        .compose(contract -> {
          ContractRoutes routes = new ContractRoutes(vertx, contract)
              .operation(MiniProgramContract.OP_LOGIN, new WeChatLogin(store, wechat, tokens)::handle);
          mpEnterprise.register(routes, guard);
          mpVisits.register(routes, guard);
          mpNotifications.register(routes, guard);
          new LiaisonBinding(vertx, store, tokens, clients).register(routes, guard);
          mpPolicies.register(routes, guard);
          new ProblemMiniProgramRoutes(problemCases).register(routes, guard);
          dictionary.registerMiniProgram(routes, guard);
          routes.mount(router);
          bodyTypes.addAll(routes.bodyMediaTypes());
          return MiniProgramContract.mountYaml(vertx, router);
        })
        .compose(v -> ApiDocs.mount(vertx, router, List.of(
            new ApiDocs.Document("mini-program (/mp/v1)", MiniProgramContract.YAML_PATH),
            new ApiDocs.Document("console (/api/v1)", ConsoleContract.YAML_PATH))))
        .compose(v -> ConsoleSite.mount(vertx, router))
        .map(v -> (AutoCloseable) wechat::close);
  }
}
