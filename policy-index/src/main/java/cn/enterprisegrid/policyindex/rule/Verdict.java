package cn.enterprisegrid.policyindex.rule;

/** The answer for one firm × policy pair. */
public enum Verdict {
  /** The rule holds. */
  ELIGIBLE,
  /** The rule cannot be decided because data is missing: ask the firm, never silently exclude. */
  UNKNOWN,
  /** The rule does not hold. */
  INELIGIBLE;

  /** The verdict for a rule's truth value. */
  public static Verdict of(Truth t) {
    return switch (t) {
      case TRUE -> ELIGIBLE;
      case UNKNOWN -> UNKNOWN;
      case FALSE -> INELIGIBLE;
    };
  }
}
