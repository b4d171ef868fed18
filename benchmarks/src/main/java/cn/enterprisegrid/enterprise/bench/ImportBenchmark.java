package cn.enterprisegrid.enterprise.bench;

import cn.enterprisegrid.Backend;
import cn.enterprisegrid.config.Settings;
import cn.enterprisegrid.demo.DemoEnterprises;
import cn.enterprisegrid.mp.testsupport.TestRedis;
import cn.enterprisegrid.policyindex.reference.Division;
import cn.enterprisegrid.policyindex.reference.Divisions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.io.BufferedWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark of the enterprise registry (not a unit test; run by {@code backend/bench-enterprise.sh}):
 * starts the backend in-process on an embedded Redis, generates N (default 100,000) NDJSON firms over
 * the real Zhejiang divisions and GB/T 4754 classes into a temp file, POSTs it streamed to
 * {@code /api/v1/enterprises/import}, then reads profiles {@code GET /api/v1/enterprises/{uscc}} from
 * C (default 50) concurrent clients for S (default 20) seconds. Prints a table.
 *
 * <p>Arguments: {@code [lines] [clients] [seconds]}.
 */
public final class ImportBenchmark {
  public static void main(String[] args) throws Exception {
    int lines = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;

    TestRedis redis = TestRedis.start();
    Vertx vertx = Vertx.vertx();
    Path data = Files.createTempDirectory("bench-enterprise");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Settings settings = Settings.from(new JsonObject().put("HTTP_PORT", port).put("DATA_DIR", data.toString())
        .put("ADMIN_PASSWORD", "bench-pass-2026")).withRedisUrl(redis.url());
    Backend backend = Backend.start(vertx, settings, null, false).await();
    WebClient http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(port).setKeepAlive(true), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(clients));
    try {
      // --- generate
      long g0 = System.nanoTime();
      Path file = data.resolve("firms.ndjson");
      List<String> ids = generate(file, lines);
      double genS = (System.nanoTime() - g0) / 1e9;
      long bytes = Files.size(file);

      String token = http.post("/api/v1/auth/login").sendJsonObject(new JsonObject().put("username", "admin")
          .put("password", "bench-pass-2026")).await().bodyAsJsonObject().getString("token");

      // --- import, streamed from the file
      long i0 = System.nanoTime();
      var f = vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true)).await();
      var resp = http.post("/api/v1/enterprises/import").putHeader("Authorization", "Bearer " + token)
          .putHeader("Content-Type", "application/x-ndjson").timeout(600_000).sendStream(f).await();
      double importS = (System.nanoTime() - i0) / 1e9;
      JsonObject result = resp.bodyAsJsonObject();
      if (resp.statusCode() != 200) {
        throw new IllegalStateException("import failed: " + resp.bodyAsString());
      }
      long created = result.getLong("created");

      // --- re-import: everything unchanged
      long r0 = System.nanoTime();
      var f2 = vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true)).await();
      JsonObject again = http.post("/api/v1/enterprises/import").putHeader("Authorization", "Bearer " + token)
          .putHeader("Content-Type", "application/x-ndjson").timeout(600_000).sendStream(f2).await().bodyAsJsonObject();
      double reimportS = (System.nanoTime() - r0) / 1e9;

      // --- profile reads under concurrency
      Reads reads = reads(vertx, http, token, ids, clients, seconds);

      System.out.println();
      System.out.println("| measure | value |");
      System.out.println("|---|---|");
      System.out.printf("| lines generated (NDJSON, %.1f MB) | %,d in %.1f s |%n", bytes / 1e6, lines, genS);
      System.out.printf("| import: created / updated / unchanged / rejected | %,d / %,d / %,d / %,d |%n", created,
          result.getLong("updated"), result.getLong("unchanged"), result.getLong("rejectedCount"));
      System.out.printf("| import time | %.1f s (%,.0f lines/s) |%n", importS, lines / importS);
      System.out.printf("| re-import (all unchanged: %,d) | %.1f s (%,.0f lines/s) |%n", again.getLong("unchanged"),
          reimportS, lines / reimportS);
      System.out.printf("| profile reads, %d clients, %d s | %,d requests, %,.0f req/s, errors %d |%n", clients,
          seconds, reads.count, reads.count / reads.seconds, reads.errors);
      System.out.printf("| read latency p50 / p99 / max | %.2f / %.2f / %.2f ms |%n", reads.p(0.50), reads.p(0.99),
          reads.p(1.0));
      System.out.printf("| JVM heap max | %d MB |%n", Runtime.getRuntime().maxMemory() >> 20);
    } finally {
      http.close();
      backend.stop().await();
      vertx.close().await();
      redis.close();
    }
  }

  private static List<String> generate(Path file, int lines) throws Exception {
    Divisions divisions = Divisions.standard();
    List<String> counties = new ArrayList<>();
    for (Division city : divisions.children("33")) {
      for (Division county : divisions.children(city.code())) {
        counties.add(county.code());
      }
    }
    DemoEnterprises gen = new DemoEnterprises(100_000);
    List<List<String>> regions = new ArrayList<>();
    for (String c : counties) {
      regions.add(gen.regions(c));
    }
    List<String> ids = new ArrayList<>(lines);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < lines; i++) {
        int c = i % counties.size();
        JsonObject firm = gen.inCounty(counties.get(c), regions.get(c));
        ids.add(firm.getString("uscc"));
        w.write(firm.encode());
        w.write('\n');
      }
    }
    return ids;
  }

  private record Reads(long count, long errors, double seconds, long[] nanos) {
    double p(double q) {
      if (nanos.length == 0) {
        return 0;
      }
      int i = (int) Math.min(nanos.length - 1, Math.ceil(q * nanos.length) - 1);
      return nanos[Math.max(0, i)] / 1e6;
    }
  }

  private static Reads reads(Vertx vertx, WebClient http, String token, List<String> ids, int clients, int seconds) {
    // a short warm-up, then the measured window
    run(vertx, http, token, ids, clients, 3, null);
    long[] buf = new long[20_000_000];
    AtomicInteger n = new AtomicInteger();
    long[] errors = new long[1];
    long t0 = System.nanoTime();
    run(vertx, http, token, ids, clients, seconds, (lat, ok) -> {
      int i = n.getAndIncrement();
      if (i < buf.length) {
        buf[i] = lat;
      }
      if (!ok) {
        errors[0]++;
      }
    });
    double s = (System.nanoTime() - t0) / 1e9;
    long[] lat = Arrays.copyOf(buf, Math.min(n.get(), buf.length));
    Arrays.sort(lat);
    return new Reads(n.get(), errors[0], s, lat);
  }

  private interface Sample {
    void record(long nanos, boolean ok);
  }

  private static void run(Vertx vertx, WebClient http, String token, List<String> ids, int clients, int seconds,
      Sample sample) {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Future<Void>> loops = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Promise<Void> done = Promise.promise();
      int seed = c;
      vertx.runOnContext(v -> loop(http, token, ids, end, new java.util.Random(seed), sample, done));
      loops.add(done.future());
    }
    Future.all(loops).await();
  }

  private static void loop(WebClient http, String token, List<String> ids, long end, java.util.Random random,
      Sample sample, Promise<Void> done) {
    if (System.nanoTime() >= end) {
      done.complete();
      return;
    }
    String uscc = ids.get(random.nextInt(ids.size()));
    long t = System.nanoTime();
    http.get("/api/v1/enterprises/" + uscc).putHeader("Authorization", "Bearer " + token).send()
        .onComplete(ar -> {
          if (sample != null) {
            sample.record(System.nanoTime() - t, ar.succeeded() && ar.result().statusCode() == 200);
          }
          loop(http, token, ids, end, random, sample, done);
        });
  }
}
