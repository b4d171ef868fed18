package cn.enterprisegrid.problem;

/**
 * A kind of problem (融资, 用工, ...): its machine-readable code, the label a person reads, the
 * department a new problem of this kind goes to by default (named as in accounts' scopes) and its
 * deadlines.
 */
public record Category(String code, String label, String defaultDepartment, ServiceLevels levels) {
  public Category {
    if (code == null || !code.matches("[A-Z][A-Z_]{1,31}")) {
      throw new IllegalArgumentException("a category code is 2 to 32 capitals or underscores, was " + code);
    }
    if (label == null || label.isBlank() || defaultDepartment == null || defaultDepartment.isBlank()) {
      throw new IllegalArgumentException("a category needs a label and a default department");
    }
    levels = levels == null ? ServiceLevels.RULE_13710 : levels;
  }
}
