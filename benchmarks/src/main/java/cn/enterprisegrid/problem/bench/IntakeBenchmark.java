package cn.enterprisegrid.problem.bench;

import cn.enterprisegrid.Backend;
import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.auth.Scope;
import cn.enterprisegrid.auth.Tokens;
import cn.enterprisegrid.bench.InProcessBackend;
import cn.enterprisegrid.problem.ProblemKeys;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.RedisAPI;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    try (InProcessBackend app = InProcessBackend.start("bench-intake", concurrency, new JsonObject())) {
      Backend backend = app.backend;
      WebClient http = app.http;
      RedisAPI api = app.api;
      List<String> usccs = app.registerFirms(firms, 11);
      Tokens tokens = new Tokens(app.vertx, Tokens.loadOrCreateSecret(app.data, null), Duration.ofHours(2));
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
}
