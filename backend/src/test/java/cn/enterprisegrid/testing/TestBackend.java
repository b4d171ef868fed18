package cn.enterprisegrid.testing;

import cn.enterprisegrid.Backend;
import cn.enterprisegrid.config.Settings;
import cn.enterprisegrid.mp.wechat.fake.FakeWeChatServer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The backend as tests see it: started in-process on a free port against the run's shared Redis
 * (flushed first), a fresh data directory and a fake WeChat server; with a small blocking HTTP
 * helper so that tests read top to bottom.
 */
public final class TestBackend implements AutoCloseable {
  public static final String ADMIN_PASSWORD = "admin-pass-2026";

  public final Vertx vertx;
  public final FakeWeChatServer wechat;
  public final WebClient http;
  public final int port;
  public final Path dataDir;
  private Backend backend;

  private TestBackend(Vertx vertx, FakeWeChatServer wechat, Backend backend, int port, Path dataDir) {
    this.vertx = vertx;
    this.wechat = wechat;
    this.backend = backend;
    this.port = port;
    this.dataDir = dataDir;
    this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  public static TestBackend start() {
    return start(false);
  }

  public static TestBackend start(boolean demo) {
    return start(demo, SharedRedis.url());
  }

  /** Against the Redis at {@code redisUrl} (flushed first), e.g. a proxy a test can cut. */
  public static TestBackend start(boolean demo, String redisUrl) {
    return start(demo, redisUrl, new JsonObject());
  }

  /** Against the Redis at {@code redisUrl} (flushed first), with {@code more} settings. */
  public static TestBackend start(boolean demo, String redisUrl, JsonObject more) {
    try {
      Vertx vertx = Vertx.vertx();
      flush(vertx, redisUrl);
      FakeWeChatServer wechat = new FakeWeChatServer();
      String wechatBase = wechat.start(vertx).await();
      Path dataDir = Files.createTempDirectory("backend-test");
      int port = freePort();
      Settings settings = Settings.from(new JsonObject()
              .put("HTTP_PORT", port)
              .put("DATA_DIR", dataDir.toString())
              .put("ADMIN_PASSWORD", ADMIN_PASSWORD)
              .put("HTTP_INSTANCES", 2)
              .put("WECHAT_API_BASE", wechatBase)
              .put("WECHAT_APPID", FakeWeChatServer.APP_ID)
              .put("WECHAT_SECRET", FakeWeChatServer.SECRET)
              // cases are stepped at fixed instants of 2026: a clock on real time would close a
              // resolved one between two steps of a test; the clock tests deploy their own
              .put("PROBLEM_CLOCK_ENABLED", false)
              .mergeIn(more))
          .withRedisUrl(redisUrl);
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      new JvmMemoryMetrics().bindTo(metrics);
      Backend backend = Backend.start(vertx, settings, metrics, demo).await();
      return new TestBackend(vertx, wechat, backend, port, dataDir);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The running backend (its settings, its enterprise index). */
  public Backend backend() {
    return backend;
  }

  /**
   * Stops the backend and starts it again on the same data directory and Redis (nothing flushed),
   * as a process restart would; {@code beforeStart} runs in between (e.g. to delete an index).
   */
  public void restart(Runnable beforeStart) {
    var settings = backend.settings();
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    backend.stop().await();
    beforeStart.run();
    backend = Backend.start(vertx, settings, metrics, false).await();
  }

  /** A direct Redis API on the run's Redis, for assertions on what was stored. */
  public RedisAPI redis() {
    return RedisAPI.api(Redis.createClient(vertx, SharedRedis.url()));
  }

  private static void flush(Vertx vertx, String url) {
    Redis client = Redis.createClient(vertx, url);
    RedisAPI.api(client).flushall(List.of()).await();
    client.close();
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Logs in on the console API and returns the bearer token. */
  public String login(String username, String password) {
    HttpResponse<Buffer> r = send(HttpMethod.POST, "/api/v1/auth/login", null,
        new JsonObject().put("username", username).put("password", password));
    if (r.statusCode() != 200) {
      throw new AssertionError("login of " + username + " failed: " + r.bodyAsString());
    }
    return r.bodyAsJsonObject().getString("token");
  }

  public String adminToken() {
    return login("admin", ADMIN_PASSWORD);
  }

  public HttpResponse<Buffer> get(String path, String token) {
    return send(HttpMethod.GET, path, token, null);
  }

  public HttpResponse<Buffer> post(String path, String token, JsonObject body) {
    return send(HttpMethod.POST, path, token, body);
  }

  public HttpResponse<Buffer> send(HttpMethod method, String path, String token, JsonObject body) {
    var req = http.request(method, path);
    if (token != null) {
      req.putHeader("Authorization", "Bearer " + token);
    }
    return body == null ? req.send().await() : req.sendJsonObject(body).await();
  }

  public HttpResponse<Buffer> sendRaw(HttpMethod method, String path, String contentType, Buffer body) {
    return http.request(method, path).putHeader("Content-Type", contentType).sendBuffer(body).await();
  }

  /** Creates an account as admin; returns the response. */
  public HttpResponse<Buffer> createAccount(String adminToken, String username, String role, JsonObject scope) {
    return post("/api/v1/accounts", adminToken, new JsonObject().put("username", username)
        .put("password", "secret-pass-1").put("role", role).put("scope", scope));
  }

  @Override
  public void close() {
    backend.stop().await();
    wechat.stop().await();
    http.close();
    vertx.close().await();
  }
}
