package cn.enterprisegrid.policyindex.reference;

/** Enterprise size class of the 2017 statistical standard. */
public enum SizeClass {
  /** 大型. */
  LARGE,
  /** 中型. */
  MEDIUM,
  /** 小型. */
  SMALL,
  /** 微型. */
  MICRO,
  /** The standard cannot size the firm: unsized industry (rail transport), unknown industry or a missing indicator. */
  UNCLASSIFIED
}
