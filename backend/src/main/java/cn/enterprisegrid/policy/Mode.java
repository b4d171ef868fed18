package cn.enterprisegrid.policy;

/** How a firm receives a policy's benefit. */
public enum Mode {
  /** 免申即享: granted without an application to every eligible firm, which confirms receipt. */
  AUTO_GRANT,
  /** 一键兑现: granted at once when an eligible firm applies. */
  ONE_CLICK,
  /** An author reviews each application. */
  REVIEW;

  /** Parses a mode name; null when it is not one. */
  static Mode parse(String s) {
    for (Mode m : values()) {
      if (m.name().equals(s)) {
        return m;
      }
    }
    return null;
  }
}
