package cn.enterprisegrid.policyindex.reference;

import java.util.Optional;

/** The five levels of the statistical division codes, with the length of their codes. */
public enum DivisionLevel {
  /** 省级, 2 digits. */
  PROVINCE(2),
  /** 地级, 4 digits. */
  CITY(4),
  /** 县级 (county, district, county-level city), 6 digits. */
  COUNTY(6),
  /** 乡级 (township, town, street), 9 digits. */
  TOWNSHIP(9),
  /** 村级 (village, community), 12 digits. */
  VILLAGE(12);

  private final int codeLength;

  DivisionLevel(int codeLength) {
    this.codeLength = codeLength;
  }

  /** Number of digits of a code at this level. */
  public int codeLength() {
    return codeLength;
  }

  /** The level whose codes have this many digits, if any. */
  public static Optional<DivisionLevel> ofCodeLength(int length) {
    for (DivisionLevel l : values()) {
      if (l.codeLength == length) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }

  /**
   * True when {@code code} is a digit string whose length is that of one of the levels
   * (2, 4, 6, 9 or 12). Says nothing about whether the code exists.
   */
  public static boolean isPlausibleCode(String code) {
    if (code == null || ofCodeLength(code.length()).isEmpty()) {
      return false;
    }
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
