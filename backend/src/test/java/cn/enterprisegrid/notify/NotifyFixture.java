package cn.enterprisegrid.notify;

import cn.enterprisegrid.Backend;
import cn.enterprisegrid.config.Settings;
import cn.enterprisegrid.enterprise.Uscc;
import cn.enterprisegrid.mp.fcm.fake.FakeFcmServer;
import cn.enterprisegrid.mp.sms.fake.FakeTencentSmsServer;
import cn.enterprisegrid.mp.wechat.fake.FakeWeChatServer;
import cn.enterprisegrid.testing.SharedRedis;
import cn.enterprisegrid.testing.TestBackend;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Backend nodes for notification tests on the run's shared Redis (flushed once per fixture), each on its own
 * Vert.x (so a test can kill one), all against one fake WeChat server and one fake FCM server; plus helpers that
 * write what the policy code will write (firms, match sets, change events) straight into Redis.
 */
final class NotifyFixture implements AutoCloseable {
  static final String POLICY_TPL = "TPL_POLICY_MATCH";
  static final String APP_TPL = "TPL_APPLICATION_STATUS";
  static final String COUNTY = "330824";

  final Vertx vertx = Vertx.vertx();
  final FakeWeChatServer wechat = new FakeWeChatServer();
  final FakeFcmServer fcm = new FakeFcmServer();
  final FakeTencentSmsServer sms = new FakeTencentSmsServer();
  /** SMS templates of the fake (approved ids 1001..1003): warnings, escalations, the rest. */
  static final String SMS_WARNING = "1001";
  static final String SMS_BREACH = "1002";
  static final String SMS_OTHER = "1003";
  final RedisAPI redis;
  final List<Node> nodes = new ArrayList<>();
  final List<Process> processes = new ArrayList<>();
  private final Redis client;
  private final Random random = new Random(7);
  private final String wechatBase;
  private final String fcmBase;
  private final String smsBase;

  /** One backend node: its own Vert.x, data directory and port. */
  final class Node {
    final Vertx vertx = Vertx.vertx();
    final Settings settings;
    final WebClient http;
    Backend backend;

    Node(Settings settings) {
      this.settings = settings;
      this.backend = Backend.start(vertx, settings, null, false).await();
      this.http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(settings.httpPort()));
    }

    /**
     * Closes the node's Vert.x without stopping the backend first. Not a crash: Vert.x undeploys
     * the verticles and in-flight pushes finish; a crash is a real process killed ({@link #startProcess}).
     */
    void shutDown() {
      vertx.close().await();
      nodes.remove(this);
    }

    void stop() {
      backend.stop().await();
      vertx.close().await();
      nodes.remove(this);
    }

    HttpResponse<Buffer> send(HttpMethod method, String path, String token, JsonObject body) {
      var req = http.request(method, path);
      if (token != null) {
        req.putHeader("Authorization", "Bearer " + token);
      }
      return body == null ? req.send().await() : req.sendJsonObject(body).await();
    }

    String login(String username, String password) {
      HttpResponse<Buffer> r = send(HttpMethod.POST, "/api/v1/auth/login", null,
          new JsonObject().put("username", username).put("password", password));
      if (r.statusCode() != 200) {
        throw new AssertionError(r.bodyAsString());
      }
      return r.bodyAsJsonObject().getString("token");
    }

    String admin() {
      return login("admin", TestBackend.ADMIN_PASSWORD);
    }

    /** A LIAISON account for {@code liaisonId} (created on first use), logged in. */
    String liaisonToken(String liaisonId) {
      String username = "liaison-" + liaisonId.toLowerCase();
      HttpResponse<Buffer> r = send(HttpMethod.POST, "/api/v1/accounts", admin(), new JsonObject()
          .put("username", username).put("password", "secret-pass-1").put("role", "LIAISON")
          .put("scope", new JsonObject().put("region", COUNTY).put("liaisonId", liaisonId)));
      if (r.statusCode() != 201 && r.statusCode() != 409) {
        throw new AssertionError(r.bodyAsString());
      }
      return login(username, "secret-pass-1");
    }

    /** Binds {@code openid} to the firm through an invitation, as the mini-program does; returns its token. */
    String bind(String uscc, String openid) {
      HttpResponse<Buffer> inv = send(HttpMethod.POST, "/api/v1/enterprises/" + uscc + "/invitations", admin(),
          null);
      if (inv.statusCode() != 201) {
        throw new AssertionError(inv.bodyAsString());
      }
      HttpResponse<Buffer> bound = send(HttpMethod.POST, "/mp/v1/bind", wxLogin(openid),
          new JsonObject().put("invitation", inv.bodyAsJsonObject().getString("invitation")));
      if (bound.statusCode() != 200) {
        throw new AssertionError(bound.bodyAsString());
      }
      return bound.bodyAsJsonObject().getString("token");
    }

    /** A mini-program login of {@code openid}: a WeChat user token (not bound). */
    String wxLogin(String openid) {
      HttpResponse<Buffer> r = send(HttpMethod.POST, "/mp/v1/auth/login", null,
          new JsonObject().put("code", wechat.issueCode(openid)));
      if (r.statusCode() != 200) {
        throw new AssertionError(r.bodyAsString());
      }
      return r.bodyAsJsonObject().getString("token");
    }
  }

  NotifyFixture() {
    String url = SharedRedis.url();
    client = Redis.createClient(vertx, url);
    redis = RedisAPI.api(client);
    redis.flushall(List.of()).await();
    wechatBase = wechat.start(vertx).await();
    fcmBase = fcm.start(vertx).await();
    smsBase = sms.start(vertx).await();
  }

  /** The settings tests run with: no digest delay, no quiet hours, fast retries and take-over. */
  static JsonObject defaults() {
    return new JsonObject()
        .put("NOTIFY_DIGEST_SECONDS", 0)
        .put("NOTIFY_QUIET_HOURS", "none")
        .put("NOTIFY_RETRY_BASE_MS", 50)
        .put("NOTIFY_CLAIM_IDLE_MS", 1500)
        .put("NOTIFY_WEEKLY_CAP", 100)
        .put("NOTIFY_SENDERS", 16);
  }

  Node start(JsonObject overrides) {
    try {
      Path dataDir = Files.createTempDirectory("notify-test");
      return start(dataDir, overrides);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Node start(Path dataDir, JsonObject overrides) {
    Node n = new Node(Settings.from(config(dataDir, overrides)).withRedisUrl(SharedRedis.url()));
    nodes.add(n);
    return n;
  }

  /**
   * A backend as a real process ({@code cn.enterprisegrid.Main}) on this fixture's Redis and fake
   * servers, configured through its environment, so that a test can {@code kill -9} it.
   */
  Process startProcess(Path dataDir, JsonObject overrides) {
    try {
      String java = ProcessHandle.current().info().command().orElse("java");
      ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
          "cn.enterprisegrid.Main")
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("backend.out").toFile()));
      config(dataDir, overrides).forEach(e -> pb.environment().put(e.getKey(), String.valueOf(e.getValue())));
      pb.environment().put("REDIS_URL", SharedRedis.url());
      Process p = pb.start();
      processes.add(p);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonObject config(Path dataDir, JsonObject overrides) {
    try {
      return new JsonObject()
          .put("HTTP_PORT", TestBackend.freePort())
          .put("DATA_DIR", dataDir.toString())
          .put("ADMIN_PASSWORD", TestBackend.ADMIN_PASSWORD)
          .put("HTTP_INSTANCES", 1)
          .put("WECHAT_API_BASE", wechatBase)
          .put("WECHAT_APPID", FakeWeChatServer.APP_ID)
          .put("WECHAT_SECRET", FakeWeChatServer.SECRET)
          .put("NOTIFY_FCM_API_BASE", fcmBase)
          .put("NOTIFY_FCM_PROJECT", FakeFcmServer.PROJECT)
          .put("NOTIFY_FCM_TOKEN", "fcm-test-token")
          .put("NOTIFY_SMS_API_BASE", smsBase)
          .put("NOTIFY_SMS_SECRET_ID", FakeTencentSmsServer.SECRET_ID)
          .put("NOTIFY_SMS_SECRET_KEY", FakeTencentSmsServer.SECRET_KEY)
          .put("NOTIFY_SMS_SDK_APP_ID", FakeTencentSmsServer.SDK_APP_ID)
          .put("NOTIFY_SMS_SIGN_NAME", FakeTencentSmsServer.SIGN_NAME)
          .put("NOTIFY_SMS_TEMPLATES", new JsonObject()
              .put("policy", new JsonObject().put("id", SMS_OTHER).put("params", new io.vertx.core.json.JsonArray()
                  .add("title").add("hint")))
              .put("application", new JsonObject().put("id", SMS_OTHER).put("params",
                  new io.vertx.core.json.JsonArray().add("title").add("status")))
              .put("problem.warning", new JsonObject().put("id", SMS_WARNING).put("params",
                  new io.vertx.core.json.JsonArray().add("problemId").add("dispatchNo").add("deadline").add("due")))
              .put("problem.breach", new JsonObject().put("id", SMS_BREACH).put("params",
                  new io.vertx.core.json.JsonArray().add("problemId").add("dispatchNo").add("deadline").add("due")))
              .encode())
          .mergeIn(defaults()).mergeIn(overrides);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ------------------------------------------------------------------ what other packages write

  String uscc() {
    return Uscc.generate(COUNTY, random);
  }

  /** A firm with a liaison (nullable) and bound WeChat users, as the enterprise and binding scripts leave it. */
  void firm(String uscc, String liaisonId, String... openids) {
    List<String> h = new ArrayList<>(List.of("ent:{e:" + uscc + "}", "v", "1", "region", COUNTY + "115"));
    if (liaisonId != null) {
      h.addAll(List.of("liaisonId", liaisonId));
    }
    redis.hset(h).await();
    if (openids.length > 0) {
      List<String> s = new ArrayList<>(List.of("ent:{e:" + uscc + "}:wx"));
      s.addAll(List.of(openids));
      redis.sadd(s).await();
      for (String o : openids) {
        wechat.addUser(o, null);
      }
    }
  }

  void liaison(String id, String phone) {
    redis.hset(List.of("grid:l:" + id, "id", id, "name", "联络员" + id, "phone", phone)).await();
  }

  /** Stores the match sets of a published version and appends {@code policy.matched}. */
  void publish(String policyId, int version, String title, String department, List<String> eligible,
      List<String> unknown) {
    redis.hset(List.of("policy:{p:" + policyId + "}", "id", policyId, "version", String.valueOf(version),
        "title", title, "department", department, "mode", "ONE_CLICK", "status", "PUBLISHED")).await();
    redis.del(List.of("policy:{p:" + policyId + "}:eligible", "policy:{p:" + policyId + "}:unknown")).await();
    for (int i = 0; i < eligible.size(); i += 1000) {
      List<String> a = new ArrayList<>(List.of("policy:{p:" + policyId + "}:eligible"));
      a.addAll(eligible.subList(i, Math.min(eligible.size(), i + 1000)));
      redis.sadd(a).await();
    }
    if (!unknown.isEmpty()) {
      List<String> a = new ArrayList<>(List.of("policy:{p:" + policyId + "}:unknown"));
      a.addAll(unknown);
      redis.sadd(a).await();
    }
    change("policy.matched", policyId, new JsonObject().put("version", version).put("title", title)
        .put("department", department).put("mode", "ONE_CLICK").put("closesOn", "2027-06-30")
        .put("eligible", eligible.size()).put("unknown", unknown.size()));
  }

  void change(String kind, String id, JsonObject payload) {
    redis.xadd(List.of("changes", "*", "kind", kind, "id", id, "payload", payload.encode())).await();
  }

  void application(String appId, String policyId, int version, String uscc, String status, String mode,
      String amount) {
    change("application", appId, new JsonObject().put("policyId", policyId).put("version", version)
        .put("uscc", uscc).put("department", "经信局").put("mode", mode).put("status", status)
        .put("amount", amount).put("reason", status.equals("REJECTED") ? "材料不全" : null));
  }

  void registerTemplates() {
    wechat.registerTemplate(POLICY_TPL, "thing1", "thing2", "thing3", "thing4");
    wechat.registerTemplate(APP_TPL, "thing1", "phrase2", "thing3", "thing4");
  }

  // ------------------------------------------------------------------ observing

  long stat(String name) {
    Response r = redis.hget(NotifyKeys.STATS, name).await();
    return r == null ? 0 : r.toLong();
  }

  long len(String stream) {
    return redis.xlen(stream).await().toLong();
  }

  /** Nothing left to do: no notices or pushes pending, due or waiting for a retry. */
  boolean idle() {
    Response p = redis.xpending(List.of(NotifyKeys.OUTBOX, NotifyKeys.GROUP)).await();
    Response info = redis.xinfo(List.of("GROUPS", NotifyKeys.OUTBOX)).await();
    long lag = 0;
    for (Response g : info) {
      Map<String, String> m = new java.util.HashMap<>();
      if (g.isMap()) {
        for (String k : g.getKeys()) {
          m.put(k, g.get(k) == null ? null : g.get(k).toString());
        }
      } else {
        for (int i = 0; i + 1 < g.size(); i += 2) {
          m.put(g.get(i).toString(), g.get(i + 1) == null ? null : g.get(i + 1).toString());
        }
      }
      String last = m.get("last-delivered-id");
      Response tail = redis.xrevrange(List.of(NotifyKeys.OUTBOX, "+", "-", "COUNT", "1")).await();
      if (tail.size() > 0 && !tail.get(0).get(0).toString().equals(last)) {
        lag = 1;
      }
    }
    return p.get(0).toLong() == 0 && lag == 0 && redis.zcard(NotifyKeys.DUE).await().toLong() == 0
        && redis.zcard(NotifyKeys.RETRY).await().toLong() == 0;
  }

  @Override
  public void close() {
    processes.forEach(Process::destroyForcibly);
    for (Node n : new ArrayList<>(nodes)) {
      n.stop();
    }
    wechat.stop().await();
    fcm.stop().await();
    sms.close().await();
    client.close();
    vertx.close().await();
  }
}
