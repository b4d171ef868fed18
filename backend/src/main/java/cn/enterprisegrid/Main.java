package cn.enterprisegrid;

import cn.enterprisegrid.config.Settings;
import cn.enterprisegrid.config.SettingsLoader;
import cn.enterprisegrid.http.LatencyHistogram;
import cn.enterprisegrid.store.DataDirLock;
import cn.enterprisegrid.store.EmbeddedRedis;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import cn.enterprisegrid.metrics.SocketSafeMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the backend as a process: settings from the environment (and an optional config file),
 * the embedded redis-server unless {@code REDIS_URL} is set, the HTTP verticles, and a shutdown hook
 * that stops them in reverse order on SIGTERM. {@code --demo} loads the demo data once.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  /** Held (strongly referenced) until the process exits; the OS releases it even on kill -9. */
  private static DataDirLock dataDirLock;

  private Main() {}

  public static void main(String[] args) {
    long t0 = System.nanoTime();
    boolean demo = List.of(args).contains("--demo");
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    LatencyHistogram.install(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(new SocketSafeMetricsFactory(new MicrometerMetricsFactory(registry)))
        .build();
    EmbeddedRedis redis = null;
    try {
      Settings settings = SettingsLoader.load(vertx).toCompletionStage().toCompletableFuture().get();
      dataDirLock = DataDirLock.acquire(settings.dataDir());
      if (settings.embeddedRedis()) {
        redis = EmbeddedRedis.start(settings.redisDir(), settings.redisAppendFsync());
        settings = settings.withRedisUrl(redis.url());
      }
      EmbeddedRedis started = redis;
      Backend backend = Backend.start(vertx, settings, registry, demo).toCompletionStage()
          .toCompletableFuture().get(5, TimeUnit.MINUTES);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          backend.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          LOG.warn("backend did not stop cleanly", e);
        }
        stop(vertx, started);
      }, "shutdown"));
      LOG.info("backend ready on port {} in {} ms (data in {})", settings.httpPort(),
          (System.nanoTime() - t0) / 1_000_000, settings.dataDir());
    } catch (Exception e) {
      LOG.error("start-up failed", e);
      stop(vertx, redis);
      System.exit(1);
    }
  }

  private static void stop(Vertx vertx, EmbeddedRedis redis) {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("Vert.x did not close cleanly", e);
    }
    if (redis != null) {
      redis.close();
    }
    LOG.info("stopped");
  }
}
