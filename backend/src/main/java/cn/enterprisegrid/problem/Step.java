package cn.enterprisegrid.problem;

import cn.enterprisegrid.http.Language;
import cn.enterprisegrid.http.Localized;

import java.util.EnumSet;
import java.util.Set;

/**
 * A step of a problem's lifecycle and the statuses it may be taken from. The next status of most
 * steps is fixed; {@link #RESUME} returns to the status before the suspension, {@link #RATE}
 * depends on the rating and {@link #VERIFY} on its outcome (see {@link Lifecycle}). {@link #MERGE},
 * {@link #APPEAL} and {@link #APPEAL_DECISION} keep the status.
 */
public enum Step implements Localized {
  ACCEPT("受理", EnumSet.of(ProblemStatus.SUBMITTED)),
  REJECT("不予受理", EnumSet.of(ProblemStatus.SUBMITTED)),
  DISPATCH("交办", EnumSet.of(ProblemStatus.ACCEPTED, ProblemStatus.REOPENED)),
  PROGRESS("报告进展", EnumSet.of(ProblemStatus.DISPATCHED, ProblemStatus.IN_PROGRESS)),
  RESOLVE("办结", EnumSet.of(ProblemStatus.DISPATCHED, ProblemStatus.IN_PROGRESS)),
  TRANSFER("转办", EnumSet.of(ProblemStatus.DISPATCHED, ProblemStatus.IN_PROGRESS)),
  SUSPEND("挂起", EnumSet.of(ProblemStatus.DISPATCHED, ProblemStatus.IN_PROGRESS)),
  RESUME("恢复办理", EnumSet.of(ProblemStatus.SUSPENDED)),
  EXTEND("延期", EnumSet.of(ProblemStatus.DISPATCHED, ProblemStatus.IN_PROGRESS)),
  RATE("评价", EnumSet.of(ProblemStatus.RESOLVED)),
  VERIFY("核实", EnumSet.of(ProblemStatus.REOPENED)),
  REOPEN("重启", EnumSet.of(ProblemStatus.RESOLVED, ProblemStatus.RATED, ProblemStatus.CLOSED)),
  CLOSE("关闭", EnumSet.of(ProblemStatus.RESOLVED, ProblemStatus.RATED)),
  MERGE("合并", EnumSet.of(ProblemStatus.SUBMITTED, ProblemStatus.ACCEPTED, ProblemStatus.DISPATCHED,
      ProblemStatus.IN_PROGRESS, ProblemStatus.SUSPENDED, ProblemStatus.REOPENED)),
  /** The department appeals the firm's rating (once per rating; see {@link StepRules}). */
  APPEAL("评价申诉", EnumSet.of(ProblemStatus.RATED, ProblemStatus.REOPENED)),
  /** A grid admin decides the pending appeal: upheld excludes the rating from the satisfaction rate. */
  APPEAL_DECISION("申诉裁定", EnumSet.of(ProblemStatus.RATED, ProblemStatus.REOPENED, ProblemStatus.CLOSED,
      ProblemStatus.DISPATCHED, ProblemStatus.IN_PROGRESS, ProblemStatus.SUSPENDED, ProblemStatus.RESOLVED));

  private final String label;
  private final Set<ProblemStatus> from;

  Step(String label, Set<ProblemStatus> from) {
    this.label = label;
    this.from = from;
  }

  /**
   * The step a history entry records ({@code AUTO_CLOSE} is a {@link #CLOSE}, {@code TRANSFER_*} a
   * {@link #TRANSFER}), or null for an entry that is no step (a warning, a breach).
   */
  public static Step parse(String historyStep) {
    if (historyStep == null) {
      return null;
    }
    if (historyStep.equals("AUTO_CLOSE")) {
      return CLOSE;
    }
    if (historyStep.startsWith("TRANSFER_")) {
      return TRANSFER;
    }
    for (Step s : values()) {
      if (s.name().equals(historyStep)) {
        return s;
      }
    }
    return null;
  }

  public String label() {
    return label;
  }

  /** The Chinese label in Chinese texts, the constant's name in English ones. */
  @Override
  public String render(Language lang) {
    return lang == Language.ZH ? label : name();
  }

  /** The statuses this step may be taken from. */
  public Set<ProblemStatus> from() {
    return from;
  }

  public boolean allowedFrom(ProblemStatus status) {
    return from.contains(status);
  }
}
