package cn.enterprisegrid.problem.bench;

import cn.enterprisegrid.calendar.CalendarStore;
import cn.enterprisegrid.calendar.WorkingCalendar;
import cn.enterprisegrid.policyindex.reference.Division;
import cn.enterprisegrid.policyindex.reference.DivisionLevel;
import cn.enterprisegrid.policyindex.reference.Divisions;
import cn.enterprisegrid.problem.Bulletins;
import cn.enterprisegrid.problem.Categories;
import cn.enterprisegrid.problem.Complexity;
import cn.enterprisegrid.problem.ProblemKeys;
import cn.enterprisegrid.problem.ProblemReports;
import cn.enterprisegrid.problem.ProblemStore;
import cn.enterprisegrid.problem.ReportTable;
import cn.enterprisegrid.problem.ReportXlsx;
import cn.enterprisegrid.problem.Step;
import cn.enterprisegrid.problem.StepArgs;
import cn.enterprisegrid.store.EmbeddedRedis;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The problems at the scale of a prefecture city over ten years, against an embedded Redis in a
 * temp dir: N cases (default 1 M) over the counties and townships of 金华市 (3307, from the bundled
 * divisions), filed uniformly from 2017 to now. The cases of the past are written directly with
 * pipelined writes of the keys the scripts write (the case hash with its clock, six history
 * entries, the firm's list, the report fact in its township-month hash, the township sets; closed,
 * so on no clock); the last 2 % (filed in the last 30 days) go through {@code ProblemStore.file}
 * and its steps at their instants, and the clock's ticks run as the scheduler runs them, leaving a
 * backlog of a tenth of the due cases untouched, so that some are due and many overdue now. Then
 * the timed reads: the scheduler's poll ({@code ZRANGEBYSCORE problems:clock} with its limit),
 * {@code ProblemStore.overdueNow} (both sets, and the views), the report and the bulletin of one
 * county over 2025, the bulletin as XLSX; and Redis memory per case.
 * Usage: ProblemBenchmark [cases=1000000]
 */
public final class ProblemBenchmark {
  private static final String[] DEPARTMENTS = {"财政局", "人力资源和社会保障局", "自然资源和规划局", "发展和改革局",
      "经济和信息化局", "市场监督管理局", "住房和城乡建设局", "商务局", "司法局", "税务局", "供电公司", "水务集团"};
  private static final String DESCRIPTION = "企业反映：申请流动资金贷款两个月未有答复，影响原材料采购，希望相关部门协调银行加快审批进度。";

  public static void main(String[] args) throws Exception {
    int cases = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int live = Math.max(100, cases / 50);
    int past = cases - live;
    Path dir = Files.createTempDirectory("problem-bench");
    Map<String, String> rows = new LinkedHashMap<>();
    Vertx vertx = Vertx.vertx();
    Instant now = Instant.now();
    try (EmbeddedRedis redis = EmbeddedRedis.start(dir, "everysec")) {
      Store store = Store.connect(vertx, redis.url());
      Divisions divisions = Divisions.standard();
      List<Division> counties = divisions.children("3307");
      List<String> townships = new ArrayList<>();
      Map<String, String> countyOf = new LinkedHashMap<>();
      for (Division c : counties) {
        for (Division t : divisions.children(c.code())) {
          if (t.level() == DivisionLevel.TOWNSHIP) {
            townships.add(t.code());
            countyOf.put(t.code(), c.name());
          }
        }
      }
      long before = usedMemory(store);

      long t0 = System.nanoTime();
      writePast(redis.port(), past, townships, countyOf, now);
      rows.put("cases of the past written directly (" + String.format("%,d", past) + ", " + counties.size()
          + " counties, " + townships.size() + " townships, 2017 to now)", ms(t0));

      t0 = System.nanoTime();
      WorkingCalendar cal = new CalendarStore(store).calendar().await();
      ProblemStore problems = new ProblemStore(store, new CalendarStore(store), Categories.DEFAULTS, Clock.systemUTC());
      int overdueTicked = fileLive(problems, store, live, past, townships, countyOf, now, cal);
      rows.put("cases of the last 30 days through the scripts (" + String.format("%,d", live)
          + " filed, accepted, dispatched, some reported; " + String.format("%,d", overdueTicked) + " ticks)", ms(t0));
      long after = usedMemory(store);
      long clockDue = store.api().zcount(ProblemKeys.CLOCK, "-inf", String.valueOf(now.toEpochMilli())).await().toLong();
      long overdue = store.api().zcard(ProblemKeys.OVERDUE).await().toLong();
      long onClock = store.api().zcard(ProblemKeys.CLOCK).await().toLong();
      rows.put("state now: on the clock / due now (untouched backlog) / overdue", String.format("%,d / %,d / %,d",
          onClock, clockDue, overdue));
      rows.put("redis used_memory for the cases, per case", String.format("%,d MB, %,d bytes", (after - before) >> 20,
          (after - before) / cases));
      rows.put("  of which (MEMORY USAGE of case 1): its hash / its history stream", String.format("%,d / %,d bytes",
          memory(store, ProblemKeys.problem("1")), memory(store, ProblemKeys.history("1"))));
      String bucket = store.api().hgetall(ProblemKeys.problem("1")).await().get("township").toString();
      String month = store.api().hget(ProblemKeys.problem("1"), "filedAt").await().toString().substring(0, 7);
      long facts = store.api().hlen(ProblemKeys.facts(bucket, month)).await().toLong();
      rows.put("  a report fact (its township-month hash / its cases)", String.format("%,d bytes",
          memory(store, ProblemKeys.facts(bucket, month)) / Math.max(1, facts)));

      String max = String.valueOf(now.toEpochMilli());
      rows.put("scheduler poll: ZRANGEBYSCORE problems:clock -inf now LIMIT 0 " + poll() + ", 50 runs (target <= 100 ms)",
          times(50, () -> store.api().zrangebyscore(List.of(ProblemKeys.CLOCK, "-inf", max, "LIMIT", "0",
              String.valueOf(poll())))));
      int[] found = new int[1];
      rows.put("overdueNow(now, 200): both sets and 200 views, 50 runs", times(50, () -> problems.overdueNow(now, 200)
          .map(a -> found[0] = a.size())));
      rows.put("  overdue cases answered", String.valueOf(found[0]));

      ProblemReports reports = new ProblemReports(store, divisions);
      Bulletins bulletins = new Bulletins(store, reports, Clock.systemUTC());
      Division county = counties.get(0);
      LocalDate from = LocalDate.parse("2025-01-01");
      LocalDate to = LocalDate.parse("2025-12-31");
      long[] received = new long[1];
      rows.put("report of " + county.name() + " over 2025 by township, 20 runs (target <= 1 s)", times(20, () -> reports
          .report(county.code(), null, from, to, ProblemReports.GroupBy.TOWNSHIP)
          .map(r -> received[0] = r.getJsonObject("totals").getLong("received"))));
      rows.put("  cases in it", String.format("%,d", received[0]));
      rows.put("report of " + county.name() + " over 2025 by department, 20 runs", times(20, () -> reports
          .report(county.code(), null, from, to, ProblemReports.GroupBy.DEPARTMENT)));
      JsonObject[] bulletin = new JsonObject[1];
      rows.put("bulletin of " + county.name() + " over 2025 by township, 20 runs", times(20, () -> bulletins
          .bulletin(county.code(), null, from, to, ProblemReports.GroupBy.TOWNSHIP).map(b -> bulletin[0] = b)));
      long[] bytes = new long[1];
      rows.put("  the bulletin as XLSX (" + bulletin[0].getJsonArray("items").size() + " rows), 20 runs", times(20,
          () -> Future.succeededFuture(bytes[0] = ReportXlsx.write(ReportTable.ofBulletin(bulletin[0]), "通报").length())));
      rows.put("report of 金华市 (every county) over 2025 by department, 5 runs", times(5, () -> reports
          .report("3307", null, from, to, ProblemReports.GroupBy.DEPARTMENT)));
      store.close().await();
    } finally {
      vertx.close().await();
    }
    System.out.println();
    System.out.printf("%-110s %s%n", "step", "figure");
    rows.forEach((k, v) -> System.out.printf("%-110s %s%n", k, v));
  }

  private static int poll() {
    return 200; // ProblemClock.BATCH, the scheduler's limit per poll
  }

  /**
   * Cases filed from 2017 to 30 days ago, closed (one in 200 still open and overdue, a case
   * forgotten): hash, history, firm's list and report fact as the scripts leave them.
   */
  private static void writePast(int port, int n, List<String> townships, Map<String, String> countyOf, Instant now)
      throws IOException {
    Random random = new Random(1);
    long start = Instant.parse("2017-01-01T00:00:00Z").toEpochMilli();
    long span = now.minus(Duration.ofDays(30)).toEpochMilli() - start;
    Map<String, Integer> firmOpen = new LinkedHashMap<>();
    try (RespPipe pipe = new RespPipe("127.0.0.1", port)) {
      for (int i = 1; i <= n; i++) {
        String id = String.valueOf(i);
        String township = townships.get(random.nextInt(townships.size()));
        String dept = countyOf.get(township) + DEPARTMENTS[random.nextInt(DEPARTMENTS.length)];
        Instant filed = Instant.ofEpochMilli(start + (long) (random.nextDouble() * span));
        LocalDate day = LocalDate.ofInstant(filed, WorkingCalendar.ZONE);
        String uscc = String.format("91%s%09dX", township.substring(0, 6), random.nextInt(Math.max(1, n / 5)));
        boolean rejected = random.nextInt(100) < 3;
        boolean forgotten = !rejected && random.nextInt(200) == 0;
        int w = 1 + random.nextInt(random.nextInt(10) == 0 ? 22 : 7);
        int g = rating(random);
        int breaches = random.nextInt(100) < 6 ? 1 : 0;
        List<String> h = new ArrayList<>(List.of("HSET", ProblemKeys.problem(id), "id", id,
            "status", rejected ? "REJECTED" : forgotten ? "IN_PROGRESS" : "CLOSED",
            "category", "FINANCING", "uscc", uscc, "township", township, "source", "FIRM",
            "title", "贷款审批慢", "description", DESCRIPTION, "attachments", "[]", "anonymous", "0",
            "clock", clockJson(day, w), "filedAt", filed.toString(), "filedBy", "firm:" + uscc,
            "updatedAt", filed.toString(), "version", "7"));
        if (!rejected) {
          h.addAll(List.of("department", dept, "complexity", "ORDINARY",
              "dispatchNo", String.format("JB-%d-%06d", day.getYear(), i % 1_000_000),
              "resolution", "已协调银行完成审批并放款", "rating", RATINGS[g - 1],
              "fired", breaches > 0 ? "[\"WARN:RESOLVE:" + day + "\",\"BREACH:RESOLVE:" + day + "\"]" : "[]"));
        }
        pipe.send(h.toArray(String[]::new));
        String[] steps = rejected ? new String[] {"FILE", "REJECT"}
            : new String[] {"FILE", "ACCEPT", "DISPATCH", "PROGRESS", "RESOLVE", "RATE"};
        for (String s : steps) {
          pipe.send("XADD", ProblemKeys.history(id), "*", "step", s, "label", "办理", "actor", "admin",
              "at", filed.toString(), "status", "CLOSED", "note", "");
        }
        pipe.send("ZADD", ProblemKeys.ofFirm(uscc), String.valueOf(filed.toEpochMilli()), id);
        JsonObject fact = new JsonObject().put("f", day.toString()).put("d", rejected ? "" : dept)
            .put("a", random.nextInt(100) < 95 ? 1 : 0).put("p", forgotten ? 1 : 0).put("v", forgotten ? 1 : 0);
        if (rejected) {
          fact.put("x", 1).put("s", 0);
        } else {
          fact.put("c", 1).put("r", random.nextInt(100) < 90 ? 1 : 0).put("s", forgotten ? 0 : 1).put("w", w)
              .put("g", g).put("o", random.nextInt(100) < 4 ? 1 : 0).put("b", breaches + (forgotten ? 1 : 0));
        }
        pipe.send("HSET", ProblemKeys.facts(township, day.toString().substring(0, 7)), id, fact.encode());
        pipe.send("SADD", ProblemKeys.FACT_TOWNSHIPS, township);
        if (!rejected) {
          pipe.send("SADD", ProblemKeys.factsOfDepartment(dept), township);
        }
        if (forgotten) {
          // still open, its resolve deadline long passed: overdue since then, its events fired
          pipe.send("ZADD", ProblemKeys.OVERDUE, String.valueOf(filed.plus(Duration.ofDays(10)).toEpochMilli()), id);
          firmOpen.merge(uscc, 1, Integer::sum);
        }
      }
      for (var e : firmOpen.entrySet()) {
        pipe.send("HINCRBY", ProblemKeys.FIRMS, "o:" + e.getKey(), String.valueOf(e.getValue()));
        pipe.send("HINCRBY", ProblemKeys.FIRMS, "v:" + e.getKey(), String.valueOf(e.getValue()));
      }
      pipe.send("SET", ProblemKeys.SEQUENCE, String.valueOf(n));
    }
  }

  private static final String[] RATINGS = {"VERY_SATISFIED", "SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED",
      "VERY_DISSATISFIED"};

  /** 62 % 非常满意, 24 % 满意, 8 % 基本满意, 4 % 不满意, 2 % 非常不满意. */
  private static int rating(Random random) {
    int r = random.nextInt(100);
    return r < 62 ? 1 : r < 86 ? 2 : r < 94 ? 3 : r < 98 ? 4 : 5;
  }

  /** A met clock as the scripts leave a resolved case (dates approximate: only its size matters here). */
  private static String clockJson(LocalDate day, int w) {
    JsonObject accept = deadline("ACCEPT", day, 1);
    JsonObject first = deadline("FIRST_REPORT", day, 3);
    JsonObject resolve = deadline("RESOLVE", day, 7 + Math.max(0, w - 7));
    return new JsonObject().put("accept", accept).put("firstReport", first).put("resolve", resolve)
        .putNull("verify").putNull("suspendedSince").put("suspendedWorkingDays", 0).encode();
  }

  private static JsonObject deadline(String kind, LocalDate start, int days) {
    return new JsonObject().put("kind", kind).put("start", start.toString()).put("workingDays", days)
        .put("due", start.plusDays(days + days / 5 * 2).toString()).put("warnOn", start.plusDays(days).toString())
        .put("met", true);
  }

  /**
   * The last 30 days through the scripts, 64 cases at a time: filed; 85 % accepted an hour later
   * and dispatched; of those half report progress the next day. Then the clock's ticks at now for
   * nine in ten of the due cases. Answers the ticks run.
   */
  private static int fileLive(ProblemStore problems, Store store, int n, int firstId, List<String> townships,
      Map<String, String> countyOf, Instant now, WorkingCalendar cal) {
    Random random = new Random(2);
    List<Future<?>> pending = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String township = townships.get(random.nextInt(townships.size()));
      String dept = countyOf.get(township) + DEPARTMENTS[random.nextInt(DEPARTMENTS.length)];
      Instant filed = now.minus(Duration.ofMinutes(1 + random.nextInt(30 * 24 * 60)));
      String uscc = String.format("92%s%09dX", township.substring(0, 6), random.nextInt(Math.max(1, n)));
      int path = random.nextInt(100);
      Future<JsonObject> f = problems.at(fixed(filed)).file(new ProblemStore.Intake(uscc, township,
          ProblemStore.Source.FIRM, "FINANCING", "贷款审批慢", DESCRIPTION, List.of(), false), "firm:" + uscc);
      if (path < 85) {
        Instant accepted = filed.plus(Duration.ofHours(1)).isAfter(now) ? now : filed.plus(Duration.ofHours(1));
        f = f.compose(v -> problems.at(fixed(accepted)).step(v.getString("id"), Step.ACCEPT, StepArgs.none(), "admin"))
            .compose(v -> problems.at(fixed(accepted)).step(v.getString("id"), Step.DISPATCH,
                StepArgs.dispatch(dept, Complexity.ORDINARY), "admin"));
        Instant reported = filed.plus(Duration.ofDays(1));
        if (path < 42 && reported.isBefore(now)) {
          f = f.compose(v -> problems.at(fixed(reported)).step(v.getString("id"), Step.PROGRESS,
              StepArgs.note("已联系企业"), "admin"));
        }
      }
      pending.add(f);
      if (pending.size() == 64) {
        Future.all(pending).await();
        pending.clear();
      }
    }
    Future.all(pending).await();
    List<String> due = new ArrayList<>();
    store.api().zrangebyscore(List.of(ProblemKeys.CLOCK, "-inf", String.valueOf(now.toEpochMilli())))
        .await().forEach(r -> due.add(r.toString()));
    ProblemStore atNow = problems.at(fixed(now));
    int ticks = 0;
    for (int i = 0; i < due.size(); i++) {
      if (i % 10 == 9) {
        continue; // the backlog a restarted node finds
      }
      pending.add(atNow.tick(due.get(i)));
      ticks++;
      if (pending.size() == 64) {
        Future.all(pending).await();
        pending.clear();
      }
    }
    Future.all(pending).await();
    return ticks;
  }

  private static Clock fixed(Instant at) {
    return Clock.fixed(at, ZoneOffset.UTC);
  }

  /** Median and 99th percentile (nearest rank) of {@code runs} timed calls, after two untimed ones. */
  private static String times(int runs, Supplier<Future<?>> call) {
    call.get().await();
    call.get().await();
    long[] t = new long[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      call.get().await();
      t[i] = System.nanoTime() - t0;
    }
    Arrays.sort(t);
    return String.format("median %.2f ms, p99 %.2f ms", t[runs / 2] / 1e6, t[(int) Math.ceil(0.99 * runs) - 1] / 1e6);
  }

  private static String ms(long t0) {
    return String.format("%,d ms", (System.nanoTime() - t0) / 1_000_000);
  }

  private static long memory(Store store, String key) {
    var r = store.api().memory(List.of("USAGE", key)).await();
    return r == null ? 0 : r.toLong();
  }

  private static long usedMemory(Store store) {
    String info = store.api().info(List.of("memory")).await().toString();
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("used_memory:")) {
        return Long.parseLong(line.substring("used_memory:".length()).trim());
      }
    }
    return 0;
  }
}
