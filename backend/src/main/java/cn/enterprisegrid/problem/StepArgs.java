package cn.enterprisegrid.problem;

/**
 * What a step carries besides its name: a note (progress, reason, resolution, appeal reason,
 * decision), the department and complexity of a dispatch or transfer, the working days of an
 * extension, the rating, the outcome of a verification, the case a {@link Step#MERGE} joins and
 * whether an {@link Step#APPEAL_DECISION} upholds the appeal. {@code acceptTransfer} and {@code
 * declineTransfer} are the receiving department's answer to a pending {@link Step#TRANSFER};
 * {@code request} marks a department's request of an {@link Step#EXTEND} that a grid admin approves
 * later; {@code handler} names the person a dispatch order goes to (optional). Build them with the
 * factories below (the routes do).
 */
public record StepArgs(String note, String department, Complexity complexity, Integer workingDays, Rating rating,
    Lifecycle.VerifyOutcome outcome, boolean acceptTransfer, boolean declineTransfer, String into, Boolean upheld,
    boolean request, String handler) {

  public static StepArgs none() {
    return new StepArgs(null, null, null, null, null, null, false, false, null, null, false, null);
  }

  /** A progress note, a rejection's or suspension's reason, a resolution, a closing remark. */
  public static StepArgs note(String note) {
    return new StepArgs(note, null, null, null, null, null, false, false, null, null, false, null);
  }

  public static StepArgs dispatch(String department, Complexity complexity) {
    return dispatch(department, complexity, null, null);
  }

  /** A dispatch order (交办单) to {@code department}, optionally to one handler, with instructions. */
  public static StepArgs dispatch(String department, Complexity complexity, String handler, String note) {
    return new StepArgs(note, department, complexity, null, null, null, false, false, null, null, false, handler);
  }

  /** A transfer proposed to {@code department} (the current one stays accountable meanwhile). */
  public static StepArgs transfer(String department, String reason) {
    return new StepArgs(reason, department, null, null, null, null, false, false, null, null, false, null);
  }

  /** The receiving department accepts the pending transfer: it becomes accountable. */
  public static StepArgs receive() {
    return new StepArgs(null, null, null, null, null, null, true, false, null, null, false, null);
  }

  /**
   * The receiving department refuses the pending transfer ({@code reason} required): the proposal
   * is cleared and the first department stays accountable.
   */
  public static StepArgs decline(String reason) {
    return new StepArgs(reason, null, null, null, null, null, false, true, null, null, false, null);
  }

  public static StepArgs extend(int workingDays, String reason) {
    return new StepArgs(reason, null, null, workingDays, null, null, false, false, null, null, false, null);
  }

  /** A department asks for {@code workingDays} more to resolve; the clock moves only when a grid admin approves. */
  public static StepArgs requestExtension(int workingDays, String reason) {
    return new StepArgs(reason, null, null, workingDays, null, null, false, false, null, null, true, null);
  }

  public static StepArgs rate(Rating rating, String comment) {
    return new StepArgs(comment, null, null, null, rating, null, false, false, null, null, false, null);
  }

  public static StepArgs verify(Lifecycle.VerifyOutcome outcome, String note) {
    return new StepArgs(note, null, null, null, null, outcome, false, false, null, null, false, null);
  }

  /** {@link Step#MERGE}: this case follows case {@code into} from now on ({@code {"into": ID}}). */
  public static StepArgs merge(String into) {
    return new StepArgs(null, null, null, null, null, null, false, false, into, null, false, null);
  }

  /** {@link Step#APPEAL}: the department appeals the current rating ({@code {"reason"}}). */
  public static StepArgs appeal(String reason) {
    return new StepArgs(reason, null, null, null, null, null, false, false, null, null, false, null);
  }

  /**
   * {@link Step#APPEAL_DECISION}: a grid admin decides the pending appeal ({@code {"upheld",
   * "note"}}); an upheld appeal excludes the rating from the satisfaction rate.
   */
  public static StepArgs decide(boolean upheld, String note) {
    return new StepArgs(note, null, null, null, null, null, false, false, null, upheld, false, null);
  }
}
