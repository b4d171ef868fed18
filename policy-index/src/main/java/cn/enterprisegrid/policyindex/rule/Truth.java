package cn.enterprisegrid.policyindex.rule;

/** Kleene three-valued truth: a condition on missing data is {@link #UNKNOWN}. */
public enum Truth {
  /** Holds. */
  TRUE,
  /** Does not hold. */
  FALSE,
  /** Cannot be decided: data missing. */
  UNKNOWN;

  /** Kleene conjunction. */
  public Truth and(Truth other) {
    if (this == FALSE || other == FALSE) {
      return FALSE;
    }
    if (this == UNKNOWN || other == UNKNOWN) {
      return UNKNOWN;
    }
    return TRUE;
  }

  /** Kleene disjunction. */
  public Truth or(Truth other) {
    if (this == TRUE || other == TRUE) {
      return TRUE;
    }
    if (this == UNKNOWN || other == UNKNOWN) {
      return UNKNOWN;
    }
    return FALSE;
  }

  /** Kleene negation: swaps TRUE and FALSE, keeps UNKNOWN. */
  public Truth not() {
    return switch (this) {
      case TRUE -> FALSE;
      case FALSE -> TRUE;
      case UNKNOWN -> UNKNOWN;
    };
  }

  /** TRUE or FALSE from a boolean. */
  public static Truth of(boolean b) {
    return b ? TRUE : FALSE;
  }
}
