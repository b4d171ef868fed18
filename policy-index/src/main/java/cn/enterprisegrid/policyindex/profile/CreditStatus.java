package cn.enterprisegrid.policyindex.profile;

/** Credit status of a firm. */
public enum CreditStatus {
  /** Not on a blacklist. */
  NORMAL,
  /** On the 严重失信 list; excluded from incentives by most policies. */
  SERIOUS_DISHONESTY
}
