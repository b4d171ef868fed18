package cn.enterprisegrid.grid;

/**
 * A liaison's rank. Key firms go to senior ranks where one has room (the reports' "县领导包联重点企业").
 */
public enum Rank {
  /** 县级领导: a county-level leader. Senior. */
  LEADER(true),
  /** 科级干部 / 部门负责人: head of a unit or township. Senior. */
  DIRECTOR(true),
  /** 一般干部: staff. */
  STAFF(false);

  private final boolean senior;

  Rank(boolean senior) {
    this.senior = senior;
  }

  public boolean senior() {
    return senior;
  }

  /** The rank of a name, or null. */
  public static Rank parse(String s) {
    for (Rank r : values()) {
      if (r.name().equals(s)) {
        return r;
      }
    }
    return null;
  }
}
