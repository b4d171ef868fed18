package cn.enterprisegrid.policy.bench;

import cn.enterprisegrid.Backend;
import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.auth.Scope;
import cn.enterprisegrid.auth.Tokens;
import cn.enterprisegrid.bench.InProcessBackend;
import cn.enterprisegrid.config.ChinaTime;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.RedisAPI;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark of policies and redemption (not a unit test; run by {@code backend/bench-policy.sh}):
 * starts the backend in-process on an embedded Redis, registers F firms (default 100,000) of
 * 开化县, then (1) publishes a policy that all of them match and times publication → match set
 * stored ({@code policy.matched}), and (2) sends A one-tap applications (default 20,000, each by
 * another firm) over HTTP with C in flight (default 64) against a pool that fits 80 % of them, and
 * checks the totals: grants, refusals, pool, ledger. Prints a table.
 *
 * <p>Arguments: {@code [firms] [applications] [concurrency]}.
 */
public final class PolicyBenchmark {
  private static final String DEPT = "开化县经济和信息化局";

  public static void main(String[] args) throws Exception {
    int firms = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int applications = Math.min(firms, args.length > 1 ? Integer.parseInt(args[1]) : 20_000);
    int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 64;

    // the notification sender is off: its fan-out to 100 k firms is measured by bench-notify.sh and
    // would compete for the two cores here; the apply script still enqueues each grant's notice
    try (InProcessBackend app = InProcessBackend.start("bench-policy", concurrency, new JsonObject())) {
      Backend backend = app.backend;
      WebClient http = app.http;
      RedisAPI api = app.api;
      Vertx vertx = app.vertx;
      Path data = app.data;
      String admin = login(http, "admin", InProcessBackend.ADMIN_PASSWORD);
      for (String u : List.of("bench.author", "bench.reviewer")) {
        http.post("/api/v1/accounts").putHeader("Authorization", "Bearer " + admin).sendJsonObject(new JsonObject()
            .put("username", u).put("password", "bench-pass-2026").put("role", "POLICY_AUTHOR")
            .put("scope", new JsonObject().put("department", DEPT))).await();
      }
      String author = login(http, "bench.author", "bench-pass-2026");
      String reviewer = login(http, "bench.reviewer", "bench-pass-2026");

      long r0 = System.nanoTime();
      List<String> usccs = app.registerFirms(firms, 7);
      double registerS = (System.nanoTime() - r0) / 1e9;
      while (backend.enterpriseIndex().size() < firms) {
        if (System.nanoTime() - r0 > 600e9) {
          throw new IllegalStateException("the enterprise index holds " + backend.enterpriseIndex().size()
              + " of " + firms + " firms after 10 minutes");
        }
        Thread.sleep(100);
      }
      double indexedS = (System.nanoTime() - r0) / 1e9;

      // (1) publication → match set of every firm
      long m0 = System.nanoTime();
      String matchPolicy = publish(http, author, reviewer, policy("全县企业普惠补贴", "REVIEW", 1, 1_000_000));
      awaitMatched(http, author, matchPolicy);
      double matchS = (System.nanoTime() - m0) / 1e9;
      long matched = api.scard("policy:{p:" + matchPolicy + "}:eligible").await().toLong();

      // (2) one-tap applications against a pool for 80 % of them
      int fits = applications * 4 / 5;
      String applyPolicy = publish(http, author, reviewer, policy("一键兑现压测", "ONE_CLICK", 1.5, fits * 1.5));
      awaitMatched(http, author, applyPolicy);
      Tokens tokens = new Tokens(vertx, Tokens.loadOrCreateSecret(data, null), Duration.ofHours(2));
      List<String> bearer = new ArrayList<>(applications);
      for (int i = 0; i < applications; i++) {
        String u = usccs.get(i);
        bearer.add(tokens.issue(new Principal("wx:b-" + u, Role.ENTERPRISE, new Scope(null, null, null, u), "b-" + u)));
      }
      AtomicInteger granted = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      AtomicInteger other = new AtomicInteger();
      AtomicInteger next = new AtomicInteger();
      long a0 = System.nanoTime();
      List<Future<Void>> lanes = new ArrayList<>();
      for (int c = 0; c < concurrency; c++) {
        lanes.add(lane(http, applyPolicy, bearer, next, granted, refused, other));
      }
      Future.all(lanes).await();
      double applyS = (System.nanoTime() - a0) / 1e9;
      JsonObject pool = http.get("/api/v1/policies/" + applyPolicy + "/pool").putHeader("Authorization", "Bearer " + author)
          .send().await().bodyAsJsonObject();
      long apps = api.zcard("policy:{p:" + applyPolicy + "}:apps").await().toLong();
      long ledger = api.xlen("policy:{p:" + applyPolicy + "}:ledger").await().toLong();
      boolean correct = granted.get() == fits && refused.get() == applications - fits && other.get() == 0
          && apps == fits && ledger == fits && "0".equals(pool.getValue("remaining").toString())
          && pool.getValue("reserved").toString().equals(String.valueOf(pool.getValue("total")));

      System.out.println();
      System.out.println("| measurement | value |");
      System.out.println("|---|---|");
      System.out.printf("| firms registered (store, in-process) | %,d in %.1f s; indexed after %.1f s |%n", firms, registerS,
          indexedS);
      System.out.printf("| publish → match set stored (policy.matched), %,d firms matched | %.2f s |%n", matched, matchS);
      System.out.printf("| one-tap applications over HTTP, %d in flight | %,d in %.2f s = %,.0f /s |%n", concurrency,
          applications, applyS, applications / applyS);
      System.out.printf("| granted / refused (pool exhausted) / other | %,d / %,d / %,d (pool fits %,d) |%n",
          granted.get(), refused.get(), other.get(), fits);
      System.out.printf("| pool after | %s |%n", pool.encode());
      System.out.printf("| applications stored / ledger entries | %,d / %,d |%n", apps, ledger);
      System.out.printf("| totals correct | %s |%n", correct ? "yes" : "NO");
    }
  }

  private static Future<Void> lane(WebClient http, String policy, List<String> bearer, AtomicInteger next,
      AtomicInteger granted, AtomicInteger refused, AtomicInteger other) {
    int i = next.getAndIncrement();
    if (i >= bearer.size()) {
      return Future.succeededFuture();
    }
    return http.post("/mp/v1/policies/" + policy + "/apply").putHeader("Authorization", "Bearer " + bearer.get(i))
        .putHeader("Idempotency-Key", "bench-" + i).send()
        .compose(r -> {
          if (r.statusCode() == 201) {
            granted.incrementAndGet();
          } else if (r.statusCode() == 409 && r.bodyAsString().contains("pool-exhausted")) {
            refused.incrementAndGet();
          } else {
            if (other.incrementAndGet() <= 3) {
              System.err.println("unexpected answer " + r.statusCode() + ": " + r.bodyAsString());
            }
          }
          return lane(http, policy, bearer, next, granted, refused, other);
        });
  }

  private static JsonObject policy(String title, String mode, double amount, double pool) {
    LocalDate today = ChinaTime.today();
    return new JsonObject().put("title", title).put("docNumber", "开经信〔2026〕100号").put("summary", title)
        .put("clauses", new JsonArray().add(new JsonObject().put("id", "1").put("text", "本县企业")))
        .put("benefit", new JsonObject().put("kind", "FIXED").put("amount", amount)).put("mode", mode)
        .put("window", new JsonObject().put("opensOn", today.minusDays(1).toString())
            .put("closesOn", today.plusDays(30).toString()))
        .put("fundPool", pool)
        .put("eligibility", new JsonObject().put("all", new JsonArray()
            .add(new JsonObject().put("field", "regionCode").put("op", "prefix").put("value", new JsonArray().add("330824"))
                .put("clause", "1"))
            .add(new JsonObject().put("field", "employees").put("op", "gte").put("value", 1))));
  }

  private static String publish(WebClient http, String author, String reviewer, JsonObject policy) {
    String id = http.post("/api/v1/policies").putHeader("Authorization", "Bearer " + author).sendJsonObject(policy)
        .await().bodyAsJsonObject().getString("id");
    http.post("/api/v1/policies/" + id + "/submit").putHeader("Authorization", "Bearer " + author).send().await();
    var r = http.post("/api/v1/policies/" + id + "/publish").putHeader("Authorization", "Bearer " + reviewer).send().await();
    if (r.statusCode() != 200) {
      throw new IllegalStateException("publish failed: " + r.bodyAsString());
    }
    return id;
  }

  private static void awaitMatched(WebClient http, String token, String id) throws InterruptedException {
    while (!Integer.valueOf(1).equals(http.get("/api/v1/policies/" + id).putHeader("Authorization", "Bearer " + token)
        .send().await().bodyAsJsonObject().getInteger("matchedVersion"))) {
      Thread.sleep(10);
    }
  }

  private static String login(WebClient http, String user, String password) {
    return http.post("/api/v1/auth/login").sendJsonObject(new JsonObject().put("username", user).put("password", password))
        .await().bodyAsJsonObject().getString("token");
  }
}
