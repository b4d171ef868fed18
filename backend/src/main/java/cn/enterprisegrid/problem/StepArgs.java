package cn.enterprisegrid.problem;

/**
 * What a step carries besides its name: a note (progress, reason, resolution), the department and
 * complexity of a dispatch or transfer, the working days of an extension, the rating, the outcome
 * of a verification. {@code acceptTransfer} marks the receiving department's acceptance of a
 * pending {@link Step#TRANSFER}.
 */
public record StepArgs(String note, String department, Complexity complexity, Integer workingDays, Rating rating,
    Lifecycle.VerifyOutcome outcome, boolean acceptTransfer) {

  public static StepArgs none() {
    return new StepArgs(null, null, null, null, null, null, false);
  }

  /** A progress note, a rejection's or suspension's reason, a resolution, a closing remark. */
  public static StepArgs note(String note) {
    return new StepArgs(note, null, null, null, null, null, false);
  }

  public static StepArgs dispatch(String department, Complexity complexity) {
    return new StepArgs(null, department, complexity, null, null, null, false);
  }

  /** A transfer proposed to {@code department} (the current one stays accountable meanwhile). */
  public static StepArgs transfer(String department, String reason) {
    return new StepArgs(reason, department, null, null, null, null, false);
  }

  /** The receiving department accepts the pending transfer: it becomes accountable. */
  public static StepArgs receive() {
    return new StepArgs(null, null, null, null, null, null, true);
  }

  public static StepArgs extend(int workingDays, String reason) {
    return new StepArgs(reason, null, null, workingDays, null, null, false);
  }

  public static StepArgs rate(Rating rating, String comment) {
    return new StepArgs(comment, null, null, null, rating, null, false);
  }

  public static StepArgs verify(Lifecycle.VerifyOutcome outcome, String note) {
    return new StepArgs(note, null, null, null, null, outcome, false);
  }
}
