package cn.enterprisegrid.notify;

import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The push-to-payment funnel: distinct firms per policy at each stage (pushed, delivered, opened, applied, granted,
 * paid), summed by department. Later stages count only firms that were pushed the policy; rates are relative to
 * the previous stage and to pushed (docs/notifications.md).
 */
final class Funnel {
  static final List<String> STAGES = List.of("pushed", "delivered", "opened", "applied", "granted", "paid");

  private final Store store;

  Funnel(Store store) {
    this.store = store;
  }

  /**
   * @param policy     only this policy, nullable
   * @param department only this department, nullable
   */
  Future<JsonObject> report(String policy, String department) {
    return store.api().hgetall(NotifyKeys.FUNNEL_POLICIES).compose(r -> {
      Map<String, JsonObject> policies = new TreeMap<>();
      if (r != null) {
        for (String id : r.getKeys()) {
          JsonObject meta = new JsonObject(r.get(id).toString());
          if ((policy == null || policy.equals(id))
              && (department == null || department.equals(meta.getString("department")))) {
            policies.put(id, meta);
          }
        }
      }
      List<Future<Response>> counts = new ArrayList<>();
      for (String id : policies.keySet()) {
        for (String stage : STAGES) {
          counts.add(store.api().scard(NotifyKeys.funnel(id, stage)));
        }
      }
      return Future.all(counts).map(all -> {
        JsonArray rows = new JsonArray();
        Map<String, long[]> byDept = new TreeMap<>();
        long[] total = new long[STAGES.size()];
        int k = 0;
        for (Map.Entry<String, JsonObject> p : policies.entrySet()) {
          long[] c = new long[STAGES.size()];
          for (int s = 0; s < STAGES.size(); s++) {
            c[s] = all.<Response>resultAt(k++).toLong();
          }
          String dept = p.getValue().getString("department", "");
          long[] d = byDept.computeIfAbsent(dept, x -> new long[STAGES.size()]);
          for (int s = 0; s < c.length; s++) {
            d[s] += c[s];
            total[s] += c[s];
          }
          rows.add(row(c).put("policyId", p.getKey()).put("title", p.getValue().getString("title"))
              .put("department", dept));
        }
        JsonArray depts = new JsonArray();
        byDept.forEach((dept, c) -> depts.add(row(c).put("department", dept)));
        return new JsonObject().put("stages", new JsonArray(STAGES)).put("policies", rows)
            .put("departments", depts).put("total", row(total));
      });
    });
  }

  /** The counts and the conversion rates of one row. */
  static JsonObject row(long[] c) {
    JsonObject out = new JsonObject();
    JsonObject step = new JsonObject();
    JsonObject fromPushed = new JsonObject();
    for (int s = 0; s < STAGES.size(); s++) {
      out.put(STAGES.get(s), c[s]);
      if (s > 0) {
        step.put(STAGES.get(s), rate(c[s], c[s - 1]));
        fromPushed.put(STAGES.get(s), rate(c[s], c[0]));
      }
    }
    return out.put("stepRate", step).put("rateFromPushed", fromPushed);
  }

  private static Double rate(long n, long of) {
    return of == 0 ? null : Math.round(10_000.0 * n / of) / 10_000.0;
  }
}
