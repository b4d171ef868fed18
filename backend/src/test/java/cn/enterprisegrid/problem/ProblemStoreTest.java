package cn.enterprisegrid.problem;

import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.testing.TestBackend;
import cn.enterprisegrid.testing.WithBackend;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static cn.enterprisegrid.problem.ProblemFixture.DEPT_A;
import static cn.enterprisegrid.problem.ProblemFixture.DEPT_B;
import static cn.enterprisegrid.problem.ProblemFixture.steps;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The problem loop through {@link ProblemStore} on the shared test Redis: the whole lifecycle with
 * its deadlines and dispatch number, refused steps as 409 naming status and step, raced steps,
 * deadlines across the 2026 Spring Festival, suspension, and the calendar's extra years.
 */
@WithBackend
class ProblemStoreTest {
  static TestBackend app;
  static ProblemFixture fx;

  @BeforeAll
  static void start() {
    fx = new ProblemFixture(app);
  }

  @Test
  void aCaseGoesThroughTheWholeLoop() {
    String uscc = ProblemFixture.uscc();
    JsonObject v = fx.file("2026-02-10T10:00", uscc);
    String id = v.getString("id");
    assertThat(v.getString("status")).isEqualTo("SUBMITTED");
    assertThat(v.getString("statusLabel")).isEqualTo("待受理");
    assertThat(v.getString("categoryLabel")).isEqualTo("融资");
    assertThat(v.getJsonObject("deadlines").getString("accept")).isEqualTo("2026-02-11");
    assertThat(app.redis().zscore(ProblemKeys.ofFirm(uscc), id).await()).isNotNull();
    assertThat(app.redis().zscore(ProblemKeys.CLOCK, id).await()).isNotNull();

    v = fx.step("2026-02-11T09:00", id, Step.ACCEPT, StepArgs.none());
    assertThat(v.getString("status")).isEqualTo("ACCEPTED");
    v = fx.step("2026-02-12T09:00", id, Step.DISPATCH, StepArgs.dispatch(DEPT_A, Complexity.ORDINARY));
    assertThat(v.getString("status")).isEqualTo("DISPATCHED");
    assertThat(v.getString("department")).isEqualTo(DEPT_A);
    String dispatchNo = v.getString("dispatchNo");
    assertThat(dispatchNo).matches("JB-2026-\\d{6}");
    // Thursday 12 February: Friday 13 and the make-up Saturday 14 count, 15 to 23 are the holiday
    assertThat(v.getJsonObject("deadlines").getString("firstReport")).isEqualTo("2026-02-24");
    assertThat(v.getJsonObject("deadlines").getString("resolve")).isEqualTo("2026-02-28");

    v = fx.step("2026-02-13T09:00", id, Step.PROGRESS, StepArgs.note("已约谈银行"));
    assertThat(v.getString("status")).isEqualTo("IN_PROGRESS");
    Problem refused = fx.refused("2026-02-13T10:00", id, Step.REJECT, StepArgs.note("不属实")).problem();
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.type()).isEqualTo("/problems/step-not-allowed");
    assertThat(refused.detail().render(cn.enterprisegrid.http.Language.ZH)).contains("办理中").contains("不予受理");
    assertThat(refused.detail().render(cn.enterprisegrid.http.Language.EN)).contains("IN_PROGRESS").contains("REJECT");
    assertThat(refused.extensions().getString("status")).isEqualTo("IN_PROGRESS");
    assertThat(refused.extensions().getString("step")).isEqualTo("REJECT");

    // a transfer: the first department stays accountable until the receiver accepts
    v = fx.step("2026-02-13T11:00", id, Step.TRANSFER, StepArgs.transfer(DEPT_B, "属经信局职责"));
    assertThat(v.getString("department")).isEqualTo(DEPT_A);
    assertThat(v.getString("pendingDepartment")).isEqualTo(DEPT_B);
    assertThat(v.getString("status")).isEqualTo("IN_PROGRESS");
    assertThat(fx.refused("2026-02-13T11:30", id, Step.TRANSFER, StepArgs.transfer("开化县司法局", "再转"))
        .problem().type()).isEqualTo("/problems/transfer-pending");
    v = fx.step("2026-02-14T09:00", id, Step.TRANSFER, StepArgs.receive());
    assertThat(v.getString("department")).isEqualTo(DEPT_B);
    assertThat(v.getString("pendingDepartment")).isNull();
    assertThat(v.getString("status")).isEqualTo("DISPATCHED");

    v = fx.step("2026-02-14T10:00", id, Step.EXTEND, StepArgs.extend(3, "需银行总行审批"));
    assertThat(v.getJsonObject("deadlines").getString("resolve")).isEqualTo("2026-03-04");
    v = fx.step("2026-02-14T11:00", id, Step.SUSPEND, StepArgs.note("等待企业补充材料"));
    assertThat(v.getString("status")).isEqualTo("SUSPENDED");
    assertThat(v.getString("beforeSuspension")).isEqualTo("DISPATCHED");
    assertThat(app.redis().zscore(ProblemKeys.CLOCK, id).await()).as("a suspended clock stands").isNull();
    v = fx.step("2026-02-24T09:00", id, Step.RESUME, StepArgs.none());
    assertThat(v.getString("status")).isEqualTo("DISPATCHED");
    assertThat(v.getInteger("suspendedWorkingDays")).isEqualTo(1);
    assertThat(v.getJsonObject("deadlines").getString("resolve")).isEqualTo("2026-03-05");

    v = fx.step("2026-02-25T09:00", id, Step.RESOLVE, StepArgs.note("银行已放款"));
    assertThat(v.getString("status")).isEqualTo("RESOLVED");
    assertThat(v.getBoolean("overdue")).isFalse();
    v = fx.step("2026-02-26T09:00", id, Step.RATE, StepArgs.rate(Rating.DISSATISFIED, "利率太高"));
    assertThat(v.getString("status")).isEqualTo("REOPENED");
    assertThat(v.getString("ratingLabel")).isEqualTo("不满意");
    assertThat(v.getJsonObject("deadlines").getString("verify")).isEqualTo("2026-03-04");
    v = fx.step("2026-02-27T09:00", id, Step.VERIFY, StepArgs.verify(Lifecycle.VerifyOutcome.RECTIFY, "需整改"));
    assertThat(v.getString("status")).isEqualTo("DISPATCHED");
    assertThat(v.getString("dispatchNo")).as("a re-dispatch keeps its number").isEqualTo(dispatchNo);
    assertThat(v.getJsonObject("deadlines").getString("resolve")).isEqualTo("2026-03-09");
    fx.step("2026-03-02T09:00", id, Step.RESOLVE, StepArgs.note("已协调降息"));
    v = fx.step("2026-03-03T09:00", id, Step.RATE, StepArgs.rate(Rating.SATISFIED, null));
    assertThat(v.getString("status")).isEqualTo("RATED");
    v = fx.step("2026-03-04T09:00", id, Step.CLOSE, StepArgs.none());
    assertThat(v.getString("status")).isEqualTo("CLOSED");
    assertThat(app.redis().zscore(ProblemKeys.CLOCK, id).await()).isNull();
    v = fx.step("2026-03-05T09:00", id, Step.REOPEN, StepArgs.note("企业反映问题复发"));
    assertThat(v.getString("status")).isEqualTo("REOPENED");

    assertThat(steps(v)).containsExactly("FILE", "ACCEPT", "DISPATCH", "PROGRESS", "TRANSFER", "TRANSFER_ACCEPT",
        "EXTEND", "SUSPEND", "RESUME", "RESOLVE", "RATE", "VERIFY", "RESOLVE", "RATE", "CLOSE", "REOPEN");
    assertThat(v.getInteger("version")).isEqualTo(16);
    assertThat(app.redis().xlen("audit:target:problem:" + id).await().toLong()).isEqualTo(16);
    assertThat(fx.problems.get("no-such").await()).isNull();
    assertThat(ProblemFixture.refusal(() -> fx.problems.step("no-such", Step.ACCEPT, null, "admin").await())
        .problem().status()).isEqualTo(404);
  }

  @Test
  void aRejectedCaseTakesNoFurtherStep() {
    String id = fx.file("2026-03-02T10:00", ProblemFixture.uscc()).getString("id");
    assertThat(fx.refused("2026-03-02T11:00", id, Step.REJECT, StepArgs.none()).problem().status()).isEqualTo(422);
    JsonObject v = fx.step("2026-03-02T11:00", id, Step.REJECT, StepArgs.note("非企业诉求"));
    assertThat(v.getString("status")).isEqualTo("REJECTED");
    assertThat(app.redis().zscore(ProblemKeys.CLOCK, id).await()).isNull();
    Problem p = fx.refused("2026-03-02T12:00", id, Step.ACCEPT, StepArgs.none()).problem();
    assertThat(p.type()).isEqualTo("/problems/step-not-allowed");
    assertThat(p.extensions().getString("status")).isEqualTo("REJECTED");
    assertThat(p.extensions().getString("step")).isEqualTo("ACCEPT");
  }

  @Test
  void racedStepsOnOneVersionLoseNothing() {
    long retries = ProblemStore.RETRIES.get();
    for (int round = 0; round < 10; round++) {
      // two steps that both stay allowed: the loser reloads and applies on top
      String id = fx.file("2026-03-02T10:00", ProblemFixture.uscc()).getString("id");
      fx.step("2026-03-02T10:10", id, Step.ACCEPT, StepArgs.none());
      fx.step("2026-03-02T10:20", id, Step.DISPATCH, StepArgs.dispatch(DEPT_A, Complexity.COMPLEX));
      ProblemStore s = fx.at("2026-03-03T10:00");
      Future<JsonObject> a = s.step(id, Step.PROGRESS, StepArgs.note("甲"), "a");
      Future<JsonObject> b = s.step(id, Step.PROGRESS, StepArgs.note("乙"), "b");
      Future.join(a, b).await();
      assertThat(a.succeeded() && b.succeeded()).as("both progress notes apply").isTrue();
      JsonObject v = fx.problems.get(id).await();
      assertThat(v.getInteger("version")).isEqualTo(5);
      List<String> notes = new ArrayList<>();
      v.getJsonArray("history").forEach(o -> notes.add(((JsonObject) o).getString("note")));
      assertThat(notes).contains("甲", "乙");

      // two steps of which only one can be taken: exactly one wins, the other is refused
      String other = fx.file("2026-03-02T10:00", ProblemFixture.uscc()).getString("id");
      Future<JsonObject> accept = s.step(other, Step.ACCEPT, StepArgs.none(), "a");
      Future<JsonObject> reject = s.step(other, Step.REJECT, StepArgs.note("重复"), "b");
      accept.otherwiseEmpty().await();
      reject.otherwiseEmpty().await();
      assertThat(accept.succeeded() ^ reject.succeeded()).as("exactly one of accept and reject").isTrue();
      Throwable lost = accept.succeeded() ? reject.cause() : accept.cause();
      assertThat(((cn.enterprisegrid.http.ProblemException) lost).problem().type())
          .isEqualTo("/problems/step-not-allowed");
      JsonObject w = fx.problems.get(other).await();
      assertThat(w.getString("status")).isEqualTo(accept.succeeded() ? "ACCEPTED" : "REJECTED");
      assertThat(w.getInteger("version")).isEqualTo(2);
      assertThat(steps(w)).hasSize(2);
    }
    assertThat(ProblemStore.RETRIES.get() - retries).as("the races did meet on one version").isPositive();
  }

  @Test
  void deadlinesSkipTheSpringFestival() {
    // filed on Friday 13 February 2026 at 16:00: the next working day is the make-up Saturday
    String id = fx.file("2026-02-13T16:00", ProblemFixture.uscc()).getString("id");
    JsonObject v = fx.problems.get(id).await();
    assertThat(v.getJsonObject("deadlines").getString("accept")).isEqualTo("2026-02-14");
    fx.step("2026-02-14T09:00", id, Step.ACCEPT, StepArgs.none());
    v = fx.step("2026-02-14T10:00", id, Step.DISPATCH, StepArgs.dispatch(DEPT_A, Complexity.ORDINARY));
    // 15 to 23 February off; 24, 25, 26 are the first three working days after
    assertThat(v.getJsonObject("deadlines").getString("firstReport")).isEqualTo("2026-02-26");
    // 24, 25, 26, 27, the make-up Saturday 28, Monday 2 and Tuesday 3 March
    assertThat(v.getJsonObject("deadlines").getString("resolve")).isEqualTo("2026-03-03");
    assertThat(fx.at("2026-02-27T12:00").get(id).await().getBoolean("overdue")).as("first report late").isTrue();
    assertThat(fx.at("2026-02-26T23:59").get(id).await().getBoolean("overdue")).isFalse();
  }

  @Test
  void suspendedTimeDoesNotCount() {
    String id = fx.file("2026-02-10T10:00", ProblemFixture.uscc()).getString("id");
    fx.step("2026-02-11T09:00", id, Step.ACCEPT, StepArgs.none());
    fx.step("2026-02-12T09:00", id, Step.DISPATCH, StepArgs.dispatch(DEPT_A, Complexity.ORDINARY));
    fx.step("2026-02-13T09:00", id, Step.SUSPEND, StepArgs.note("等待评估报告"));
    JsonObject v = fx.at("2026-03-20T09:00").get(id).await();
    assertThat(v.getBoolean("overdue")).as("a suspended case is never overdue").isFalse();
    assertThat(app.redis().zscore(ProblemKeys.CLOCK, id).await()).isNull();
    // suspended from Friday 13 to Thursday 26 February: 14, 24, 25, 26 are the working days lost
    v = fx.step("2026-02-26T09:00", id, Step.RESUME, StepArgs.none());
    assertThat(v.getInteger("suspendedWorkingDays")).isEqualTo(4);
    assertThat(v.getJsonObject("deadlines").getString("firstReport")).isEqualTo("2026-02-28");
    assertThat(v.getJsonObject("deadlines").getString("resolve")).isEqualTo("2026-03-05");
    assertThat(app.redis().zscore(ProblemKeys.CLOCK, id).await()).isNotNull();
  }

  @Test
  void theCalendarTakesAYearFromRedis() {
    // 2027 is not bundled: a deadline that reaches it is refused, never guessed
    Problem missing = ProblemFixture.refusal(() -> fx.file("2026-12-31T10:00", ProblemFixture.uscc())).problem();
    assertThat(missing.status()).isEqualTo(409);
    assertThat(missing.type()).isEqualTo("/problems/calendar-missing-year");
    assertThat(ProblemFixture.refusal(() -> fx.calendars.put(2027, "date,kind,name\n2027-01-04,WORKDAY,元旦\n",
        "admin").await()).problem().status()).isEqualTo(422);
    fx.calendars.put(2027, "date,kind,name\n2027-01-01,HOLIDAY,元旦\n", "admin").await();
    assertThat(fx.calendars.calendar().await().covers(2027)).isTrue();
    assertThat(fx.calendars.calendar().await().covers(2026)).as("bundled years stay").isTrue();
    assertThat(app.redis().xlen("audit:target:calendar:2027").await().toLong()).isEqualTo(1);
    // Thursday 31 December: 1 January is off, then the weekend
    JsonObject v = fx.file("2026-12-31T10:00", ProblemFixture.uscc());
    assertThat(v.getJsonObject("deadlines").getString("accept")).isEqualTo("2027-01-04");
  }
}
