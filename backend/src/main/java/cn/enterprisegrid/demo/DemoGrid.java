package cn.enterprisegrid.demo;

import cn.enterprisegrid.auth.AccountStore;
import cn.enterprisegrid.auth.Passwords;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.auth.Scope;
import cn.enterprisegrid.grid.Cells;
import cn.enterprisegrid.grid.GridKeys;
import cn.enterprisegrid.grid.GridStore;
import cn.enterprisegrid.grid.GridSync;
import cn.enterprisegrid.policyindex.reference.Division;
import cn.enterprisegrid.policyindex.reference.DivisionLevel;
import cn.enterprisegrid.policyindex.reference.Divisions;
import cn.enterprisegrid.store.ScriptResult;
import cn.enterprisegrid.store.Store;
import cn.enterprisegrid.visit.Callbacks;
import cn.enterprisegrid.visit.VisitKeys;
import cn.enterprisegrid.visit.Visits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The grid of the 开化县 demo: one cell per township, about 60 liaisons (township cadres, county
 * bureau staff and a few county leaders for key firms), every demo firm assigned, four months of
 * visits and a round of blind call-backs. Runs after the enterprise demo part. Deterministic.
 */
final class DemoGrid {
  static final int LIAISONS = 60;
  private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
      "胡", "朱", "高", "林", "何", "郭", "马", "罗", "汪", "方", "余", "程", "叶", "姜", "邵", "鲁"};
  private static final String[] GIVEN = {"建国", "海燕", "志强", "丽娟", "伟", "敏", "静", "军", "秀英", "磊", "洋",
      "艳", "勇", "杰", "娟", "涛", "明", "超", "晓东", "春华", "国平", "卫东", "晨", "婷", "浩然", "雪芳", "立新", "慧"};
  private static final String[] BUREAUS = {"开化县经济和信息化局", "开化县发展和改革局", "开化县商务局",
      "开化县科学技术局", "开化县市场监督管理局", "开化县人力资源和社会保障局"};
  private static final long DAY = 86_400_000L;

  private final Vertx vertx;
  private final Store store;
  private final GridStore grid;
  private final Random random = new Random(2026_0824);

  DemoGrid(Vertx vertx, Store store) {
    this.vertx = vertx;
    this.store = store;
    this.grid = new GridStore(store);
  }

  Future<Void> load() {
    return vertx.executeBlocking(() -> Cells.divisionsOf(DemoData.COUNTY, DivisionLevel.TOWNSHIP), false)
        .compose(cells -> grid.run("build", "demo", new JsonObject().put("county", DemoData.COUNTY)
            .put("level", "TOWNSHIP").put("cells", cells)))
        .compose(v -> vertx.executeBlocking(() -> Passwords.hash(DemoData.PASSWORD), false))
        .compose(this::liaisons)
        .compose(v -> new GridSync(grid).run("demo"))
        .compose(v -> visits())
        .compose(v -> callbacks());
  }

  /** Liaisons per township in proportion to its villages (the demo firms spread over villages). */
  private Future<Void> liaisons(String hash) {
    Divisions divisions = Divisions.standard();
    List<Division> townships = divisions.children(DemoData.COUNTY);
    int[] weight = new int[townships.size()];
    int total = 0;
    for (int i = 0; i < weight.length; i++) {
      weight[i] = 1 + divisions.children(townships.get(i).code()).size();
      total += weight[i];
    }
    AccountStore accounts = new AccountStore(store);
    Future<Void> chain = Future.succeededFuture();
    int made = 0;
    for (int i = 0; i < townships.size(); i++) {
      Division t = townships.get(i);
      int k = Math.max(2, (int) Math.round((double) LIAISONS * weight[i] / total));
      double firms = (double) DemoData.FIRMS * weight[i] / total;
      for (int j = 0; j < k; j++) {
        made++;
        String id = String.format("L%04d", made);
        // the first three are the README's demo logins kh.liaison01..03 (accounts made earlier)
        String username = made <= 3 ? String.format("kh.liaison%02d", made) : "kh.l" + id.substring(1);
        String rank = j == 0 ? (i % 5 == 0 ? "LEADER" : "DIRECTOR") : "STAFF";
        String unit = j == 0 && rank.equals("LEADER") ? "开化县人民政府"
            : j % 3 == 2 ? BUREAUS[random.nextInt(BUREAUS.length)]
            : t.name() + (t.name().endsWith("街道") ? "办事处" : "人民政府");
        int capacity = (int) Math.ceil(firms / k * 1.5) + 5;
        JsonObject args = new JsonObject().put("id", id)
            .put("name", SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)])
            .put("phone", "13" + (5 + random.nextInt(5)) + String.format("%08d", random.nextInt(100_000_000)))
            .put("unit", unit).put("rank", rank).put("senior", !rank.equals("STAFF")).put("capacity", capacity)
            .put("cells", new JsonArray().add(t.code())).put("region", t.code()).put("username", username);
        boolean existing = made <= 3;
        chain = chain
            .compose(v -> store.api().incr(GridKeys.sequence("liaison")))
            .compose(v -> existing ? Future.succeededFuture(true)
                : accounts.create(username, Role.LIAISON, new Scope(t.code(), null, id, null), hash, "demo"))
            .compose(v -> grid.run("liaison_create", "demo", args))
            .mapEmpty();
      }
    }
    return chain;
  }

  /** About four months of visits: key firms monthly, others every two to four months; some lag. */
  private Future<Void> visits() {
    long now = System.currentTimeMillis();
    return store.api().smembers(GridKeys.ACTIVE_LIAISONS).compose(ids -> {
      Future<Void> chain = Future.succeededFuture();
      for (Response id : ids) {
        String l = id.toString();
        boolean lagging = random.nextInt(6) == 0;
        chain = chain.compose(v -> store.api().smembers(GridKeys.liaisonFirms(l))).compose(firms -> {
          List<Future<ScriptResult>> all = new ArrayList<>();
          for (Response f : firms) {
            String u = f.toString();
            int n = lagging ? random.nextInt(2) : 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
              long at = now - (long) (random.nextDouble() * 120 * DAY);
              String mode = List.of("ONSITE", "ONSITE", "PHONE", "WECHAT", "SMS").get(random.nextInt(5));
              boolean far = mode.equals("ONSITE") && random.nextInt(12) == 0;
              JsonObject args = new JsonObject().put("uscc", u).put("liaisonId", l).put("mode", mode).put("at", at)
                  .put("location", mode.equals("ONSITE") ? "{\"demo\":true}" : "")
                  .put("distance", mode.equals("ONSITE") ? String.valueOf(far ? 800 + random.nextInt(3000) : random.nextInt(200)) : "")
                  .put("flagged", far).put("notes", "了解企业生产经营情况，宣传惠企政策" + (random.nextInt(8) == 0
                      ? "；企业反映" + List.of("招工难", "融资难", "用地指标紧张", "物流成本高").get(random.nextInt(4)) : ""))
                  // the demo's problems are cases of their own part (DemoProblems)
                  .put("problems", new JsonArray())
                  .put("corrections", "[]");
              all.add(Visits.record(store, "demo", now, args));
            }
          }
          return Future.all(all).mapEmpty();
        });
      }
      return chain;
    });
  }

  /** One round of blind call-backs over the last 60 days, outcomes recorded. */
  private Future<Void> callbacks() {
    long now = System.currentTimeMillis();
    return store.api().zrangebyscore(List.of(VisitKeys.VISITS, String.valueOf(now - 60 * DAY), String.valueOf(now)))
        .compose(ids -> {
          List<String> all = new ArrayList<>();
          ids.forEach(r -> all.add(r.toString()));
          Collections.shuffle(all, random);
          List<String> chosen = all.subList(0, Math.min(200, all.size()));
          return Callbacks.sample(store, "demo", now, chosen, 60, 200);
        })
        .compose(a -> {
          List<Future<ScriptResult>> all = new ArrayList<>();
          // outcomes for three quarters; the rest stay pending for the console
          for (int i = 0; i < a.size() * 3 / 4; i++) {
            boolean confirmed = random.nextInt(10) > 0;
            int satisfaction = confirmed ? 3 + random.nextInt(3) : 1 + random.nextInt(3);
            all.add(Callbacks.record(store, "demo", now,
                new JsonObject().put("id", a.getString(i)).put("confirmed", confirmed)
                    .put("satisfaction", satisfaction).put("comment", confirmed ? "服务到位" : "未见走访")));
          }
          return Future.all(all).mapEmpty();
        });
  }
}
