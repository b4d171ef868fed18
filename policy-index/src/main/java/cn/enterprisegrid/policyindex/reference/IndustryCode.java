package cn.enterprisegrid.policyindex.reference;

import java.util.Objects;

/**
 * One entry of GB/T 4754-2017.
 *
 * @param code the code: a section letter, or 2, 3 or 4 digits
 * @param level its level
 * @param section the section letter it belongs to
 * @param name the Chinese name
 * @param implied true for a group that the standard does not list separately because it holds a
 *     single class (e.g. 532 for class 5320); its name is that of the class
 */
public record IndustryCode(String code, IndustryLevel level, String section, String name, boolean implied) {
  /** Validates the parts. */
  public IndustryCode {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(section, "section");
    Objects.requireNonNull(name, "name");
  }
}
