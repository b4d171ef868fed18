package cn.enterprisegrid.grid.bench;

import cn.enterprisegrid.grid.GridStore;
import cn.enterprisegrid.grid.GridSync;
import cn.enterprisegrid.policyindex.reference.Division;
import cn.enterprisegrid.policyindex.reference.DivisionLevel;
import cn.enterprisegrid.policyindex.reference.Divisions;
import cn.enterprisegrid.store.EmbeddedRedis;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The grid at national scale, against an embedded Redis in a temp dir: township cells for every
 * county of the bundled divisions (41 k townships), one liaison per township (every fifth one
 * senior), N firms (default 1 M) spread uniformly over the townships, then the timed steps:
 * assignment (the first {@code POST /api/v1/grid/assign}: index every firm, fill every cell) and
 * the coverage report (its default first page of 500 cell and 500 liaison rows, best of 5; and every
 * page walked). Firms are written directly in the minimal form the grid reads (hash
 * {@code ent:{e:USCC}} with {@code v}, {@code region} and, for key firms, {@code f:tags}; the
 * {@code enterprises} set), not through the registry, whose import is benchmarked apart.
 * Usage: GridBenchmark [firms=1000000] [capacity=40]
 */
public final class GridBenchmark {
  public static void main(String[] args) throws Exception {
    int firms = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int capacity = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    Path dir = Files.createTempDirectory("grid-bench");
    Map<String, String> rows = new TreeMap<>();
    Vertx vertx = Vertx.vertx();
    try (EmbeddedRedis redis = EmbeddedRedis.start(dir, "everysec")) {
      Store store = Store.connect(vertx, redis.url());
      GridStore grid = new GridStore(store);
      Divisions divisions = Divisions.standard();
      List<Division> townships = divisions.atLevel(DivisionLevel.TOWNSHIP);
      Map<String, List<Division>> byCounty = new TreeMap<>();
      townships.forEach(t -> byCounty.computeIfAbsent(t.parentCode(), k -> new ArrayList<>()).add(t));

      long t0 = System.nanoTime();
      for (var e : byCounty.entrySet()) {
        JsonArray cells = new JsonArray();
        e.getValue().forEach(t -> cells.add(new JsonObject().put("code", t.code()).put("name", t.name())));
        grid.run("build", "bench", new JsonObject().put("county", e.getKey()).put("level", "TOWNSHIP")
            .put("cells", cells)).await();
      }
      rows.put("1 cells built (" + townships.size() + " townships, " + byCounty.size() + " counties)", ms(t0));

      t0 = System.nanoTime();
      List<Future<?>> pending = new ArrayList<>();
      for (int i = 0; i < townships.size(); i++) {
        String code = townships.get(i).code();
        pending.add(grid.run("liaison_create", "bench", new JsonObject().put("id", "L" + i).put("name", "网格员" + i)
            .put("phone", "13800000000").put("unit", "乡镇人民政府").put("rank", i % 5 == 0 ? "DIRECTOR" : "STAFF")
            .put("senior", i % 5 == 0).put("capacity", capacity).put("cells", new JsonArray().add(code))
            .put("region", code).put("username", "bench" + i)));
        if (pending.size() == 200) {
          Future.all(pending).await();
          pending.clear();
        }
      }
      Future.all(pending).await();
      rows.put("2 liaisons created (" + townships.size() + ")", ms(t0));

      t0 = System.nanoTime();
      Random random = new Random(1);
      List<Request> batch = new ArrayList<>();
      for (int i = 0; i < firms; i++) {
        String uscc = String.format("BENCH%013d", i);
        String region = townships.get(random.nextInt(townships.size())).code();
        String key = "ent:{e:" + uscc + "}";
        Request hset = Request.cmd(Command.HSET).arg(key).arg("v").arg("1").arg("region").arg(region);
        if (random.nextInt(20) == 0) {
          hset.arg("f:tags").arg("[\"规上工业\"]");
        }
        batch.add(hset);
        batch.add(Request.cmd(Command.SADD).arg("enterprises").arg(uscc));
        if (batch.size() >= 2_000) {
          store.client().batch(batch).await();
          batch = new ArrayList<>();
        }
      }
      if (!batch.isEmpty()) {
        store.client().batch(batch).await();
      }
      rows.put("3 firms written directly (" + firms + ")", ms(t0));

      store.api().config(List.of("RESETSTAT")).await();
      t0 = System.nanoTime();
      GridSync.Result r = new GridSync(grid).run("bench").await();
      rows.put("4 ASSIGN: index + fill " + r.indexed() + " firms, " + r.assigned() + " assigned (target <= 60 s)", ms(t0));

      rows.put("4b   of which inside Redis (commandstats)", redisTime(store));
      rows.put("4c   busiest commands (calls, ms)", topCommands(store));
      store.api().config(List.of("RESETSTAT")).await();
      long best = Long.MAX_VALUE;
      long t;
      JsonObject cov = null;
      for (int i = 0; i < 5; i++) {
        t = System.nanoTime();
        cov = grid.coverage(null, 100).await();
        best = Math.min(best, System.nanoTime() - t);
      }
      rows.put("5 COVERAGE report, best of 5 (" + cov.getLong("firms") + " firms, " + cov.getLong("noCapacity")
          + " unassigned NO_CAPACITY; target <= 1 s)", String.format("%,d ms", best / 1_000_000));
      rows.put("5b   of which inside Redis, all 5 runs (commandstats)", redisTime(store));
      // every row, as a client walking all pages (500 rows each) would read them
      t = System.nanoTime();
      long cellRows = 0;
      long liaisonRows = 0;
      String cellsAfter = "";
      String liaisonsAfter = "";
      while (cellsAfter != null || liaisonsAfter != null) {
        JsonObject p = grid.coverage(null, 0, new GridStore.CoveragePage(cellsAfter == null ? "~" : cellsAfter,
            cellsAfter == null ? 0 : 500, liaisonsAfter == null ? "~" : liaisonsAfter, liaisonsAfter == null ? 0 : 500)).await();
        cellRows += p.getJsonArray("cells", new JsonArray()).size();
        liaisonRows += p.getJsonArray("liaisons", new JsonArray()).size();
        cellsAfter = cellsAfter == null || p.getString("nextCells").isEmpty() ? null : p.getString("nextCells");
        liaisonsAfter = liaisonsAfter == null || p.getString("nextLiaisons").isEmpty() ? null : p.getString("nextLiaisons");
      }
      rows.put("5c   every page of rows, 500 per page (" + cellRows + " cell rows, " + liaisonRows
          + " liaison rows)", String.format("%,d ms", (System.nanoTime() - t) / 1_000_000));
      t = System.nanoTime();
      grid.coverage("330824", 100).await();
      rows.put("6 coverage of one county (330824)", String.format("%,d ms", (System.nanoTime() - t) / 1_000_000));
      rows.put("7 redis used_memory", info(store));
      store.close();
    } finally {
      vertx.close().await();
    }
    System.out.println();
    System.out.printf("%-95s %12s%n", "step", "time");
    rows.forEach((k, v) -> System.out.printf("%-95s %12s%n", k.substring(2), v));
  }

  private static String ms(long t0) {
    return String.format("%,d ms", (System.nanoTime() - t0) / 1_000_000);
  }

  /** Time Redis spent executing commands since the last CONFIG RESETSTAT (scripts include their inner calls). */
  private static String redisTime(Store store) {
    String info = store.api().info(List.of("commandstats")).await().toString();
    long usec = 0;
    long calls = 0;
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
        for (String kv : line.substring(line.indexOf(':') + 1).split(",")) {
          if (kv.startsWith("usec=")) usec += Long.parseLong(kv.substring(5));
          if (kv.startsWith("calls=")) calls += Long.parseLong(kv.substring(6));
        }
      }
    }
    return String.format("%,d ms / %,d scripts", usec / 1000, calls);
  }

  /** The five commands Redis spent most time in (inside scripts too) since the last CONFIG RESETSTAT. */
  private static String topCommands(Store store) {
    String info = store.api().info(List.of("commandstats")).await().toString();
    List<long[]> stats = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String line : info.split("\\r?\\n")) {
      if (!line.startsWith("cmdstat_") || line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
        continue;
      }
      long usec = 0;
      long calls = 0;
      for (String kv : line.substring(line.indexOf(':') + 1).split(",")) {
        if (kv.startsWith("usec=")) usec = Long.parseLong(kv.substring(5));
        if (kv.startsWith("calls=")) calls = Long.parseLong(kv.substring(6));
      }
      names.add(line.substring(8, line.indexOf(':')));
      stats.add(new long[] {usec, calls, names.size() - 1});
    }
    stats.sort((x, y) -> Long.compare(y[0], x[0]));
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(5, stats.size()); i++) {
      long[] x = stats.get(i);
      b.append(names.get((int) x[2])).append(' ').append(x[1]).append("/").append(x[0] / 1000).append(' ');
    }
    return b.toString().trim();
  }

  private static String info(Store store) {
    String info = store.api().info(List.of("memory")).await().toString();
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("used_memory_human:")) {
        return line.substring("used_memory_human:".length());
      }
    }
    return "?";
  }
}
