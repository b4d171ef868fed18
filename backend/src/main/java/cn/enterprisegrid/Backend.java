package cn.enterprisegrid;

import cn.enterprisegrid.auth.Tokens;
import cn.enterprisegrid.config.Settings;
import cn.enterprisegrid.demo.Bootstrap;
import cn.enterprisegrid.http.HttpVerticle;
import cn.enterprisegrid.store.Store;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.nio.file.Files;

/**
 * The running application on a given Redis: HTTP verticles plus the one-time bootstrap (admin
 * account, demo data). {@link Main} adds the process concerns (settings, embedded Redis, signals);
 * tests start this directly against the test run's Redis.
 */
public final class Backend {
  private final Vertx vertx;
  private final Settings settings;
  private final String deploymentId;

  private Backend(Vertx vertx, Settings settings, String deploymentId) {
    this.vertx = vertx;
    this.settings = settings;
    this.deploymentId = deploymentId;
  }

  /**
   * Deploys the backend. {@code settings.redisUrl()} must be set (Main starts the embedded Redis
   * first); {@code metrics} may be null when the Vertx instance has no Micrometer metrics.
   */
  public static Future<Backend> start(Vertx vertx, Settings settings, PrometheusMeterRegistry metrics,
      boolean demo) {
    return vertx.executeBlocking(() -> {
          Files.createDirectories(settings.indexDir());
          return Tokens.loadOrCreateSecret(settings.dataDir(), settings.jwtSecret());
        })
        .compose(secret -> {
          Store store = Store.connect(vertx, settings.redisUrl());
          return new Bootstrap(vertx, store, settings).run(demo)
              .eventually(store::close)
              .map(secret);
        })
        .compose(secret -> vertx.deployVerticle(() -> new HttpVerticle(settings, secret, metrics),
            new DeploymentOptions().setInstances(Math.max(1, settings.httpInstances()))))
        .map(id -> new Backend(vertx, settings, id));
  }

  public Settings settings() {
    return settings;
  }

  public Future<Void> stop() {
    return vertx.undeploy(deploymentId);
  }
}
