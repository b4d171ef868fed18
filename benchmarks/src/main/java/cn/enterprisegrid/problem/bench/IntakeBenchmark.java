package cn.enterprisegrid.problem.bench;

import cn.enterprisegrid.Backend;
import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.auth.Scope;
import cn.enterprisegrid.auth.Tokens;
import cn.enterprisegrid.bench.InProcessBackend;
import cn.enterprisegrid.bench.Wrk;
import cn.enterprisegrid.problem.ProblemKeys;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Intake throughput of the problem loop over HTTP (not a unit test; run by {@code
 * backend/bench-intake.sh}): starts the backend in this process on an embedded Redis, registers F
 * firms of 开化县 (default 3,000), then lets wrk, a load generator in its own process, file problems
 * through {@code POST /mp/v1/problems} for S seconds (default 20, after a 5 s warm-up) with C
 * connections (default 64), each request as one of the firms. Prints wrk's figures, then checks that
 * every acknowledged case is stored once, reaches the listing index and was looked at for similar
 * open cases (the indexer links them after the filing), and how long the indexer took to catch up.
 *
 * <p>Arguments: {@code [seconds] [connections] [firms]}.
 */
public final class IntakeBenchmark {
  private static final int WARM_UP_S = 5;
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
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    int firms = args.length > 2 ? Integer.parseInt(args[2]) : 3_000;

    try (InProcessBackend app = InProcessBackend.start("bench-intake", 1, new JsonObject())) {
      Backend backend = app.backend;
      RedisAPI api = app.api;
      List<String> usccs = app.registerFirms(firms, 11);
      Tokens tokens = new Tokens(app.vertx, Tokens.loadOrCreateSecret(app.data, null), Duration.ofHours(2));
      List<String> bearer = new ArrayList<>(firms);
      for (String u : usccs) {
        bearer.add(tokens.issue(new Principal("wx:b-" + u, Role.ENTERPRISE, new Scope(null, null, null, u), "b-" + u)));
      }
      Path script = Files.createTempFile(app.data, "intake", ".lua");
      Files.writeString(script, luaScript(bearer), StandardCharsets.UTF_8);
      String url = "http://127.0.0.1:" + app.port;

      Wrk warm = Wrk.run(script, url, connections, WARM_UP_S, false);
      Wrk run = Wrk.run(script, url, connections, seconds, true);
      long answered = System.nanoTime();
      // the requests wrk left in flight are answered meanwhile
      Thread.sleep(1_000);

      long stored = Long.parseLong(api.get(ProblemKeys.SEQUENCE).await().toString());
      long listed = 0;
      for (String u : usccs) {
        listed += api.zcard(ProblemKeys.ofFirm(u)).await().toLong();
      }
      while (backend.problemIndex().size() < stored && System.nanoTime() - answered < 300e9) {
        Thread.sleep(50);
      }
      double indexLagS = (System.nanoTime() - answered) / 1e9;
      long linked = withCandidates(api, stored);
      long acknowledged = warm.count("created") + run.count("created");
      // wrk stops with requests in flight: those are stored though wrk counts no answer for them
      boolean correct = warm.count("other") == 0 && run.count("other") == 0 && stored >= acknowledged
          && stored <= acknowledged + 2L * connections && listed == stored && backend.problemIndex().size() == stored;

      System.out.println();
      System.out.println("| measurement | value |");
      System.out.println("|---|---|");
      System.out.printf("| problems filed over HTTP (POST /mp/v1/problems, wrk, %d connections, %,d firms) | %,d in "
          + "%d s = %,.0f /s |%n", connections, firms, run.count("created"), seconds, run.perSecond());
      System.out.printf("| latency p50 / p90 / p99 (wrk) | %s / %s / %s |%n", run.p50(), run.p90(), run.p99());
      System.out.printf("| answers 201 / other (warm-up and run) | %,d / %,d |%n", acknowledged, warm.count("other") + run.count("other"));
      System.out.printf("| cases stored (ids drawn) / in the firms' lists / in the listing index | %,d / %,d / %,d |%n",
          stored, listed, backend.problemIndex().size());
      System.out.printf("| indexer caught up (listing, similar cases linked) | %.2f s after the last answer |%n",
          indexLagS);
      System.out.printf("| cases linked to possibly-same open cases | %,d of %,d |%n", linked, stored);
      System.out.printf("| every acknowledged case stored once and indexed | %s |%n", correct ? "yes" : "NO");
    }
  }

  /** How many of the cases 1..stored carry {@code similar} candidates. */
  private static long withCandidates(RedisAPI api, long stored) {
    long n = 0;
    for (long from = 1; from <= stored; from += 16) {
      List<Future<Response>> batch = new ArrayList<>();
      for (long id = from; id < from + 16 && id <= stored; id++) {
        batch.add(api.hexists(ProblemKeys.problem(String.valueOf(id)), "similar"));
      }
      for (Future<Response> f : batch) {
        n += f.await().toInteger();
      }
    }
    return n;
  }

  /** A wrk script: each request as the next firm (tokens) with the next text; counts 201s and the rest. */
  private static String luaScript(List<String> bearer) {
    StringBuilder s = new StringBuilder("local tokens = {\n");
    bearer.forEach(t -> s.append("  \"").append(t).append("\",\n"));
    s.append("}\nlocal texts = {\n");
    for (int i = 0; i < TEXTS.length; i++) {
      s.append("  '{\"category\":\"").append(TEXTS[i][0]).append("\",\"title\":\"").append(TEXTS[i][1])
          .append("\",\"description\":\"").append(TEXTS[i][2]).append("\",\"anonymous\":")
          .append(i % 5 == 0).append("}',\n");
    }
    s.append("""
        }
        local threads = {}
        function setup(thread)
          thread:set("id", #threads)
          table.insert(threads, thread)
        end
        function init(args)
          n = id * 7919
          created = 0
          other = 0
        end
        function request()
          n = n + 1
          return wrk.format("POST", "/mp/v1/problems", {
            ["Authorization"] = "Bearer " .. tokens[n % #tokens + 1],
            ["Content-Type"] = "application/json"}, texts[n % #texts + 1])
        end
        function response(status, headers, body)
          if status == 201 then created = created + 1 else other = other + 1 end
          if status ~= 201 and other <= 3 then print("unexpected answer " .. status .. ": " .. body) end
        end
        function done(summary, latency, requests)
          local c, o = 0, 0
          for _, t in ipairs(threads) do
            c = c + t:get("created")
            o = o + t:get("other")
          end
          print("COUNT created " .. c)
          print("COUNT other " .. o)
        end
        """);
    return s.toString();
  }
}
