package cn.enterprisegrid.problem;

/** How hard a dispatched problem is: it sets the resolve deadline (7 or 22 working days by default). */
public enum Complexity {
  ORDINARY("一般"),
  COMPLEX("复杂");

  private final String label;

  Complexity(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
