package cn.enterprisegrid.problem;

import java.util.Map;

/**
 * The deadlines of the "13710" rule in working days, configurable per category: accept within 1,
 * first progress report within 3, resolve an ORDINARY problem within 7 and a COMPLEX one within 22
 * (about a month); warn the handler when {@code warnShare} of a deadline's time has passed; verify
 * a bad rating within 5; close an unrated resolved case after {@code autoCloseDays}.
 */
public record ServiceLevels(int acceptDays, int firstReportDays, int ordinaryDays, int complexDays,
    double warnShare, int verifyDays, int autoCloseDays) {

  /** The rule as the work reports state it. */
  public static final ServiceLevels RULE_13710 = new ServiceLevels(1, 3, 7, 22, 0.75, 5, 5);

  public ServiceLevels {
    if (acceptDays < 1 || firstReportDays < 1 || ordinaryDays < 1 || complexDays < ordinaryDays
        || verifyDays < 1 || autoCloseDays < 1) {
      throw new IllegalArgumentException("deadlines must be at least one working day, a complex one no shorter than an ordinary one");
    }
    if (!(warnShare > 0 && warnShare < 1)) {
      throw new IllegalArgumentException("warnShare must lie strictly between 0 and 1");
    }
  }

  /** The resolve deadline of a problem of this complexity. */
  public int resolveDays(Complexity complexity) {
    return complexity == Complexity.COMPLEX ? complexDays : ordinaryDays;
  }

  /** The levels of {@code category}, or the default rule's. */
  public static ServiceLevels of(Map<String, ServiceLevels> byCategory, String category) {
    return byCategory.getOrDefault(category, RULE_13710);
  }
}
