package cn.enterprisegrid;

import cn.enterprisegrid.auth.Tokens;
import cn.enterprisegrid.config.Settings;
import cn.enterprisegrid.demo.Bootstrap;
import cn.enterprisegrid.enterprise.FirmWrites;
import cn.enterprisegrid.enterprise.ViewCache;
import cn.enterprisegrid.enterprise.ViewInvalidator;
import cn.enterprisegrid.http.HttpVerticle;
import cn.enterprisegrid.index.EnterpriseIndexer;
import cn.enterprisegrid.policyindex.index.EnterpriseIndex;
import cn.enterprisegrid.store.Store;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;

import java.nio.file.Files;

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
  private final Deployed deployed;
  private final String httpId;

  private Backend(Vertx vertx, Settings settings, EnterpriseIndex enterpriseIndex, Deployed deployed,
      String httpId) {
    this.vertx = vertx;
    this.settings = settings;
    this.enterpriseIndex = enterpriseIndex;
    this.deployed = deployed;
    this.httpId = httpId;
  }

  /** What start-up has opened so far. */
  private record Opened(String secret, EnterpriseIndex index) {}

  /** The background verticles and the profile cache, deployed before HTTP. */
  private record Deployed(String indexerId, String invalidatorId, ViewCache views, Runnable unlisten) {}

  /**
   * Deploys the backend. {@code settings.redisUrl()} must be set (Main starts the embedded Redis
   * first); {@code metrics} may be null when the Vertx instance has no Micrometer metrics.
   */
  public static Future<Backend> start(Vertx vertx, Settings settings, PrometheusMeterRegistry metrics,
      boolean demo) {
    return vertx.executeBlocking(() -> {
          Files.createDirectories(settings.indexDir());
          String secret = Tokens.loadOrCreateSecret(settings.dataDir(), settings.jwtSecret());
          return new Opened(secret, EnterpriseIndex.open(settings.indexDir().resolve("enterprises")));
        })
        .compose(opened -> {
          Store store = Store.connect(vertx, settings.redisUrl());
          return new Bootstrap(vertx, store, settings).run(demo)
              .eventually(store::close)
              .compose(v -> vertx.deployVerticle(new EnterpriseIndexer(settings.redisUrl(), opened.index()),
                  new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)))
              .compose(indexerId -> {
                // one cache of rendered profiles for all HTTP verticles, told of this process's
                // writes directly and of everyone's through the change stream
                ViewCache views = new ViewCache();
                Runnable unlisten = FirmWrites.listen(views);
                return vertx.deployVerticle(new ViewInvalidator(settings.redisUrl(), views))
                    .map(invalidatorId -> new Deployed(indexerId, invalidatorId, views, unlisten))
                    .onFailure(err -> unlisten.run());
              })
              .compose(d -> vertx.deployVerticle(
                      () -> new HttpVerticle(settings, opened.secret(), metrics, opened.index(), d.views()),
                      new DeploymentOptions().setInstances(Math.max(1, settings.httpInstances())))
                  .map(httpId -> new Backend(vertx, settings, opened.index(), d, httpId)))
              .onFailure(err -> opened.index().close());
        });
  }

  public Settings settings() {
    return settings;
  }

  /** This node's Lucene index of enterprise profiles (derived from Redis). */
  public EnterpriseIndex enterpriseIndex() {
    return enterpriseIndex;
  }

  /**
   * Stops HTTP first, then the profile cache's change feed, then the indexer (which commits), then
   * closes the index.
   */
  public Future<Void> stop() {
    return vertx.undeploy(httpId)
        .compose(v -> vertx.undeploy(deployed.invalidatorId()))
        .onComplete(v -> deployed.unlisten().run())
        .compose(v -> vertx.undeploy(deployed.indexerId()))
        .eventually(() -> vertx.executeBlocking(() -> {
          enterpriseIndex.close();
          return null;
        }))
        .mapEmpty();
  }
}
