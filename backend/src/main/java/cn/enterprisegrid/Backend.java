package cn.enterprisegrid;

import cn.enterprisegrid.auth.Tokens;
import cn.enterprisegrid.config.NodeId;
import cn.enterprisegrid.config.Settings;
import cn.enterprisegrid.demo.Bootstrap;
import cn.enterprisegrid.enterprise.EnterpriseIndexer;
import cn.enterprisegrid.enterprise.FirmWrites;
import cn.enterprisegrid.enterprise.ViewCache;
import cn.enterprisegrid.enterprise.ViewInvalidator;
import cn.enterprisegrid.http.HttpVerticle;
import cn.enterprisegrid.notify.NotifySettings;
import cn.enterprisegrid.notify.NotifyVerticle;
import cn.enterprisegrid.policy.MatchWorker;
import cn.enterprisegrid.policy.PolicyCatalog;
import cn.enterprisegrid.policy.PolicyFeed;
import cn.enterprisegrid.policyindex.index.EnterpriseIndex;
import cn.enterprisegrid.policyindex.index.PolicySearchIndex;
import cn.enterprisegrid.problem.Categories;
import cn.enterprisegrid.problem.ProblemClock;
import cn.enterprisegrid.problem.ProblemIndex;
import cn.enterprisegrid.problem.ProblemIndexer;
import cn.enterprisegrid.problem.SimilarProblems;
import cn.enterprisegrid.store.Store;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import org.apache.lucene.store.FSDirectory;

import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The running application on a given Redis: the bootstrap (admin account, demo data), the
 * indexer that keeps this node's Lucene indexes in step with Redis, and the HTTP verticles.
 * {@link Main} adds the process concerns (settings, embedded Redis, signals); tests start this
 * directly against the test run's Redis.
 */
public final class Backend {
  private final Vertx vertx;
  private final Settings settings;
  private final EnterpriseIndex enterpriseIndex;
  private final PolicyCatalog catalog;
  private final Opened opened;
  /**
   * Background verticles, in the order they stop: problem clock, match worker, policy feed, the profile cache's
   * invalidator, enterprise indexer.
   */
  private final List<String> workerIds;
  /** Stops telling the profile cache of this process's writes. */
  private Runnable unlisten = () -> { };
  private final String httpId;
  /** The notification sender; deployed before HTTP, undeployed after it. */
  private String notifyId;

  private Backend(Vertx vertx, Settings settings, Opened opened, List<String> workerIds, String httpId) {
    this.vertx = vertx;
    this.settings = settings;
    this.enterpriseIndex = opened.index();
    this.catalog = opened.catalog();
    this.opened = opened;
    this.workerIds = List.copyOf(workerIds);
    this.httpId = httpId;
  }

  /** What start-up has opened so far. */
  private record Opened(String secret, EnterpriseIndex index, PolicyCatalog catalog, String nodeId,
      ProblemIndex problems, SimilarProblems similar) {
    void close() {
      index.close();
      catalog.close();
      problems.close();
      similar.close();
    }
  }

  /**
   * Deploys the backend. {@code settings.redisUrl()} must be set (Main starts the embedded Redis
   * first); {@code metrics} may be null when the Vertx instance has no Micrometer metrics.
   */
  public static Future<Backend> start(Vertx vertx, Settings settings, PrometheusMeterRegistry metrics,
      boolean demo) {
    return vertx.executeBlocking(() -> {
          Files.createDirectories(settings.indexDir());
          String secret = Tokens.loadOrCreateSecret(settings.dataDir(), settings.jwtSecret());
          return new Opened(secret, EnterpriseIndex.open(settings.indexDir().resolve("enterprises")),
              new PolicyCatalog(PolicySearchIndex.open(settings.indexDir().resolve("policies"))),
              NodeId.of(settings.dataDir()), ProblemIndex.open(settings.indexDir().resolve("problems")),
              new SimilarProblems(FSDirectory.open(settings.indexDir().resolve("problems-similar"))));
        })
        .compose(opened -> {
          Store store = Store.connect(vertx, settings.redisUrl());
          EnterpriseIndexer indexer = new EnterpriseIndexer(settings.redisUrl(), opened.index());
          DeploymentOptions worker = new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER);
          List<String> workers = new ArrayList<>();
          ViewCache views = new ViewCache();
          Runnable[] unlisten = {() -> { }};
          return new Bootstrap(vertx, store, settings).run(demo)
              .eventually(store::close)
              .compose(v -> vertx.deployVerticle(indexer, worker))
              .compose(id -> {
                workers.add(0, id);
                // one cache of rendered profiles for all HTTP verticles, told of this process's
                // writes directly and of everyone's through the change stream
                unlisten[0] = FirmWrites.listen(views);
                return vertx.deployVerticle(new ViewInvalidator(settings.redisUrl(), views));
              })
              .compose(id -> {
                workers.add(0, id);
                return vertx.deployVerticle(new PolicyFeed(settings.redisUrl(), opened.catalog()), worker);
              })
              .compose(id -> {
                workers.add(0, id);
                return vertx.deployVerticle(new MatchWorker(settings.redisUrl(), opened.nodeId(), opened.catalog(),
                    opened.index(), indexer::applied, settings.autoGrantBatch()), worker);
              })
              .compose(matchId -> {
                workers.add(0, matchId);
                return vertx.deployVerticle(new ProblemIndexer(settings.redisUrl(), opened.problems(),
                    opened.similar()), worker);
              })
              .compose(problemIndexId -> {
                workers.add(0, problemIndexId);
                // the problems' deadlines: warnings and breaches, each fired once across nodes
                return ProblemClock.enabled(settings.source())
                    ? vertx.deployVerticle(new ProblemClock(settings.redisUrl(), Clock.systemUTC(), ProblemClock.PERIOD_MS,
                        Categories.from(settings.source())))
                    : Future.succeededFuture(null);
              })
              .compose(clockId -> {
                if (clockId != null) {
                  workers.add(0, clockId);
                }
                NotifySettings notify = NotifySettings.from(settings.source());
                return (notify.enabled()
                      ? vertx.deployVerticle(
                          new NotifyVerticle(settings, notify, opened.nodeId(), Clock.systemUTC()))
                      : Future.<String>succeededFuture(null))
                  .compose(notifyId -> vertx.deployVerticle(
                      () -> new HttpVerticle(settings, () -> new ApiRoutes(settings, opened.secret(), metrics,
                          opened.index(), opened.catalog(), views, notify, opened.problems())),
                      new DeploymentOptions().setInstances(Math.max(1, settings.httpInstances())))
                  .map(httpId -> new Backend(vertx, settings, opened, workers, httpId))
                  .map(b -> {
                    b.notifyId = notifyId;
                    b.unlisten = unlisten[0];
                    return b;
                  }));
              })
              .onFailure(err -> {
                unlisten[0].run();
                opened.close();
              });
        });
  }

  public Settings settings() {
    return settings;
  }

  /** This node's Lucene index of enterprise profiles (derived from Redis). */
  public EnterpriseIndex enterpriseIndex() {
    return enterpriseIndex;
  }

  /** This node's listing index of problems (derived from Redis). */
  public ProblemIndex problemIndex() {
    return opened.problems();
  }

  /** This node's catalog of published policies. */
  public PolicyCatalog policyCatalog() {
    return catalog;
  }

  private Future<Void> undeployWorkers(int i) {
    return i >= workerIds.size() ? Future.succeededFuture()
        : vertx.undeploy(workerIds.get(i)).compose(v -> undeployWorkers(i + 1));
  }

  /** Stops HTTP first, then the workers (the indexer commits), then closes the indexes. */
  public Future<Void> stop() {
    return vertx.undeploy(httpId)
        .compose(v -> notifyId == null ? Future.succeededFuture() : vertx.undeploy(notifyId))
        .compose(v -> undeployWorkers(0))
        .onComplete(v -> unlisten.run())
        .eventually(() -> vertx.executeBlocking(() -> {
          opened.close();
          return null;
        }))
        .mapEmpty();
  }
}
