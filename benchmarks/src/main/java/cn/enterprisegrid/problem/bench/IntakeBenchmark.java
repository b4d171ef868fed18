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
  /** What firms of a county ask (category, title, description): many alike, as real intake is. */
  private static final String[][] TEXTS = {
      {"LABOUR", "招工难", "企业扩产需要招聘一线技术工人五十名，近两个月招聘会效果不佳"},
      {"LABOUR", "技能人才缺口", "数控机床操作工紧缺，希望对接县职业技术学校定向培养"},
      {"LABOUR", "社保缴费基数咨询", "新入职员工社保缴费基数如何核定，希望人社部门上门指导"},
      {"FINANCING", "流动资金贷款审批慢", "向银行申请流动资金贷款两个月未有答复，影响原材料采购"},
      {"FINANCING", "担保费率偏高", "政策性融资担保费率偏高，希望降低担保费用"},
      {"FINANCING", "应收账款融资", "希望通过应收账款质押获得融资，不清楚办理流程"},
      {"LAND", "厂房扩建用地指标", "扩建厂房需要新增用地指标，规划审批尚未通过"},
      {"LAND", "土地证办理", "新建厂房已竣工，不动产权证办理进度缓慢"},
      {"APPROVAL", "环评审批时间长", "技改项目环评审批等待时间长，影响项目开工"},
      {"APPROVAL", "消防验收预约", "新厂区消防验收预约不上，希望加快安排"},
      {"POLICY", "技改补助未到账", "去年申报的技改补助已公示，资金迟迟未到账"},
      {"POLICY", "研发费用加计扣除", "研发费用加计扣除政策口径不清楚，希望专人辅导"},
      {"UTILITIES", "园区停电频繁", "园区供电线路老化，近一个月停电三次，影响生产"},
      {"UTILITIES", "天然气管道接入", "新厂区需要接入天然气管道，报装后一直未施工"},
      {"UTILITIES", "自来水水压不足", "厂区自来水水压低，锅炉补水困难"},
      {"LEGAL", "合同纠纷调解", "与外地客户货款纠纷，希望提供法律援助和调解"},
      {"LEGAL", "商标被抢注", "企业商标在外省被抢注，希望协助维权"},
      {"OTHER", "道路破损影响运输", "园区门口道路破损严重，货车进出困难"},
      {"OTHER", "员工子女入学", "外地员工子女在本地入学需要协调学位"},
      {"OTHER", "物流配送成本高", "山区物流配送成本高，希望协调快递企业设点"}};

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
    String[] text = TEXTS[i % TEXTS.length];
    JsonObject body = new JsonObject().put("category", text[0]).put("title", text[1]).put("description", text[2])
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
