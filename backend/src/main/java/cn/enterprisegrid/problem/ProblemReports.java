package cn.enterprisegrid.problem;

import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.policyindex.reference.Divisions;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The problems' reports (三率, docs/problems.md "Reports"): per department or per township, over the
 * cases filed in a period, every figure computed from the facts the scripts keep at write time
 * ({@link ReportFacts}), never from a scan of the cases and never entered by hand. A report reads
 * one hash per township and month of the period, so one county over a year is about 15 × 12
 * hashes.
 */
public final class ProblemReports {
  /** How the rows are formed. */
  public enum GroupBy { DEPARTMENT, TOWNSHIP }

  /** The longest period one report covers (a year, leap day included). */
  public static final int MAX_DAYS = 366;
  /** The name of the row of cases no department is accountable for yet. */
  public static final String UNDISPATCHED = "未交办";

  private final Store store;
  private final Divisions divisions;

  public ProblemReports(Store store, Divisions divisions) {
    this.store = store;
    this.divisions = divisions;
  }

  /**
   * The report of the cases filed from {@code from} to {@code to} (days in Asia/Shanghai, both
   * included), one row per department or township, and the totals.
   *
   * @param region     the caller's region-code prefix: only townships under it (null: every township)
   * @param department the caller's department: only its cases (null: every department)
   * @return {@code {period {from, to}, groupBy, scope {region, department, name}, rows [...], totals}}
   * @throws ProblemException 422 when {@code from} is after {@code to} or the period is longer than {@link #MAX_DAYS}
   */
  public Future<JsonObject> report(String region, String department, LocalDate from, LocalDate to, GroupBy groupBy) {
    try {
      check(from, to);
    } catch (ProblemException e) {
      return Future.failedFuture(e);
    }
    String townshipsKey = department == null ? ProblemKeys.FACT_TOWNSHIPS : ProblemKeys.factsOfDepartment(department);
    return store.api().smembers(townshipsKey).compose(members -> {
      List<String> townships = new ArrayList<>();
      members.forEach(m -> {
        String t = m.toString();
        if (region == null || t.startsWith(region)) {
          townships.add(t);
        }
      });
      townships.sort(null);
      List<Request> reads = new ArrayList<>();
      List<String> bucketTownship = new ArrayList<>();
      for (String t : townships) {
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
          reads.add(Request.cmd(Command.HVALS).arg(ProblemKeys.facts(t, m.toString())));
          bucketTownship.add(t);
        }
      }
      if (reads.isEmpty()) {
        return Future.succeededFuture(answer(region, department, from, to, groupBy, new TreeMap<>(), new ReportTally()));
      }
      return store.client().batch(reads).map(replies -> {
        Map<String, ReportTally> rows = new TreeMap<>();
        ReportTally totals = new ReportTally();
        String first = from.toString();
        String last = to.toString();
        for (int i = 0; i < replies.size(); i++) {
          Response r = replies.get(i);
          if (r == null) {
            continue;
          }
          for (Response v : r) {
            JsonObject f = new JsonObject(v.toString());
            String filed = f.getString("f", "");
            String d = f.getString("d", "");
            // ISO days compare as strings; a partial first or last month is cut here
            if (filed.compareTo(first) < 0 || filed.compareTo(last) > 0 || (department != null && !department.equals(d))) {
              continue;
            }
            String key = groupBy == GroupBy.TOWNSHIP ? bucketTownship.get(i) : d;
            rows.computeIfAbsent(key, k -> new ReportTally()).add(f);
            totals.add(f);
          }
        }
        return answer(region, department, from, to, groupBy, rows, totals);
      });
    });
  }

  /** Refuses a period that is reversed or longer than a year (422, Chinese detail). */
  public static void check(LocalDate from, LocalDate to) {
    if (from.isAfter(to)) {
      throw ProblemException.invalid("/from", Text.of("report.from-after-to"));
    }
    if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
      throw ProblemException.invalid("/to", Text.of("report.max-days", MAX_DAYS));
    }
  }

  /** A row's Chinese name: the department, the township's name, or {@link #UNDISPATCHED}. */
  String name(GroupBy groupBy, String key) {
    if (groupBy == GroupBy.DEPARTMENT) {
      return key.isEmpty() ? UNDISPATCHED : key;
    }
    return divisions.name(key).orElse(key);
  }

  /** The Chinese name of a scope: the department, the region's name, or 全域 (no limit). */
  String scopeName(String region, String department) {
    if (department != null) {
      return department;
    }
    return region == null ? "全域" : divisions.name(region).orElse(region);
  }

  private JsonObject answer(String region, String department, LocalDate from, LocalDate to, GroupBy groupBy,
      Map<String, ReportTally> rows, ReportTally totals) {
    JsonArray items = new JsonArray();
    rows.forEach((key, t) -> items.add(new JsonObject().put("key", key).put("name", name(groupBy, key))
        .mergeIn(t.toJson())));
    JsonObject scope = new JsonObject().put("name", scopeName(region, department));
    if (region != null) scope.put("region", region);
    if (department != null) scope.put("department", department);
    return new JsonObject().put("period", new JsonObject().put("from", from.toString()).put("to", to.toString()))
        .put("groupBy", groupBy.name()).put("scope", scope).put("rows", items).put("totals", totals.toJson());
  }
}
