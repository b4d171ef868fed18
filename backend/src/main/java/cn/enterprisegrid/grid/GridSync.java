package cn.enterprisegrid.grid;

import cn.enterprisegrid.changes.ChangeFeed;
import cn.enterprisegrid.enterprise.EnterpriseKeys;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings the grid up to date with the enterprise registry and assigns what can be assigned: the
 * first run (no cursor yet) indexes every firm of the {@code enterprises} set; later runs read the
 * {@code changes} stream from the stored cursor and re-index the firms whose records changed
 * (a region or a tag may have moved them). Firms are grouped by region so that a batch carries
 * whole cells; each batch is one {@code grid index} script, which resolves each firm's cell and
 * fills the touched cells; indexing is idempotent, so overlapping or repeated runs are harmless.
 */
public final class GridSync {
  /** Firms per script call: large enough to amortise the round trip, small enough not to stall Redis. */
  static final int BATCH = 1000;
  /** Script calls (and region reads) in flight at once. */
  static final int IN_FLIGHT = 8;
  /** Region reads per pipelined batch. */
  private static final int READ_BATCH = 2000;
  private static final String CURSOR = GridKeys.SYNC_CURSOR;

  private final GridStore grid;

  public GridSync(GridStore grid) {
    this.grid = grid;
  }

  /** What a run did. */
  public record Result(long indexed, long assigned, long released) {
    Result plus(JsonObject r) {
      return new Result(indexed + r.getLong("indexed", 0L), assigned + r.getLong("assigned", 0L),
          released + r.getLong("released", 0L));
    }

    public JsonObject toJson() {
      return new JsonObject().put("indexed", indexed).put("assigned", assigned).put("released", released);
    }
  }

  public Future<Result> run(String actor) {
    return grid.store().api().get(CURSOR).compose(cursor -> cursor == null
        ? full(actor) : incremental(actor, cursor.toString(), new Result(0, 0, 0)));
  }

  private Future<Result> full(String actor) {
    // the stream's position is taken first: changes made during the scan are read again next time
    return lastChangeId().compose(last -> scan(actor, "0", new Result(0, 0, 0))
        .compose(r -> grid.store().api().set(List.of(CURSOR, last)).map(r)));
  }

  private Future<Result> scan(String actor, String cursor, Result acc) {
    return members(cursor, new LinkedHashSet<>()).compose(firms -> index(actor, new ArrayList<>(firms), acc));
  }

  /** Every member of the {@code enterprises} set (SSCAN may repeat one: a set). */
  private Future<Set<String>> members(String cursor, Set<String> acc) {
    return grid.store().api().sscan(List.of(EnterpriseKeys.ALL, cursor, "COUNT", "10000"))
        .compose(r -> {
          String next = r.get(0).toString();
          r.get(1).forEach(x -> acc.add(x.toString()));
          return next.equals("0") ? Future.succeededFuture(acc) : members(next, acc);
        });
  }

  private Future<Result> incremental(String actor, String cursor, Result acc) {
    return grid.store().api().xrange(List.of(ChangeFeed.STREAM, "(" + cursor, "+", "COUNT", String.valueOf(BATCH)))
        .compose(r -> {
          if (r == null || r.size() == 0) {
            return Future.succeededFuture(acc);
          }
          Set<String> firms = new LinkedHashSet<>();
          String last = cursor;
          for (Response entry : r) {
            last = entry.get(0).toString();
            Response fields = entry.get(1);
            String kind = null;
            String id = null;
            for (int i = 0; i + 1 < fields.size(); i += 2) {
              String k = fields.get(i).toString();
              if (k.equals("kind")) kind = fields.get(i + 1).toString();
              if (k.equals("id")) id = fields.get(i + 1).toString();
            }
            if ("enterprise".equals(kind) && id != null) {
              firms.add(id);
            }
          }
          String lastId = last;
          Future<Result> done = firms.isEmpty() ? Future.succeededFuture(acc)
              : index(actor, new ArrayList<>(firms), acc);
          return done.compose(a -> grid.store().api().set(List.of(CURSOR, lastId))
              .compose(v -> r.size() < BATCH ? Future.succeededFuture(a) : incremental(actor, lastId, a)));
        });
  }

  /**
   * Indexes a list of firms (also used by the benchmark and the tests). The firms' regions are read
   * first (pipelined), the firms grouped by region code and cut into batches at township
   * boundaries, so that each cell is filled about once, by the one script call that carries its
   * firms, instead of once per batch that happens to hold one of its firms. A grouping made stale
   * by a concurrent change costs only an extra fill: each script resolves its firms' cells itself
   * and fills every cell it touched, so the invariant holds after each call. Up to
   * {@link #IN_FLIGHT} calls are in flight (the client pipelines them); each is atomic.
   */
  public Future<Result> index(String actor, List<String> firms, Result acc) {
    if (firms.isEmpty()) {
      return Future.succeededFuture(acc);
    }
    List<List<String>> parts = new ArrayList<>();
    for (int i = 0; i < firms.size(); i += READ_BATCH) {
      parts.add(firms.subList(i, Math.min(firms.size(), i + READ_BATCH)));
    }
    return Bounded.map(parts, IN_FLIGHT, this::regions).compose(regionParts -> {
      Map<String, List<String>> byRegion = new HashMap<>();
      for (int p = 0; p < parts.size(); p++) {
        List<String> part = parts.get(p);
        List<String> regions = regionParts.get(p);
        for (int i = 0; i < part.size(); i++) {
          byRegion.computeIfAbsent(regions.get(i), k -> new ArrayList<>()).add(part.get(i));
        }
      }
      List<List<String>> batches = batches(byRegion);
      return Bounded.map(batches, IN_FLIGHT, b -> grid.run("index", actor, new JsonObject(), b))
          .map(results -> {
            Result r = acc;
            for (JsonObject o : results) {
              r = r.plus(o);
            }
            return r;
          });
    });
  }

  /** Firms in region order, cut into batches of about {@link #BATCH} at township (9-digit) boundaries. */
  static List<List<String>> batches(Map<String, List<String>> byRegion) {
    List<String> regions = new ArrayList<>(byRegion.keySet());
    Collections.sort(regions);
    List<List<String>> out = new ArrayList<>();
    List<String> current = new ArrayList<>();
    String lastTownship = null;
    for (String region : regions) {
      String township = region.length() > 9 ? region.substring(0, 9) : region;
      if (current.size() >= 4 * BATCH || (current.size() >= BATCH && !township.equals(lastTownship))) {
        out.add(current);
        current = new ArrayList<>();
      }
      current.addAll(byRegion.get(region));
      lastTownship = township;
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  /** The firms' region codes ('' for a firm without a record or region), in order. */
  private Future<List<String>> regions(List<String> firms) {
    List<Request> reqs = new ArrayList<>(firms.size());
    firms.forEach(f -> reqs.add(Request.cmd(Command.HGET).arg(EnterpriseKeys.firm(f)).arg("region")));
    return grid.store().client().batch(reqs).map(rs -> {
      List<String> out = new ArrayList<>(rs.size());
      for (Response r : rs) {
        out.add(r == null ? "" : r.toString());
      }
      return out;
    });
  }

  private Future<String> lastChangeId() {
    return grid.store().api().xrevrange(List.of(ChangeFeed.STREAM, "+", "-", "COUNT", "1"))
        .map(r -> r == null || r.size() == 0 ? "0-0" : r.get(0).get(0).toString());
  }
}
