package cn.enterprisegrid.grid;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Brings the grid up to date with the enterprise registry and assigns what can be assigned: the
 * first run (no cursor yet) indexes every firm of the {@code enterprises} set; later runs read the
 * {@code changes} stream from the stored cursor and re-index the firms whose records changed
 * (a region or a tag may have moved them). Each batch is one {@code grid index} script, which
 * resolves each firm's cell and fills the touched cells; indexing is idempotent, so overlapping or
 * repeated runs are harmless.
 */
public final class GridSync {
  /** Firms per script call: large enough to amortise the round trip, small enough not to stall Redis. */
  static final int BATCH = 1000;
  private static final String CURSOR = "grid:cursor";

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
    return grid.store().api().sscan(List.of("enterprises", cursor, "COUNT", String.valueOf(BATCH)))
        .compose(r -> {
          String next = r.get(0).toString();
          List<String> firms = new ArrayList<>();
          r.get(1).forEach(x -> firms.add(x.toString()));
          Future<Result> done = firms.isEmpty() ? Future.succeededFuture(acc) : index(actor, firms, acc);
          return done.compose(a -> next.equals("0") ? Future.succeededFuture(a) : scan(actor, next, a));
        });
  }

  private Future<Result> incremental(String actor, String cursor, Result acc) {
    return grid.store().api().xrange(List.of("changes", "(" + cursor, "+", "COUNT", String.valueOf(BATCH)))
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

  /** Indexes a list of firms in batches (also used by the benchmark and the tests). */
  public Future<Result> index(String actor, List<String> firms, Result acc) {
    Future<Result> chain = Future.succeededFuture(acc);
    for (int i = 0; i < firms.size(); i += BATCH) {
      List<String> part = firms.subList(i, Math.min(firms.size(), i + BATCH));
      chain = chain.compose(a -> grid.run("index", actor, new JsonObject().put("firms", new JsonArray(part)))
          .map(a::plus));
    }
    return chain;
  }

  private Future<String> lastChangeId() {
    return grid.store().api().xrevrange(List.of("changes", "+", "-", "COUNT", "1"))
        .map(r -> r == null || r.size() == 0 ? "0-0" : r.get(0).get(0).toString());
  }
}
