package cn.enterprisegrid.policyindex.reference;

import java.util.Optional;
import java.util.Set;

/**
 * Statistical tags (规上/限上) derived from the industry and the latest annual main revenue
 * (10,000 CNY): 规上工业 for sections B, C, D with revenue ≥ 2,000; 限上批发 for division 51 ≥ 2,000;
 * 限上零售 for 52 ≥ 500; 限上住宿餐饮 for 61 and 62 ≥ 200.
 */
public final class StatTags {

  /** 规模以上工业. */
  public static final String INDUSTRY_ABOVE_SIZE = "规上工业";
  /** 限额以上批发. */
  public static final String WHOLESALE_ABOVE_QUOTA = "限上批发";
  /** 限额以上零售. */
  public static final String RETAIL_ABOVE_QUOTA = "限上零售";
  /** 限额以上住宿/餐饮. */
  public static final String HOSPITALITY_ABOVE_QUOTA = "限上住宿餐饮";

  /** Every tag this class can derive. */
  public static final Set<String> ALL = Set.of(INDUSTRY_ABOVE_SIZE, WHOLESALE_ABOVE_QUOTA, RETAIL_ABOVE_QUOTA, HOSPITALITY_ABOVE_QUOTA);

  private StatTags() {}

  /**
   * The statistical tags of a firm.
   *
   * @param section section letter of the industry, or null when unknown
   * @param industryCode the class code, or null when unknown
   * @param revenue latest annual revenue in 10,000 CNY, or null when unknown
   * @return the tags (possibly empty); empty optional when they cannot be determined: unknown
   *     industry, or an industry with a threshold and no revenue
   */
  public static Optional<Set<String>> derive(String section, String industryCode, Double revenue) {
    if (section == null || industryCode == null) {
      return Optional.empty();
    }
    String tag;
    double threshold;
    if (section.equals("B") || section.equals("C") || section.equals("D")) {
      tag = INDUSTRY_ABOVE_SIZE;
      threshold = 2000;
    } else if (industryCode.startsWith("51")) {
      tag = WHOLESALE_ABOVE_QUOTA;
      threshold = 2000;
    } else if (industryCode.startsWith("52")) {
      tag = RETAIL_ABOVE_QUOTA;
      threshold = 500;
    } else if (industryCode.startsWith("61") || industryCode.startsWith("62")) {
      tag = HOSPITALITY_ABOVE_QUOTA;
      threshold = 200;
    } else {
      return Optional.of(Set.of());
    }
    if (revenue == null || revenue.isNaN()) {
      return Optional.empty();
    }
    return Optional.of(revenue >= threshold ? Set.of(tag) : Set.of());
  }
}
