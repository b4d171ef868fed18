package cn.enterprisegrid.problem;

import cn.enterprisegrid.http.Language;
import cn.enterprisegrid.http.Localized;

/** Where a firm's problem (诉求) stands. The Chinese label is what a person reads. */
public enum ProblemStatus implements Localized {
  SUBMITTED("待受理"),
  ACCEPTED("已受理"),
  REJECTED("不予受理"),
  DISPATCHED("已交办"),
  IN_PROGRESS("办理中"),
  SUSPENDED("已挂起"),
  RESOLVED("已办结"),
  RATED("已评价"),
  REOPENED("已重启"),
  CLOSED("已关闭");

  private final String label;

  ProblemStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The Chinese label in Chinese texts, the constant's name in English ones. */
  @Override
  public String render(Language lang) {
    return lang == Language.ZH ? label : name();
  }

  /** Whether the case still needs someone's work ("0": every item followed until closed). */
  public boolean open() {
    return this != REJECTED && this != CLOSED;
  }

  /** Whether a department is accountable for it now (its clock may run). */
  public boolean withDepartment() {
    return this == DISPATCHED || this == IN_PROGRESS || this == SUSPENDED;
  }
}
