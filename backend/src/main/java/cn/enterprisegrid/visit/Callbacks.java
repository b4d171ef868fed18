package cn.enterprisegrid.visit;

import cn.enterprisegrid.audit.AuditKeys;
import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.grid.GridKeys;
import cn.enterprisegrid.grid.GridStore;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.Bodies;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.store.Hashes;
import cn.enterprisegrid.store.ScriptResult;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Blind call-backs (盲盒式评价回访): a uniform random sample of the recent visits in the admin's
 * region, stratified by liaison (each liaison's share of the sample is its share of the visits,
 * largest remainders first, so a busy liaison cannot hide behind many small ones), never the same
 * visit twice (the script marks each visit atomically and skips marked ones).
 */
public final class Callbacks {
  static final int MAX_DAYS = 366;
  static final int MAX_SIZE = 1000;

  private final GridStore grid;
  private final Random random;

  public Callbacks(GridStore grid) {
    this(grid, new SecureRandom());
  }

  Callbacks(GridStore grid, Random random) {
    this.grid = grid;
    this.random = random;
  }

  public Future<JsonObject> sample(Principal admin, JsonObject body) {
    int days = intField(body, "days", MAX_DAYS);
    int size = intField(body, "size", MAX_SIZE);
    long now = System.currentTimeMillis();
    var api = grid.store().api();
    return api.zrangebyscore(List.of(VisitKeys.VISITS, String.valueOf(now - days * 86_400_000L), String.valueOf(now)))
        .compose(ids -> {
          List<String> visits = new ArrayList<>();
          ids.forEach(r -> visits.add(r.toString()));
          List<Future<Response>> rows = new ArrayList<>();
          visits.forEach(v -> rows.add(api.hmget(List.of(VisitKeys.visit(v), "liaisonId", "region", "callback"))));
          return Future.all(rows).map(cf -> {
            Map<String, List<String>> byLiaison = new TreeMap<>();
            for (int i = 0; i < visits.size(); i++) {
              Response r = rows.get(i).result();
              String region = r.get(1) == null ? "" : r.get(1).toString();
              if (r.get(2) == null && admin.scope().coversRegion(region)) {
                byLiaison.computeIfAbsent(r.get(0).toString(), k -> new ArrayList<>()).add(visits.get(i));
              }
            }
            return stratified(byLiaison, size, random);
          });
        })
        .compose(chosen -> sample(grid.store(), admin.actor(), now, chosen, days, size))
        .map(ids -> new JsonObject().put("callbacks", ids));
  }

  /** Opens call-backs for the visits not sampled before: the ids of those opened. */
  public static Future<JsonArray> sample(Store store, String actor, long now, List<String> visits, int days, int size) {
    List<String> keys = new ArrayList<>(List.of(GridKeys.sequence("callback"), VisitKeys.CALLBACKS,
        VisitKeys.PENDING_CALLBACKS));
    visits.forEach(v -> keys.add(VisitKeys.visit(v)));
    JsonObject args = new JsonObject().put("visits", new JsonArray(visits)).put("days", days).put("size", size);
    return store.script("callback_sample", AuditKeys.with(keys, AuditKeys.journal(actor, "callbacks")),
            List.of(actor, String.valueOf(now), args.encode()))
        .map(r -> r.json().getValue("ids") instanceof JsonArray a ? a : new JsonArray());
  }

  /** Records a call-back's outcome once ({@code {id, confirmed, satisfaction, comment}}). */
  public static Future<ScriptResult> record(Store store, String actor, long now, JsonObject outcome) {
    String id = outcome.getString("id");
    return store.script("callback_record", AuditKeys.with(List.of(VisitKeys.callback(id), VisitKeys.PENDING_CALLBACKS),
        AuditKeys.journal(actor, "callback:" + id)), List.of(actor, String.valueOf(now), outcome.encode()));
  }

  /** Proportional allocation with largest remainders, then a uniform draw inside each stratum. */
  static List<String> stratified(Map<String, List<String>> strata, int size, Random random) {
    int total = strata.values().stream().mapToInt(List::size).sum();
    int n = Math.min(size, total);
    List<String> out = new ArrayList<>();
    if (n == 0) {
      return out;
    }
    Map<String, Integer> quota = new TreeMap<>();
    List<Map.Entry<String, Double>> remainders = new ArrayList<>();
    int given = 0;
    for (var e : strata.entrySet()) {
      double exact = (double) n * e.getValue().size() / total;
      int q = (int) Math.floor(exact);
      quota.put(e.getKey(), q);
      given += q;
      remainders.add(Map.entry(e.getKey(), exact - q + random.nextDouble() * 1e-9));
    }
    remainders.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
    for (int i = 0; given < n; i++, given++) {
      quota.merge(remainders.get(i).getKey(), 1, Integer::sum);
    }
    for (var e : strata.entrySet()) {
      List<String> pool = new ArrayList<>(e.getValue());
      Collections.shuffle(pool, random);
      out.addAll(pool.subList(0, quota.get(e.getKey())));
    }
    return out;
  }

  /** Records the outcome of a call-back once: {@code confirmed}, {@code satisfaction} 1-5, {@code comment}. */
  public Future<JsonObject> record(Principal admin, String id, JsonObject body) {
    Object confirmed = body.getValue("confirmed");
    if (!(confirmed instanceof Boolean)) {
      throw ProblemException.invalid("/confirmed", Text.of("field.boolean", "confirmed"));
    }
    Object sat = body.getValue("satisfaction");
    if (!(sat instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < 1 || n.intValue() > 5) {
      throw ProblemException.invalid("/satisfaction", Text.of("field.whole-range", "satisfaction", 1, 5));
    }
    String comment = Bodies.optionalString(body, "comment", "");
    if (comment != null && comment.length() > 500) {
      throw ProblemException.invalid("/comment", Text.of("field.max-length", "comment", 500));
    }
    return get(admin, id).compose(cb -> record(grid.store(), admin.actor(), System.currentTimeMillis(),
            new JsonObject().put("id", id).put("confirmed", confirmed)
                .put("satisfaction", ((Number) sat).intValue()).put("comment", comment == null ? "" : comment)))
        .compose(r -> {
          String error = r.error();
          if ("already-recorded".equals(error)) {
            return Future.failedFuture(ProblemException.conflict("already-recorded", Text.of("visit.callback-recorded", id)));
          }
          if (error != null) {
            return Future.failedFuture(ProblemException.notFound(Text.of("visit.no-callback", id)));
          }
          return get(admin, id);
        });
  }

  /** One call-back inside the admin's region; 404 otherwise. */
  public Future<JsonObject> get(Principal p, String id) {
    return grid.store().api().hgetall(VisitKeys.callback(id)).map(r -> {
      Map<String, String> h = Hashes.flat(r);
      if (h.isEmpty() || !p.scope().coversRegion(h.get("region"))) {
        throw ProblemException.notFound(Text.of("visit.no-callback", id));
      }
      return view(h);
    });
  }

  /** Pending (or all) call-backs of the region, newest first, at most {@code limit}. */
  public Future<JsonArray> list(Principal p, boolean pendingOnly, int limit) {
    var api = grid.store().api();
    return api.zrevrange(List.of(VisitKeys.CALLBACKS, "0", "-1")).compose(ids -> {
      List<Future<Map<String, String>>> rows = new ArrayList<>();
      ids.forEach(id -> rows.add(api.hgetall(VisitKeys.callback(id.toString())).map(Hashes::flat)));
      return Future.all(rows).map(cf -> {
        JsonArray out = new JsonArray();
        for (Future<Map<String, String>> f : rows) {
          Map<String, String> h = f.result();
          if (out.size() < limit && p.scope().coversRegion(h.get("region"))
              && (!pendingOnly || "PENDING".equals(h.get("status")))) {
            out.add(view(h));
          }
        }
        return out;
      });
    });
  }

  private static JsonObject view(Map<String, String> h) {
    JsonObject o = new JsonObject().put("id", h.get("id")).put("visitId", h.get("visitId")).put("uscc", h.get("uscc"))
        .put("liaisonId", h.get("liaisonId")).put("mode", h.get("mode")).put("cell", h.get("cell"))
        .put("visitAt", Instant.ofEpochMilli(Long.parseLong(h.get("visitAt"))).toString())
        .put("status", h.get("status"));
    if ("DONE".equals(h.get("status"))) {
      o.put("confirmed", "1".equals(h.get("confirmed"))).put("satisfaction", Integer.parseInt(h.get("satisfaction")))
          .put("comment", h.get("comment"));
    }
    return o;
  }

  private static int intField(JsonObject body, String f, int max) {
    Object v = body.getValue(f);
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < 1 || n.intValue() > max) {
      throw ProblemException.invalid("/" + f, Text.of("field.whole-range", f, 1, max));
    }
    return n.intValue();
  }
}
