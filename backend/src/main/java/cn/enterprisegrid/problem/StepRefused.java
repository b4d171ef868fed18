package cn.enterprisegrid.problem;

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
}
