package cn.enterprisegrid.policyindex.reference;

import java.util.Objects;

/**
 * One statistical division.
 *
 * @param code the division code (2, 4, 6, 9 or 12 digits)
 * @param name the Chinese name, e.g. 开化县
 * @param level the level implied by the code length
 * @param parentCode the code of the enclosing division, or {@code null} for a province
 */
public record Division(String code, String name, DivisionLevel level, String parentCode) {
  /** Validates the non-null parts. */
  public Division {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(level, "level");
  }
}
