package cn.enterprisegrid.policyindex.reference;

import java.util.List;
import java.util.Objects;

/**
 * The ancestry of a class code: section letter, 2-digit division, 3-digit group, 4-digit class.
 * The group is always the first three digits, also when the standard lists the group only as its
 * single class (e.g. group 532 of class 5320).
 *
 * @param section section letter, e.g. C
 * @param division 2 digits, e.g. 39
 * @param group 3 digits, e.g. 398
 * @param classCode 4 digits, e.g. 3985
 */
public record IndustryPath(String section, String division, String group, String classCode) {
  /** Validates the parts. */
  public IndustryPath {
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(division, "division");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(classCode, "classCode");
  }

  /** The four codes from the most general to the class. */
  public List<String> codes() {
    return List.of(section, division, group, classCode);
  }
}
