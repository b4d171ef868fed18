package cn.enterprisegrid.problem;

import cn.enterprisegrid.testing.Eventually;
import cn.enterprisegrid.testing.SharedRedis;
import cn.enterprisegrid.testing.TestBackend;
import cn.enterprisegrid.testing.WithBackend;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static cn.enterprisegrid.problem.ProblemFixture.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clock: a passed deadline fires its warning and breach exactly once, with three clocks
 * running and across a restart; a suspended case fires nothing; an unrated resolved case closes
 * once.
 */
@WithBackend
class ProblemClockTest {
  static TestBackend app;
  static ProblemFixture fx;

  @BeforeAll
  static void start() {
    fx = new ProblemFixture(app);
  }

  private static List<String> deployClocks() {
    String a = app.vertx.deployVerticle(new ProblemClock(SharedRedis.url(), Clock.systemUTC(), 50)).await();
    String b = app.vertx.deployVerticle(new ProblemClock(SharedRedis.url(), Clock.systemUTC(), 50)).await();
    String c = app.vertx.deployVerticle(new ProblemClock(SharedRedis.url(), Clock.systemUTC(), 70)).await();
    return List.of(a, b, c);
  }

  private static JsonObject view(String id) {
    return fx.problems.get(id).await();
  }

  private static long breaches(String accountable, String field) {
    Response r = app.redis().hget(ProblemKeys.breaches(accountable), field).await();
    return r == null ? 0 : r.toLong();
  }

  @Test
  void aPassedDeadlineFiresOnceAcrossClocksAndARestart() throws Exception {
    // filed on 10 February 2026: its accept deadline (11 February) passed long before this run
    String id = fx.file("2026-02-10T10:00", ProblemFixture.uscc()).getString("id");
    String intake = "intake:330824101";
    long before = breaches(intake, "ACCEPT");
    List<String> clocks = deployClocks();
    Eventually.until("the breach fired", () -> count(view(id), "BREACH") == 1);
    Eventually.until("the case left the clock", () -> app.redis().zscore(ProblemKeys.CLOCK, id).await() == null);
    Thread.sleep(500);
    JsonObject v = view(id);
    assertThat(count(v, "BREACH")).isEqualTo(1);
    assertThat(count(v, "WARN")).isEqualTo(1);
    assertThat(v.getBoolean("overdue")).isTrue();
    assertThat(breaches(intake, "ACCEPT") - before).isEqualTo(1);
    assertThat(fx.problems.overdueNow(Instant.now(), 1000).await().stream()
        .map(o -> ((JsonObject) o).getString("id"))).contains(id);

    // a restart, and a score left due as if a node died between firing and rescoring
    for (String c : clocks) {
      app.vertx.undeploy(c).await();
    }
    app.restart(() -> { });
    app.redis().zadd(List.of(ProblemKeys.CLOCK, "0", id)).await();
    clocks = deployClocks();
    Eventually.until("the case was ticked again", () -> app.redis().zscore(ProblemKeys.CLOCK, id).await() == null);
    Thread.sleep(500);
    v = view(id);
    assertThat(count(v, "BREACH")).as("fired once only").isEqualTo(1);
    assertThat(count(v, "WARN")).isEqualTo(1);
    assertThat(breaches(intake, "ACCEPT") - before).isEqualTo(1);
    assertThat(v.getJsonArray("fired")).hasSize(2);

    // accepted (late): the accept deadline is met, nothing is overdue any more
    v = fx.step("2026-02-12T09:00", id, Step.ACCEPT, StepArgs.none());
    assertThat(v.getBoolean("overdue")).isFalse();
    assertThat(app.redis().zscore(ProblemKeys.OVERDUE, id).await()).isNull();
    for (String c : clocks) {
      app.vertx.undeploy(c).await();
    }
  }

  @Test
  void aSuspendedCaseFiresNothingAndABreachCountsAgainstItsDepartment() throws Exception {
    String dept = "开化县测试局" + System.nanoTime();
    String id = fx.file("2026-02-10T10:00", ProblemFixture.uscc()).getString("id");
    fx.step("2026-02-10T11:00", id, Step.ACCEPT, StepArgs.none());
    fx.step("2026-02-10T12:00", id, Step.DISPATCH, StepArgs.dispatch(dept, Complexity.ORDINARY));
    fx.step("2026-02-10T13:00", id, Step.SUSPEND, StepArgs.note("等待法院判决"));
    List<String> clocks = deployClocks();
    Thread.sleep(Duration.ofMillis(ProblemClock.PERIOD_MS + 500).toMillis());
    JsonObject v = view(id);
    assertThat(count(v, "BREACH")).as("a suspended clock stands").isZero();
    assertThat(count(v, "WARN")).isZero();
    assertThat(breaches(dept, "total")).isZero();

    // resumed: its first-report and resolve deadlines (long passed in this run) fire, once each
    fx.step("2026-02-11T09:00", id, Step.RESUME, StepArgs.none());
    Eventually.until("both breaches fired", () -> count(view(id), "BREACH") == 2);
    Thread.sleep(500);
    assertThat(count(view(id), "BREACH")).isEqualTo(2);
    assertThat(breaches(dept, "FIRST_REPORT")).isEqualTo(1);
    assertThat(breaches(dept, "RESOLVE")).isEqualTo(1);
    assertThat(breaches(dept, "total")).isEqualTo(2);
    for (String c : clocks) {
      app.vertx.undeploy(c).await();
    }
  }

  @Test
  void anUnratedResolvedCaseClosesOnceAfterItsWorkingDays() throws Exception {
    String id = fx.file("2026-07-06T09:00", ProblemFixture.uscc()).getString("id");
    String rated = fx.file("2026-07-06T09:00", ProblemFixture.uscc()).getString("id");
    for (String c : List.of(id, rated)) {
      fx.step("2026-07-06T10:00", c, Step.ACCEPT, StepArgs.none());
      fx.step("2026-07-06T11:00", c, Step.DISPATCH, StepArgs.dispatch(ProblemFixture.DEPT_A, Complexity.ORDINARY));
      fx.step("2026-07-07T09:00", c, Step.RESOLVE, StepArgs.note("已办结"));
    }
    fx.step("2026-07-08T09:00", rated, Step.RATE, StepArgs.rate(Rating.SATISFIED, null));
    // Tuesday 7 July + 5 working days = Tuesday 14 July; not before its end
    assertThat(view(id).getString("autoCloseOn")).isEqualTo("2026-07-14");
    assertThat(fx.at("2026-07-14T23:00").tick(id).await()).isZero();
    assertThat(view(id).getString("status")).isEqualTo("RESOLVED");
    assertThat(app.redis().zscore(ProblemKeys.CLOCK, id).await()).as("the clock waits for it").isNotNull();

    List<String> clocks = deployClocks();
    Eventually.until("closed", () -> "CLOSED".equals(view(id).getString("status")));
    Eventually.until("the case left the clock", () -> app.redis().zscore(ProblemKeys.CLOCK, id).await() == null);
    Thread.sleep(300);
    for (String c : clocks) {
      app.vertx.undeploy(c).await();
    }
    // and after a restart with its score left due, it is not closed twice
    app.redis().zadd(List.of(ProblemKeys.CLOCK, "0", id)).await();
    clocks = deployClocks();
    Eventually.until("ticked again", () -> app.redis().zscore(ProblemKeys.CLOCK, id).await() == null);
    for (String c : clocks) {
      app.vertx.undeploy(c).await();
    }
    JsonObject v = view(id);
    assertThat(count(v, "AUTO_CLOSE")).isEqualTo(1);
    JsonObject closed = v.getJsonArray("history").stream().map(JsonObject.class::cast)
        .filter(e -> "AUTO_CLOSE".equals(e.getString("step"))).findFirst().orElseThrow();
    assertThat(closed.getString("actor")).isEqualTo("system");
    assertThat(closed.getString("label")).isEqualTo("自动关闭");
    assertThat(closed.getString("note")).contains("5个工作日内未评价");
    assertThat(v.getString("autoClosedAt")).isNotNull();
    assertThat(app.redis().xlen("audit:target:problem:" + id).await().toLong()).as("one audit entry per step")
        .isEqualTo(5);
    assertThat(view(rated).getString("status")).as("a rated case stays").isEqualTo("RATED");
  }
}
