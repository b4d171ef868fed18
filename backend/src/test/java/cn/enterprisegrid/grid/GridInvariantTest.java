package cn.enterprisegrid.grid;

import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.demo.DemoEnterprises;
import cn.enterprisegrid.store.Hashes;
import cn.enterprisegrid.store.Store;
import cn.enterprisegrid.testing.AdminToken;
import cn.enterprisegrid.testing.SharedRedis;
import cn.enterprisegrid.testing.TestBackend;
import cn.enterprisegrid.testing.WithBackend;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Property-style: random sequences of grid operations (builds, custom cells, liaisons created,
 * edited and deactivated, firms imported and moved, assigns, manual reassignments), with the
 * invariant checked against Redis after every step: every firm has at most one active liaison,
 * which serves its cell and holds it within capacity; a firm of a cell is unassigned only while
 * every liaison of that cell is full; every firm lies in the most specific cell.
 */
@WithBackend
class GridInvariantTest {
  static final int STEPS = 220;
  static TestBackend app;
  @AdminToken static String admin;

  @Test
  void invariantHoldsAfterEveryStep() {
    long seed = Long.getLong("grid.seed", System.nanoTime());
    try {
      run(seed);
    } catch (Throwable t) {
      throw new AssertionError("grid invariant failed with seed " + seed + " (rerun with -Dgrid.seed=" + seed + ")", t);
    }
  }

  private void run(long seed) {
    Random random = new Random(seed);
    GridFixture fx = new GridFixture(app, seed);
    List<String> regions = new DemoEnterprises(1).regions(GridFixture.COUNTY);
    List<String> townships = regions.stream().filter(r -> r.length() == 9).toList();
    List<String> firms = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    List<String> liaisons = new ArrayList<>();
    RedisAPI redis = app.redis();
    GridStore grid = new GridStore(Store.connect(app.vertx, SharedRedis.url()));
    for (int step = 0; step < STEPS; step++) {
      int op = random.nextInt(100);
      String what;
      if (op < 6) {
        String level = random.nextInt(3) == 0 ? "VILLAGE" : "TOWNSHIP";
        what = "build " + level;
        var b = app.post("/api/v1/grid/build", admin, new JsonObject().put("countyCode", "330824").put("level", level));
        assertThat(b.statusCode()).as(b.bodyAsString()).isEqualTo(200);
        listCells(cells);
      } else if (op < 10 && !firms.isEmpty()) {
        JsonObject body = new JsonObject().put("name", "园区" + step);
        if (random.nextBoolean()) {
          body.put("firms", new JsonArray().add(firms.get(random.nextInt(firms.size()))));
        } else {
          body.put("regionCodes", new JsonArray().add(regions.get(random.nextInt(regions.size()))));
        }
        what = "cell " + body.encode();
        int s = app.post("/api/v1/grid/cells", admin, body).statusCode();
        assertThat(s).isIn(201, 409);
        if (s == 201) {
          listCells(cells);
        }
      } else if (op < 28 && !cells.isEmpty()) {
        JsonArray lc = new JsonArray().add(pickCell(random, cells, townships));
        if (random.nextInt(4) == 0) {
          String c2 = pickCell(random, cells, townships);
          if (!lc.contains(c2)) lc.add(c2);
        }
        String rank = List.of("LEADER", "DIRECTOR", "STAFF", "STAFF").get(random.nextInt(4));
        JsonObject body = GridFixture.liaison("测试" + step, rank, random.nextInt(7), lc.stream().map(String::valueOf)
            .toArray(String[]::new)).put("password", "liaison-pass-0");
        what = "liaison " + body.encode();
        var r = app.post("/api/v1/liaisons", admin, body);
        assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
        liaisons.add(r.bodyAsJsonObject().getString("id"));
      } else if (op < 36 && !liaisons.isEmpty()) {
        String l = liaisons.get(random.nextInt(liaisons.size()));
        what = "deactivate " + l;
        assertThat(app.post("/api/v1/liaisons/" + l + "/deactivate", admin, new JsonObject()).statusCode()).isIn(200, 404);
      } else if (op < 46 && !liaisons.isEmpty()) {
        String l = liaisons.get(random.nextInt(liaisons.size()));
        JsonObject body = new JsonObject().put("capacity", random.nextInt(8));
        if (random.nextInt(3) == 0 && !cells.isEmpty()) {
          body.put("cells", new JsonArray().add(pickCell(random, cells, townships)));
        }
        what = "edit " + l + " " + body.encode();
        assertThat(app.send(HttpMethod.PATCH, "/api/v1/liaisons/" + l, admin, body).statusCode()).isIn(200, 404);
      } else if (op < 64) {
        List<String> rs = new ArrayList<>();
        for (int i = 1 + random.nextInt(5); i > 0; i--) rs.add(regions.get(random.nextInt(regions.size())));
        what = "import " + rs;
        firms.addAll(fx.register(rs, 0.25));
      } else if (op < 70 && !firms.isEmpty()) {
        String f = firms.get(random.nextInt(firms.size()));
        String r = regions.get(random.nextInt(regions.size()));
        what = "move " + f + " to " + r;
        fx.move(f, r);
      } else if (op < 88) {
        what = "assign";
        assertThat(app.post("/api/v1/grid/assign", admin, new JsonObject()).statusCode()).isEqualTo(200);
      } else if (!firms.isEmpty() && !liaisons.isEmpty()) {
        String f = firms.get(random.nextInt(firms.size()));
        String l = liaisons.get(random.nextInt(liaisons.size()));
        what = "reassign " + f + " to " + l;
        var r = app.post("/api/v1/grid/reassign", admin, new JsonObject().put("uscc", f).put("liaisonId", l).put("reason", "测试"));
        assertThat(r.statusCode()).as(r.bodyAsString()).isIn(200, 409, 422);
      } else {
        what = "noop";
      }
      long assigned = check(redis, step + ": " + what, what.equals("assign"));
      checkCoverage(grid, step + ": " + what, assigned);
    }
  }

  private static void listCells(List<String> cells) {
    var r = app.get("/api/v1/grid/cells", admin);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    cells.clear();
    r.bodyAsJsonObject().getJsonArray("items").forEach(o -> cells.add(((JsonObject) o).getString("id")));
  }

  private static String pickCell(Random random, List<String> cells, List<String> townships) {
    // mostly townships, so that liaisons and firms meet often enough to exercise capacity
    List<String> t = cells.stream().filter(townships::contains).toList();
    List<String> from = !t.isEmpty() && random.nextInt(4) > 0 ? t : cells;
    return from.get(random.nextInt(from.size()));
  }

  /** Checks the invariant against Redis. {@code synced}: right after an assign, every firm is indexed. */
  static long check(RedisAPI redis, String step, boolean synced) {
    List<String> all = new ArrayList<>();
    redis.smembers("enterprises").await().forEach(r -> all.add(r.toString()));
    Map<String, String> pins = Hashes.flat(redis.hgetall("grid:pin").await());
    Map<String, String> prefix = Hashes.flat(redis.hgetall("grid:prefix").await());
    Set<String> active = new HashSet<>();
    redis.smembers("grid:liaisons:active").await().forEach(r -> active.add(r.toString()));
    Map<String, Set<String>> held = new HashMap<>();
    Map<String, Integer> capacity = new HashMap<>();
    Map<String, String> holder = new HashMap<>();
    for (Response id : redis.smembers("grid:liaisons").await()) {
      String l = id.toString();
      Set<String> fs = new HashSet<>();
      redis.smembers("grid:lf:" + l).await().forEach(r -> fs.add(r.toString()));
      held.put(l, fs);
      capacity.put(l, Integer.parseInt(redis.hget("grid:l:" + l, "capacity").await().toString()));
      if (!active.contains(l)) {
        assertThat(fs).as(step + ": inactive " + l + " holds firms").isEmpty();
      }
      assertThat(fs.size()).as(step + ": load of " + l).isLessThanOrEqualTo(capacity.get(l));
      for (String f : fs) {
        assertThat(holder.put(f, l)).as(step + ": " + f + " held twice").isNull();
      }
    }
    // in small groups: the test client's pool queues only a few dozen requests
    List<Future<Response>> rows = new ArrayList<>();
    for (int i = 0; i < all.size(); i += 16) {
      List<Future<Response>> group = new ArrayList<>();
      all.subList(i, Math.min(all.size(), i + 16))
          .forEach(f -> group.add(redis.hmget(List.of("ent:{e:" + f + "}", "gc", "liaisonId", "gr", "region"))));
      Future.all(group).await();
      rows.addAll(group);
    }
    long assigned = 0;
    for (int i = 0; i < all.size(); i++) {
      String f = all.get(i);
      Response r = rows.get(i).result();
      String gc = r.get(0) == null ? null : r.get(0).toString();
      String lid = r.get(1) == null ? null : r.get(1).toString();
      if (gc == null) {
        assertThat(synced).as(step + ": " + f + " not indexed after assign").isFalse();
        continue;
      }
      String gr = r.get(2).toString();
      if (synced) {
        assertThat(gr).as(step + ": indexed region of " + f).isEqualTo(r.get(3).toString());
      }
      assertThat(gc).as(step + ": cell of " + f + " in " + gr).isEqualTo(expectedCell(f, gr, pins, prefix));
      if (lid != null) {
        assigned++;
        assertThat(active).as(step + ": liaison of " + f).contains(lid);
        assertThat(holder.get(f)).as(step + ": holder of " + f).isEqualTo(lid);
        assertThat(redis.sismember("grid:cl:" + gc, lid).await().toInteger()).as(step + ": " + lid + " serves " + gc).isEqualTo(1);
        assertThat(redis.sismember("grid:cu:" + gc, f).await().toInteger()).isZero();
      } else {
        assertThat(holder).as(step + ": " + f + " held but unassigned").doesNotContainKey(f);
        if (!gc.isEmpty()) {
          assertThat(redis.sismember("grid:cu:" + gc, f).await().toInteger()).as(step + ": " + f + " in unassigned set").isEqualTo(1);
          for (Response l : redis.smembers("grid:cl:" + gc).await()) {
            assertThat(held.get(l.toString()).size()).as(step + ": " + f + " unassigned while " + l + " has room")
                .isGreaterThanOrEqualTo(capacity.get(l.toString()));
          }
        }
      }
    }
    Response stats = redis.hget("grid:stats", "assigned").await();
    assertThat(stats == null ? 0 : stats.toLong()).as(step + ": assigned counter").isEqualTo(assigned);
    return assigned;
  }

  /**
   * The coverage's totals agree whichever way they are computed: the whole territory's from the
   * maintained counters, the county's (every test firm lies in it) from its cells' sets.
   */
  static void checkCoverage(GridStore grid, String step, long assigned) {
    JsonObject whole = grid.coverage(null, 5, GridStore.CoveragePage.NONE).await();
    JsonObject county = grid.coverage(GridFixture.COUNTY, 5, GridStore.CoveragePage.NONE).await();
    for (String k : List.of("firms", "noCell", "noCapacity", "cellCount", "liaisonCount")) {
      assertThat(whole.getLong(k)).as(step + ": coverage " + k).isEqualTo(county.getLong(k));
    }
    assertThat(whole.getLong("firms") - whole.getLong("noCell") - whole.getLong("noCapacity"))
        .as(step + ": coverage assigned").isEqualTo(assigned);
    // the rows: from the sorted sets for the whole territory, sorted in the script for a region
    GridStore.CoveragePage all = new GridStore.CoveragePage("", 10_000, "", 10_000);
    JsonObject wholeRows = grid.coverage(null, 0, all).await();
    JsonObject countyRows = grid.coverage(GridFixture.COUNTY, 0, all).await();
    assertThat(GridConsoleRoutes.rows(wholeRows, "cells")).as(step + ": cell rows").isEqualTo(GridConsoleRoutes.rows(countyRows, "cells"));
    assertThat(GridConsoleRoutes.rows(wholeRows, "liaisons")).as(step + ": liaison rows").isEqualTo(GridConsoleRoutes.rows(countyRows, "liaisons"));
    assertThat((long) GridConsoleRoutes.rows(wholeRows, "cells").size()).as(step + ": cell count").isEqualTo(whole.getLong("cellCount"));
    long listed = GridConsoleRoutes.rows(whole, "unassigned").size();
    assertThat(listed).as(step + ": unassigned listed").isEqualTo(Math.min(5, whole.getLong("noCell") + whole.getLong("noCapacity")));
  }

  static String expectedCell(String f, String region, Map<String, String> pins, Map<String, String> prefix) {
    if (pins.containsKey(f)) {
      return pins.get(f);
    }
    for (int len : new int[] {12, 9, 6}) {
      if (region.length() >= len && prefix.containsKey(region.substring(0, len))) {
        return prefix.get(region.substring(0, len));
      }
    }
    return "";
  }
}
