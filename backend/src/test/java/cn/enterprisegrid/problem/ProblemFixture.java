package cn.enterprisegrid.problem;

import cn.enterprisegrid.calendar.CalendarStore;
import cn.enterprisegrid.calendar.WorkingCalendar;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.store.Store;
import cn.enterprisegrid.testing.SharedRedis;
import cn.enterprisegrid.testing.TestBackend;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Problems through the store against the run's Redis, at chosen instants in Asia/Shanghai. */
final class ProblemFixture {
  static final String DEPT_A = "开化县财政局";
  static final String DEPT_B = "开化县经济和信息化局";
  private static final AtomicInteger FIRMS = new AtomicInteger();

  final TestBackend app;
  final Store store;
  final CalendarStore calendars;
  final ProblemStore problems;

  ProblemFixture(TestBackend app) {
    this.app = app;
    this.store = Store.connect(app.vertx, SharedRedis.url());
    this.calendars = new CalendarStore(store);
    this.problems = new ProblemStore(store, calendars, Categories.DEFAULTS, Clock.systemUTC());
  }

  /** The store reading the time as {@code at} (e.g. "2026-02-10T10:00") in Asia/Shanghai. */
  ProblemStore at(String at) {
    return problems.at(clock(at));
  }

  static Clock clock(String at) {
    return Clock.fixed(LocalDateTime.parse(at).atZone(WorkingCalendar.ZONE).toInstant(), ZoneId.of("UTC"));
  }

  static String uscc() {
    return String.format("91330824MA%08dX", FIRMS.incrementAndGet());
  }

  JsonObject file(String at, String uscc) {
    return at(at).file(new ProblemStore.Intake(uscc, "330824101", ProblemStore.Source.FIRM, "FINANCING",
        "贷款审批慢", "企业申请流动资金贷款两个月未有答复", List.of("att-1"), false), "firm:" + uscc).await();
  }

  JsonObject step(String at, String id, Step step, StepArgs args) {
    return at(at).step(id, step, args, "admin").await();
  }

  /** The refusal of a step, as its problem document. */
  ProblemException refused(String at, String id, Step step, StepArgs args) {
    return refusal(() -> step(at, id, step, args));
  }

  static ProblemException refusal(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      Throwable t = e;
      while (t != null && !(t instanceof ProblemException)) {
        t = t.getCause();
      }
      assertThat(t).as("a problem document, was " + e).isInstanceOf(ProblemException.class);
      return (ProblemException) t;
    }
    throw new AssertionError("the call should have been refused");
  }

  /** The history's steps taken by people (not the clock's warnings and breaches). */
  static List<String> steps(JsonObject view) {
    JsonArray h = view.getJsonArray("history");
    return h.stream().map(o -> ((JsonObject) o).getString("step"))
        .filter(s -> !s.equals("WARN") && !s.equals("BREACH")).toList();
  }

  static long count(JsonObject view, String step) {
    return view.getJsonArray("history").stream().filter(o -> step.equals(((JsonObject) o).getString("step"))).count();
  }
}
