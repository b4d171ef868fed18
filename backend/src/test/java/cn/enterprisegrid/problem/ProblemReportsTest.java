package cn.enterprisegrid.problem;

import static cn.enterprisegrid.problem.ReportData.A;
import static cn.enterprisegrid.problem.ReportData.B;
import static cn.enterprisegrid.problem.ReportData.T1;
import static cn.enterprisegrid.problem.ReportData.T2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.enterprisegrid.http.ProblemException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

/**
 * Every figure of the reports against the data set of {@link ReportData}, worked out by hand:
 * the suspended days of case 2 do not count, case 3 is reopened and resolved again, case 5 is
 * transferred to B, the five ratings appear once each, the breaches ticked twice count once; the
 * scope limits; the firms' open and overdue counters.
 */
class ProblemReportsTest {
  static final LocalDate MARCH_1 = LocalDate.parse("2026-03-01");
  static final LocalDate MARCH_31 = LocalDate.parse("2026-03-31");
  static ReportData data;

  @BeforeAll
  static void load() {
    data = new ReportData().load();
  }

  @AfterAll
  static void close() {
    data.close();
  }

  static JsonObject report(String region, String department, LocalDate to, ProblemReports.GroupBy by) {
    return data.reports.report(region, department, MARCH_1, to, by).await();
  }

  static JsonObject row(JsonObject report, String key) {
    for (Object o : report.getJsonArray("rows")) {
      if (key.equals(((JsonObject) o).getString("key"))) {
        return (JsonObject) o;
      }
    }
    throw new AssertionError("no row " + key + " in " + report.encodePrettily());
  }

  @Test
  void perDepartmentEveryFigureAsWorkedOut() {
    JsonObject r = report("330824", null, MARCH_31, ProblemReports.GroupBy.DEPARTMENT);
    assertThat(r.getJsonArray("rows")).hasSize(3);
    assertThat(r.getJsonObject("scope").getString("name")).isEqualTo("开化县");

    // A: cases 1, 2, 3 (5 left for B); working days 2, 3 (6 less 3 suspended), 4
    JsonObject a = row(r, A);
    assertThat(a.getString("name")).isEqualTo(A);
    assertFigures(a, 3, 3, 0, 3, 3, 3, 1.0, 3, 1.0, 3, 3, 1.0, 0, 0, 3.0, 4, 3, 1, 0.3333);
    assertThat(a.getJsonObject("ratings").getLong("BASICALLY_SATISFIED")).isEqualTo(1);

    // B: cases 4 (late first report, breach, closed after explanation) and 5 (transferred in, reopened)
    JsonObject b = row(r, B);
    assertFigures(b, 2, 2, 0, 2, 2, 1, 0.5, 1, 0.5, 2, 0, 0.0, 2, 2, 5.0, 5, 2, 2, 1.0);

    // not dispatched: case 6 accepted late after a breach ticked twice, case 7 rejected on time
    JsonObject none = row(r, "");
    assertThat(none.getString("name")).isEqualTo(ProblemReports.UNDISPATCHED);
    assertFigures(none, 2, 1, 1, 0, 0, 0, null, 0, 0.0, 0, 0, null, 1, 1, null, null, 0, 0, null);

    JsonObject t = r.getJsonObject("totals");
    assertFigures(t, 7, 6, 1, 5, 5, 4, 0.8, 4, 0.6667, 5, 3, 0.6, 3, 3, 3.5, 5, 5, 3, 0.6);
    for (Rating g : Rating.values()) {
      assertThat(t.getJsonObject("ratings").getLong(g.name())).as(g.label()).isEqualTo(1);
    }
  }

  @Test
  void perTownshipWithNamesAndThePeriodCut() {
    JsonObject r = report("330824", null, MARCH_31, ProblemReports.GroupBy.TOWNSHIP);
    assertThat(r.getJsonArray("rows")).extracting(o -> ((JsonObject) o).getString("key")).containsExactly(T1, T2);
    JsonObject t1 = row(r, T1);
    assertThat(t1.getString("name")).isEqualTo("桐村镇");
    assertFigures(t1, 4, 3, 1, 3, 3, 3, 1.0, 3, 1.0, 3, 3, 1.0, 0, 0, 3.0, 4, 3, 1, 0.3333);
    JsonObject t2 = row(r, T2);
    assertThat(t2.getString("name")).isEqualTo("杨林镇");
    assertFigures(t2, 3, 3, 0, 2, 2, 1, 0.5, 1, 0.3333, 2, 0, 0.0, 3, 3, 5.0, 5, 2, 2, 1.0);

    // case 8, filed on 1 April, counts once the period reaches it
    JsonObject april = report("330824", null, LocalDate.parse("2026-04-30"), ProblemReports.GroupBy.TOWNSHIP);
    assertThat(row(april, T1).getLong("received")).isEqualTo(5);
    assertThat(row(april, T1).getLong("accepted")).isEqualTo(4);
  }

  @Test
  void aDepartmentSeesOnlyItsCasesInEveryCounty() {
    JsonObject r = report(null, A, MARCH_31, ProblemReports.GroupBy.DEPARTMENT);
    assertThat(r.getJsonArray("rows")).hasSize(1);
    assertThat(row(r, A).getLong("received")).isEqualTo(4);
    assertThat(r.getJsonObject("scope").getString("name")).isEqualTo(A);
    JsonObject byTownship = report(null, A, MARCH_31, ProblemReports.GroupBy.TOWNSHIP);
    assertThat(byTownship.getJsonArray("rows")).extracting(o -> ((JsonObject) o).getString("key"))
        .containsExactly(ReportData.OTHER, T1);
    assertThat(row(byTownship, ReportData.OTHER).getString("name")).isEqualTo("新新街道");
  }

  @Test
  void aRegionSeesOnlyTownshipsUnderIt() {
    JsonObject county = report("330802", null, MARCH_31, ProblemReports.GroupBy.TOWNSHIP);
    assertThat(county.getJsonArray("rows")).hasSize(1);
    assertThat(county.getJsonObject("totals").getLong("received")).isEqualTo(1);
    JsonObject township = report(T2, null, MARCH_31, ProblemReports.GroupBy.DEPARTMENT);
    assertThat(township.getJsonObject("totals").getLong("received")).isEqualTo(3);
    JsonObject all = report(null, null, MARCH_31, ProblemReports.GroupBy.DEPARTMENT);
    assertThat(all.getJsonObject("totals").getLong("received")).isEqualTo(8);
    assertThat(all.getJsonObject("scope").getString("name")).isEqualTo("全域");
    JsonObject elsewhere = report("110101", null, MARCH_31, ProblemReports.GroupBy.DEPARTMENT);
    assertThat(elsewhere.getJsonArray("rows")).isEmpty();
    assertThat(elsewhere.getJsonObject("totals").getLong("received")).isZero();
  }

  @Test
  void aReversedOrTooLongPeriodIsRefused() {
    assertThatThrownBy(() -> data.reports.report(null, null, MARCH_31, MARCH_1, ProblemReports.GroupBy.TOWNSHIP).await())
        .isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> ProblemReports.check(LocalDate.parse("2025-01-01"), LocalDate.parse("2026-01-02")))
        .isInstanceOf(ProblemException.class).hasMessageContaining("366");
    ProblemReports.check(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-12-31"));
  }

  @Test
  void theFirmsCountersFollowTheirCases() {
    // firm 1 has cases 1 (closed) and 2 (rated, still open); case 5 is overdue now (its verification)
    assertThat(counter("o:" + data.firm[1])).isEqualTo(1);
    assertThat(counter("v:" + data.firm[1])).isZero();
    assertThat(counter("o:" + data.firm[5])).isEqualTo(1);
    assertThat(counter("v:" + data.firm[5])).isEqualTo(1);
    // case 4 was overdue after its breach, then reported: no longer; closed
    assertThat(counter("v:" + data.firm[4])).isZero();
    assertThat(counter("o:" + data.firm[4])).isZero();
    assertThat(counter("o:" + data.firm[7])).as("rejected").isZero();
    assertThat(counter("o:" + data.firm[6])).isEqualTo(1);
    assertThat(counter("v:" + data.firm[6])).isZero();
  }

  static long counter(String field) {
    Response r = data.store.api().hget(ProblemKeys.FIRMS, field).await();
    return r == null ? 0 : r.toLong();
  }

  /** The row's figures in the order of the report's columns. */
  static void assertFigures(JsonObject row, long received, long accepted, long rejected, long acceptedOnTime,
      long responseDue, long respondedOnTime, Double responseRate, long resolved, Double resolutionRate, long rated,
      long satisfied, Double satisfactionRate, long overdue, long breaches, Double averageDays, Integer p90Days,
      long everResolved, long reopened, Double reopenRate) {
    JsonObject expected = new JsonObject().put("received", received).put("accepted", accepted).put("rejected", rejected)
        .put("acceptedOnTime", acceptedOnTime).put("responseDue", responseDue).put("respondedOnTime", respondedOnTime)
        .put("responseRate", responseRate).put("resolved", resolved).put("resolutionRate", resolutionRate)
        .put("rated", rated).put("satisfied", satisfied).put("satisfactionRate", satisfactionRate)
        .put("overdue", overdue).put("breaches", breaches).put("averageResolveDays", averageDays)
        .put("p90ResolveDays", p90Days).put("everResolved", everResolved).put("reopened", reopened)
        .put("reopenRate", reopenRate);
    JsonObject actual = new JsonObject();
    expected.fieldNames().forEach(k -> actual.put(k, row.getValue(k)));
    assertThat(actual.encodePrettily()).isEqualTo(normalise(expected).encodePrettily());
  }

  private static JsonObject normalise(JsonObject o) {
    JsonObject out = new JsonObject();
    o.forEach(e -> out.put(e.getKey(), e.getValue() instanceof Integer i ? Long.valueOf(i) : e.getValue()));
    return out;
  }

  static JsonArray rows(JsonObject r) {
    return r.getJsonArray("rows");
  }
}
