package cn.enterprisegrid.problem.bench;

import cn.enterprisegrid.Backend;
import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.auth.Scope;
import cn.enterprisegrid.auth.Tokens;
import cn.enterprisegrid.config.ChinaTime;
import cn.enterprisegrid.config.Settings;
import cn.enterprisegrid.demo.DemoEnterprises;
import cn.enterprisegrid.enterprise.EnterpriseStore;
import cn.enterprisegrid.enterprise.EnterpriseValidator;
import cn.enterprisegrid.mp.testsupport.TestRedis;
import cn.enterprisegrid.policyindex.profile.Enterprise;
import cn.enterprisegrid.problem.ProblemKeys;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Intake throughput of the problem loop over HTTP (not a unit test; run by {@code
 * backend/bench-intake.sh}): starts the backend in-process on an embedded Redis, registers F firms
 * of 开化县 (default 3,000), then files N problems (default 20,000) through {@code POST
 * /mp/v1/problems}, each by one of the firms, with C requests in flight (default 64), after a
 * warm-up of 2,000. Prints throughput and latency percentiles, and checks that every acknowledged
 * case is stored once (ids, the firms' lists) and reaches the console's listing index.
 *
 * <p>Arguments: {@code [problems] [concurrency] [firms]}.
 */
public final class IntakeBenchmark {
  private static final int WARM_UP = 2_000;

  public static void main(String[] args) throws Exception {
    int problems = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    int firms = args.length > 2 ? Integer.parseInt(args[2]) : 3_000;

    TestRedis redis = TestRedis.start();
    Vertx vertx = Vertx.vertx();
    Path data = Files.createTempDirectory("bench-intake");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    // the notification sender is off: it would compete for the two cores; the scripts still enqueue
    Settings settings = Settings.from(new JsonObject().put("HTTP_PORT", port).put("DATA_DIR", data.toString())
        .put("ADMIN_PASSWORD", "bench-pass-2026").put("NOTIFY_ENABLED", "false")).withRedisUrl(redis.url());
    Backend backend = Backend.start(vertx, settings, null, false).await();
    WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(concurrency));
    RedisAPI api = RedisAPI.api(Redis.createClient(vertx, redis.url()));
    try {
      List<String> usccs = register(vertx, redis.url(), firms);
      Tokens tokens = new Tokens(vertx, Tokens.loadOrCreateSecret(data, null), Duration.ofHours(2));
      List<String> bearer = new ArrayList<>(firms);
      for (String u : usccs) {
        bearer.add(tokens.issue(new Principal("wx:b-" + u, Role.ENTERPRISE, new Scope(null, null, null, u), "b-" + u)));
      }
      run(http, bearer, WARM_UP, concurrency, new long[WARM_UP]);

      long[] latencies = new long[problems];
      long t0 = System.nanoTime();
      Outcome o = run(http, bearer, problems, concurrency, latencies);
      double seconds = (System.nanoTime() - t0) / 1e9;
      Arrays.sort(latencies);

      long stored = Long.parseLong(api.get(ProblemKeys.SEQUENCE).await().toString());
      long listed = 0;
      for (String u : usccs) {
        listed += api.zcard(ProblemKeys.ofFirm(u)).await().toLong();
      }
      long i0 = System.nanoTime();
      while (backend.problemIndex().size() < stored && System.nanoTime() - i0 < 120e9) {
        Thread.sleep(50);
      }
      double indexLagS = (System.nanoTime() - i0) / 1e9;
      long total = WARM_UP + problems;
      boolean correct = o.other == 0 && o.created == problems && stored == total && listed == total
          && backend.problemIndex().size() == total;

      System.out.println();
      System.out.println("| measurement | value |");
      System.out.println("|---|---|");
      System.out.printf("| problems filed over HTTP (POST /mp/v1/problems), %d in flight, %,d firms | %,d in %.2f s = "
          + "%,.0f /s |%n", concurrency, firms, problems, seconds, problems / seconds);
      System.out.printf("| latency p50 / p90 / p99 / max | %.1f / %.1f / %.1f / %.1f ms |%n", ms(latencies, 0.50),
          ms(latencies, 0.90), ms(latencies, 0.99), latencies[latencies.length - 1] / 1e6);
      System.out.printf("| answers 201 / other | %,d / %,d |%n", o.created, o.other);
      System.out.printf("| cases stored (ids drawn) / in the firms' lists / in the listing index | %,d / %,d / %,d "
          + "(index caught up %.2f s after the last answer) |%n", stored, listed, backend.problemIndex().size(),
          indexLagS);
      System.out.printf("| every acknowledged case stored once and indexed | %s |%n", correct ? "yes" : "NO");
    } finally {
      backend.stop().await();
      vertx.close().await();
      redis.close();
    }
  }

  private record Outcome(int created, int other) {}

  private static Outcome run(WebClient http, List<String> bearer, int n, int concurrency, long[] latencies) {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger created = new AtomicInteger();
    AtomicInteger other = new AtomicInteger();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int c = 0; c < concurrency; c++) {
      lanes.add(lane(http, bearer, n, next, created, other, latencies));
    }
    Future.all(lanes).await();
    return new Outcome(created.get(), other.get());
  }

  private static Future<Void> lane(WebClient http, List<String> bearer, int n, AtomicInteger next,
      AtomicInteger created, AtomicInteger other, long[] latencies) {
    int i = next.getAndIncrement();
    if (i >= n) {
      return Future.succeededFuture();
    }
    JsonObject body = new JsonObject().put("category", i % 3 == 0 ? "FINANCING" : "LABOUR")
        .put("title", "压测诉求" + i).put("description", "企业扩产需要招聘一线技术工人，近两个月招聘效果不佳，编号 " + i)
        .put("anonymous", i % 5 == 0);
    long t = System.nanoTime();
    return http.post("/mp/v1/problems").putHeader("Authorization", "Bearer " + bearer.get(i % bearer.size()))
        .sendJsonObject(body)
        .compose(r -> {
          latencies[i] = System.nanoTime() - t;
          if (r.statusCode() == 201) {
            created.incrementAndGet();
          } else if (other.incrementAndGet() <= 3) {
            System.err.println("unexpected answer " + r.statusCode() + ": " + r.bodyAsString());
          }
          return lane(http, bearer, n, next, created, other, latencies);
        });
  }

  private static double ms(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  private static List<String> register(Vertx vertx, String redisUrl, int n) {
    Store store = Store.connect(vertx, redisUrl);
    EnterpriseStore enterprises = new EnterpriseStore(store);
    DemoEnterprises gen = new DemoEnterprises(11);
    List<String> regions = gen.regions("330824");
    EnterpriseValidator validator = EnterpriseValidator.standard();
    LocalDate today = ChinaTime.today();
    List<String> ids = new ArrayList<>(n);
    Set<String> seen = new HashSet<>();
    List<Enterprise> batch = new ArrayList<>();
    while (ids.size() < n) {
      Enterprise e = validator.record(gen.inCounty("330824", regions), today).enterprise();
      if (!seen.add(e.uscc())) {
        continue;
      }
      ids.add(e.uscc());
      batch.add(e);
      if (batch.size() == 500 || ids.size() == n) {
        enterprises.registryBatch(batch, "bench", null).await();
        batch = new ArrayList<>();
      }
    }
    store.close();
    return ids;
  }
}
