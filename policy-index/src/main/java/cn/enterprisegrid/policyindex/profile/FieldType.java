package cn.enterprisegrid.policyindex.profile;

/** Value type of a rule field; decides which operators fit it. */
public enum FieldType {
  /** Statistical division code, matched by prefix over the code path. */
  REGION_CODE,
  /** GB/T 4754 class code, matched by prefix (a section letter matches every class in it). */
  INDUSTRY_CODE,
  /** One of a fixed set of names. */
  ENUM,
  /** A set of strings. */
  TAGS,
  /** A whole number. */
  INTEGER,
  /** A decimal number. */
  DECIMAL;

  /** True for INTEGER and DECIMAL. */
  public boolean isNumeric() {
    return this == INTEGER || this == DECIMAL;
  }
}
