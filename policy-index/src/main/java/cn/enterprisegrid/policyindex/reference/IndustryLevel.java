package cn.enterprisegrid.policyindex.reference;

/** The four levels of GB/T 4754-2017. */
public enum IndustryLevel {
  /** 门类, a letter A-T. */
  SECTION,
  /** 大类, 2 digits. */
  DIVISION,
  /** 中类, 3 digits. */
  GROUP,
  /** 小类, 4 digits. */
  CLASS
}
