package cn.enterprisegrid.problem;

/** The national five levels of 好差评, best first. */
public enum Rating {
  VERY_SATISFIED("非常满意"),
  SATISFIED("满意"),
  BASICALLY_SATISFIED("基本满意"),
  DISSATISFIED("不满意"),
  VERY_DISSATISFIED("非常不满意");

  private final String label;

  Rating(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The level named {@code s}, or null when it names none. */
  public static Rating parse(String s) {
    for (Rating r : values()) {
      if (r.name().equals(s)) {
        return r;
      }
    }
    return null;
  }

  /** A bad rating (差评) reopens the case for verification. */
  public boolean bad() {
    return this == DISSATISFIED || this == VERY_DISSATISFIED;
  }

  /** Counts towards the satisfaction rate (非常满意 + 满意 + 基本满意 among rated cases). */
  public boolean satisfied() {
    return !bad();
  }
}
