package cn.enterprisegrid.policyindex.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A firm's figures for one year, every amount in 10,000 CNY (万元); any figure may be absent.
 *
 * @param year the calendar year (required)
 * @param revenue 营业收入
 * @param assets 资产总额
 * @param rdExpense 研发费用
 * @param taxPaid 纳税额
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"year", "revenue", "assets", "rdExpense", "taxPaid"})
public record FinancialYear(Integer year, Double revenue, Double assets, Double rdExpense, Double taxPaid) {
  /** Requires the year and finite figures. */
  public FinancialYear {
    if (year == null) {
      throw new IllegalArgumentException("financial year needs a year");
    }
    revenue = Enterprise.finite(revenue, "revenue");
    assets = Enterprise.finite(assets, "assets");
    rdExpense = Enterprise.finite(rdExpense, "rdExpense");
    taxPaid = Enterprise.finite(taxPaid, "taxPaid");
  }
}
