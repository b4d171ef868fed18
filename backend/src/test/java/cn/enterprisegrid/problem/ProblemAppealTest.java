package cn.enterprisegrid.problem;

import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.testing.TestBackend;
import cn.enterprisegrid.testing.WithBackend;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static cn.enterprisegrid.problem.ProblemFixture.DEPT_A;
import static cn.enterprisegrid.problem.ProblemFixture.DEPT_B;
import static cn.enterprisegrid.problem.ProblemFixture.count;
import static org.assertj.core.api.Assertions.assertThat;

/** Rating appeals (one per rating, the decision kept) and a declined transfer, through the store. */
@WithBackend
class ProblemAppealTest {
  static TestBackend app;
  static ProblemFixture fx;

  @BeforeAll
  static void start() {
    fx = new ProblemFixture(app);
  }

  private static String resolved(String day) {
    String id = fx.file(day + "T09:00", ProblemFixture.uscc()).getString("id");
    fx.step(day + "T10:00", id, Step.ACCEPT, StepArgs.none());
    fx.step(day + "T11:00", id, Step.DISPATCH, StepArgs.dispatch(DEPT_A, Complexity.ORDINARY));
    fx.step(day + "T15:00", id, Step.RESOLVE, StepArgs.note("已协调银行放款"));
    return id;
  }

  @Test
  void aRatingIsAppealedOnceAndTheDecisionIsKept() {
    String id = resolved("2026-05-11");
    Problem early = fx.refused("2026-05-11T16:00", id, Step.APPEAL, StepArgs.appeal("企业误评")).problem();
    assertThat(early.type()).as("nothing rated yet").isEqualTo("/problems/step-not-allowed");

    JsonObject v = fx.step("2026-05-12T09:00", id, Step.RATE, StepArgs.rate(Rating.VERY_DISSATISFIED, "太慢"));
    assertThat(v.getString("status")).isEqualTo("REOPENED");
    assertThat(fx.refused("2026-05-12T10:00", id, Step.APPEAL, StepArgs.appeal(" ")).problem().status()).isEqualTo(422);
    v = fx.step("2026-05-12T10:00", id, Step.APPEAL, StepArgs.appeal("企业对银行利率不满，非办理问题"));
    assertThat(v.getString("status")).as("an appeal keeps the status").isEqualTo("REOPENED");
    JsonArray appeals = v.getJsonArray("appeals");
    assertThat(appeals).hasSize(1);
    assertThat(appeals.getJsonObject(0).getString("status")).isEqualTo("PENDING");
    assertThat(appeals.getJsonObject(0).getString("rating")).isEqualTo("VERY_DISSATISFIED");
    assertThat(appeals.getJsonObject(0).getString("department")).isEqualTo(DEPT_A);
    Problem twice = fx.refused("2026-05-12T11:00", id, Step.APPEAL, StepArgs.appeal("再申诉")).problem();
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.type()).isEqualTo("/problems/appeal-exists");
    assertThat(twice.detail().toString()).contains("只能申诉一次");

    assertThat(fx.refused("2026-05-13T09:00", id, Step.APPEAL_DECISION, StepArgs.decide(true, null))
        .problem().status()).isEqualTo(422);
    v = fx.step("2026-05-13T09:00", id, Step.APPEAL_DECISION, StepArgs.decide(true, "经核实，差评与办理无关"));
    assertThat(v.getBoolean("ratingExcluded")).isTrue();
    assertThat(v.getString("rating")).as("the rating itself stays").isEqualTo("VERY_DISSATISFIED");
    assertThat(v.getJsonArray("appeals").getJsonObject(0).getString("status")).isEqualTo("UPHELD");
    assertThat(v.getJsonArray("appeals").getJsonObject(0).getString("decision")).isEqualTo("经核实，差评与办理无关");
    assertThat(count(v, "APPEAL_DECISION")).isEqualTo(1);
    Problem none = fx.refused("2026-05-13T10:00", id, Step.APPEAL_DECISION, StepArgs.decide(false, "再裁定")).problem();
    assertThat(none.type()).isEqualTo("/problems/no-pending-appeal");
    assertThat(fx.refused("2026-05-13T10:00", id, Step.APPEAL, StepArgs.appeal("再申诉")).problem().type())
        .as("still one per rating after the decision").isEqualTo("/problems/appeal-exists");

    // rectified and rated again: a new rating counts and may be appealed in its turn
    fx.step("2026-05-14T09:00", id, Step.VERIFY, StepArgs.verify(Lifecycle.VerifyOutcome.RECTIFY, "需整改"));
    fx.step("2026-05-15T09:00", id, Step.RESOLVE, StepArgs.note("已降低利率"));
    v = fx.step("2026-05-18T09:00", id, Step.RATE, StepArgs.rate(Rating.BASICALLY_SATISFIED, null));
    assertThat(v.getString("status")).isEqualTo("RATED");
    assertThat(v.getBoolean("ratingExcluded")).isFalse();
    fx.step("2026-05-18T10:00", id, Step.APPEAL, StepArgs.appeal("企业评价有误"));
    v = fx.step("2026-05-19T09:00", id, Step.APPEAL_DECISION, StepArgs.decide(false, "评价属实，维持"));
    assertThat(v.getBoolean("ratingExcluded")).as("dismissed: the rating counts").isFalse();
    assertThat(v.getJsonArray("appeals")).hasSize(2);
    assertThat(v.getJsonArray("appeals").getJsonObject(0).getString("status")).as("the first decision is kept")
        .isEqualTo("UPHELD");
    assertThat(v.getJsonArray("appeals").getJsonObject(1).getString("status")).isEqualTo("DISMISSED");

    // reopened later (not a bad rating's verification): no appeal then
    fx.step("2026-05-20T09:00", id, Step.CLOSE, StepArgs.none());
    String other = resolved("2026-05-11");
    fx.step("2026-05-12T09:00", other, Step.RATE, StepArgs.rate(Rating.SATISFIED, null));
    fx.step("2026-05-12T10:00", other, Step.REOPEN, StepArgs.note("问题复发"));
    assertThat(fx.refused("2026-05-12T11:00", other, Step.APPEAL, StepArgs.appeal("申诉")).problem().type())
        .isEqualTo("/problems/appeal-not-offered");
  }

  @Test
  void theReceivingDepartmentDeclinesATransfer() {
    String id = fx.file("2026-06-01T09:00", ProblemFixture.uscc()).getString("id");
    fx.step("2026-06-01T10:00", id, Step.ACCEPT, StepArgs.none());
    fx.step("2026-06-01T11:00", id, Step.DISPATCH, StepArgs.dispatch(DEPT_A, Complexity.ORDINARY));
    assertThat(fx.refused("2026-06-01T12:00", id, Step.TRANSFER, StepArgs.decline("不属本局职责")).problem().type())
        .isEqualTo("/problems/no-pending-transfer");
    fx.step("2026-06-01T12:00", id, Step.TRANSFER, StepArgs.transfer(DEPT_B, "属经信局职责"));
    assertThat(fx.refused("2026-06-01T13:00", id, Step.TRANSFER, StepArgs.decline(null)).problem().status())
        .as("a reason is required").isEqualTo(422);
    JsonObject v = fx.step("2026-06-01T13:00", id, Step.TRANSFER, StepArgs.decline("不属本局职责"));
    assertThat(v.getString("status")).isEqualTo("DISPATCHED");
    assertThat(v.getString("department")).as("the first department stays accountable").isEqualTo(DEPT_A);
    assertThat(v.getString("pendingDepartment")).isNull();
    assertThat(v.getJsonObject("deadlines").getString("resolve")).as("the clock runs on").isEqualTo("2026-06-10");
    JsonObject declined = v.getJsonArray("history").stream().map(JsonObject.class::cast)
        .filter(e -> "TRANSFER_DECLINE".equals(e.getString("step"))).findFirst().orElseThrow();
    assertThat(declined.getString("label")).isEqualTo("拒绝接收转办");
    assertThat(declined.getString("declinedBy")).isEqualTo(DEPT_B);
    assertThat(declined.getString("note")).isEqualTo("不属本局职责");
    assertThat(fx.refused("2026-06-01T14:00", id, Step.TRANSFER, StepArgs.receive()).problem().type())
        .isEqualTo("/problems/no-pending-transfer");
    // another proposal may follow
    v = fx.step("2026-06-01T15:00", id, Step.TRANSFER, StepArgs.transfer("开化县司法局", "涉及合同纠纷"));
    assertThat(v.getString("pendingDepartment")).isEqualTo("开化县司法局");
  }
}
