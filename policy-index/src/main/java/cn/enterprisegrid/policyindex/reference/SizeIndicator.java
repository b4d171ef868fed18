package cn.enterprisegrid.policyindex.reference;

/** An indicator of the size standard. */
public enum SizeIndicator {
  /** 从业人员, persons. */
  EMPLOYEES,
  /** 营业收入, 10,000 CNY. */
  REVENUE,
  /** 资产总额, 10,000 CNY. */
  ASSETS
}
