package cn.enterprisegrid.problem;

/**
 * The status a step leads to: one table for the whole product (the scripts compare-and-set the
 * status this answers, so the rule lives here only).
 */
public final class Lifecycle {
  private Lifecycle() {}

  /** How a bad rating's verification (回访) ended. */
  public enum VerifyOutcome {
    /** 整改: dispatched again for rectification. */
    RECTIFY,
    /** The rating was verified and explained to the firm: the case closes. */
    EXPLAINED
  }

  /**
   * The status after {@code step} from {@code current}.
   *
   * @param beforeSuspension the status the case had when suspended (for {@link Step#RESUME})
   * @param rating           the firm's rating (for {@link Step#RATE}); a bad one reopens the case for verification
   * @param outcome          the verification's outcome (for {@link Step#VERIFY})
   * @throws StepRefused when the current status does not allow the step
   */
  public static ProblemStatus next(ProblemStatus current, Step step, ProblemStatus beforeSuspension,
      Rating rating, VerifyOutcome outcome) {
    if (!step.allowedFrom(current)) {
      throw new StepRefused(current, step);
    }
    return switch (step) {
      case ACCEPT -> ProblemStatus.ACCEPTED;
      case REJECT -> ProblemStatus.REJECTED;
      case DISPATCH, TRANSFER -> ProblemStatus.DISPATCHED;
      case PROGRESS -> ProblemStatus.IN_PROGRESS;
      case RESOLVE -> ProblemStatus.RESOLVED;
      case SUSPEND -> ProblemStatus.SUSPENDED;
      case RESUME -> {
        if (beforeSuspension == null || !beforeSuspension.withDepartment() || beforeSuspension == ProblemStatus.SUSPENDED) {
          throw new IllegalStateException("a suspended case must remember a department status, had " + beforeSuspension);
        }
        yield beforeSuspension;
      }
      case EXTEND, MERGE, APPEAL, APPEAL_DECISION -> current;
      case RATE -> rating.bad() ? ProblemStatus.REOPENED : ProblemStatus.RATED;
      case VERIFY -> outcome == VerifyOutcome.RECTIFY ? ProblemStatus.DISPATCHED : ProblemStatus.CLOSED;
      case REOPEN -> ProblemStatus.REOPENED;
      case CLOSE -> ProblemStatus.CLOSED;
    };
  }
}
