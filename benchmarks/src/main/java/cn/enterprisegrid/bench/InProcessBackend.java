package cn.enterprisegrid.bench;

import cn.enterprisegrid.Backend;
import cn.enterprisegrid.config.ChinaTime;
import cn.enterprisegrid.config.Settings;
import cn.enterprisegrid.demo.DemoEnterprises;
import cn.enterprisegrid.enterprise.EnterpriseStore;
import cn.enterprisegrid.enterprise.EnterpriseValidator;
import cn.enterprisegrid.mp.testsupport.TestRedis;
import cn.enterprisegrid.policyindex.profile.Enterprise;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The backend a benchmark drives over HTTP: an embedded Redis, the backend in this process (the
 * notification sender off unless asked: it would compete for the two cores), a keep-alive client
 * with {@code connections} in its pool, and a Redis client to check totals with.
 */
public final class InProcessBackend implements AutoCloseable {
  public static final String ADMIN_PASSWORD = "bench-pass-2026";

  public final TestRedis redis;
  public final Vertx vertx;
  public final Path data;
  public final Backend backend;
  public final WebClient http;
  public final RedisAPI api;
  /** The HTTP port it listens on (for a load generator in another process). */
  public final int port;

  private InProcessBackend(TestRedis redis, Vertx vertx, Path data, Backend backend, WebClient http, RedisAPI api,
      int port) {
    this.redis = redis;
    this.vertx = vertx;
    this.data = data;
    this.backend = backend;
    this.http = http;
    this.api = api;
    this.port = port;
  }

  /** Starts it; {@code more} adds settings (e.g. {@code NOTIFY_ENABLED}). */
  public static InProcessBackend start(String name, int connections, JsonObject more) throws IOException {
    return start(name, connections, more, false);
  }

  /** Starts it, with the demo data ({@code --demo}: accounts, 3,000 firms, grid, policies, problems) when asked. */
  public static InProcessBackend start(String name, int connections, JsonObject more, boolean demo)
      throws IOException {
    TestRedis redis = TestRedis.start();
    Vertx vertx = Vertx.vertx();
    Path data = Files.createTempDirectory(name);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    JsonObject config = new JsonObject().put("HTTP_PORT", port).put("DATA_DIR", data.toString())
        .put("ADMIN_PASSWORD", ADMIN_PASSWORD).put("NOTIFY_ENABLED", "false").mergeIn(more);
    Backend backend = Backend.start(vertx, Settings.from(config).withRedisUrl(redis.url()), null, demo).await();
    WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(connections));
    return new InProcessBackend(redis, vertx, data, backend, http,
        RedisAPI.api(Redis.createClient(vertx, redis.url())), port);
  }

  /** Registers {@code n} distinct firms of 开化县 (generated from {@code seed}) through the store; answers their codes. */
  public List<String> registerFirms(int n, long seed) {
    Store store = Store.connect(vertx, redis.url());
    EnterpriseStore enterprises = new EnterpriseStore(store);
    DemoEnterprises gen = new DemoEnterprises(seed);
    List<String> regions = gen.regions("330824");
    EnterpriseValidator validator = EnterpriseValidator.standard();
    LocalDate today = ChinaTime.today();
    List<String> ids = new ArrayList<>(n);
    List<Future<?>> inFlight = new ArrayList<>();
    List<Enterprise> batch = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    while (ids.size() < n) {
      Enterprise e = validator.record(gen.inCounty("330824", regions), today).enterprise();
      if (!seen.add(e.uscc())) {
        continue; // random codes collide now and then at 100 k; a firm is registered once
      }
      ids.add(e.uscc());
      batch.add(e);
      if (batch.size() == 500 || ids.size() == n) {
        inFlight.add(enterprises.registryBatch(batch, "bench", null));
        batch = new ArrayList<>();
        if (inFlight.size() == 2) {
          Future.all(inFlight).await();
          inFlight.clear();
        }
      }
    }
    Future.all(inFlight).await();
    store.close();
    return ids;
  }

  @Override
  public void close() {
    backend.stop().await();
    vertx.close().await();
    redis.close();
  }
}
