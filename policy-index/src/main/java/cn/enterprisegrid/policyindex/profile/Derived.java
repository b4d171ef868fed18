package cn.enterprisegrid.policyindex.profile;

import cn.enterprisegrid.policyindex.reference.SizeClass;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Set;

/**
 * Figures derived from an {@link Enterprise} at an evaluation date by {@link ProfileDeriver}. A
 * {@code null} component means it cannot be derived from the data at hand.
 *
 * @param countyCode first 6 digits of the region code
 * @param townshipCode first 9 digits of the region code
 * @param industrySection section letter of the industry
 * @param industryDivision 2-digit division
 * @param industryGroup 3-digit group
 * @param sizeClass size class; {@code UNCLASSIFIED} when the standard does not size the industry
 *     (rail transport), {@code null} when an indicator or the industry is missing
 * @param statTags 规上/限上 tags (possibly empty); null when undeterminable
 * @param yearsSinceEstablished whole years completed at the evaluation date
 * @param rdRatio latest year's rdExpense / revenue (revenue must be positive)
 * @param revenueGrowth latest year's revenue over the previous year's, minus one (needs both
 *     consecutive years and a positive previous revenue)
 * @param latest the figures of the latest year reported
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"countyCode", "townshipCode", "industrySection", "industryDivision", "industryGroup", "sizeClass",
    "statTags", "yearsSinceEstablished", "rdRatio", "revenueGrowth", "latest"})
public record Derived(
    String countyCode,
    String townshipCode,
    String industrySection,
    String industryDivision,
    String industryGroup,
    SizeClass sizeClass,
    Set<String> statTags,
    Integer yearsSinceEstablished,
    Double rdRatio,
    Double revenueGrowth,
    FinancialYear latest) {

  /** Copies the tags. */
  public Derived {
    statTags = statTags == null ? null : Set.copyOf(statTags);
  }
}
