package cn.enterprisegrid.problem;

import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.http.ProblemException;
import io.vertx.core.json.JsonObject;

/** A step that the case's current status does not allow; its message names both, in Chinese. */
public final class StepRefused extends RuntimeException {
  private final ProblemStatus status;
  private final Step step;

  public StepRefused(ProblemStatus status, Step step) {
    super("诉求当前状态为“" + status.label() + "”（" + status + "），不能" + step.label() + "（" + step + "）", null,
        false, false);
    this.status = status;
    this.step = step;
  }

  public ProblemStatus status() {
    return status;
  }

  public Step step() {
    return step;
  }

  /** The 409 {@code step-not-allowed} it answers, with {@code status} and {@code step} members. */
  public ProblemException problem() {
    return new ProblemException(Problem.of(409, "step-not-allowed", Text.of("problem.step-not-allowed", status, step))
        .with(new JsonObject().put("status", status.name()).put("step", step.name())));
  }
}
