package cn.enterprisegrid.policyindex.index;

import java.util.Set;

/**
 * A policy search: free text (any string is safe; empty lists by date), filters and a page.
 * Filters are sets of accepted values (empty: no filter); {@code regionCode} keeps the policies
 * that apply to a firm located there (policies without region restriction always apply).
 *
 * @param text user text, may be null or empty; only the first 100 characters are used
 * @param departments accepted departments
 * @param benefitKinds accepted benefit kinds
 * @param modes accepted modes
 * @param statuses accepted statuses
 * @param regionCode a firm's region code, or null
 * @param offset first hit to return, ≥ 0
 * @param limit hits to return, 1..100
 */
public record PolicyQuery(String text, Set<String> departments, Set<String> benefitKinds, Set<String> modes,
    Set<String> statuses, String regionCode, int offset, int limit) {
  /** Validates the page and copies the sets. */
  public PolicyQuery {
    departments = departments == null ? Set.of() : Set.copyOf(departments);
    benefitKinds = benefitKinds == null ? Set.of() : Set.copyOf(benefitKinds);
    modes = modes == null ? Set.of() : Set.copyOf(modes);
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    if (offset < 0 || offset > 10_000) {
      throw new IllegalArgumentException("offset must be within 0..10000");
    }
    if (limit < 1 || limit > 100) {
      throw new IllegalArgumentException("limit must be within 1..100");
    }
  }

  /** A text search without filters, first page of 10. */
  public static PolicyQuery text(String text) {
    return new PolicyQuery(text, Set.of(), Set.of(), Set.of(), Set.of(), null, 0, 10);
  }

  /** The same query with other filters. */
  public PolicyQuery withFilters(Set<String> newDepartments, Set<String> newBenefitKinds, Set<String> newModes,
      Set<String> newStatuses) {
    return new PolicyQuery(text, newDepartments, newBenefitKinds, newModes, newStatuses, regionCode, offset, limit);
  }

  /** The same query for another page. */
  public PolicyQuery page(int newOffset, int newLimit) {
    return new PolicyQuery(text, departments, benefitKinds, modes, statuses, regionCode, newOffset, newLimit);
  }

  /** The same query restricted to the policies that apply in a region. */
  public PolicyQuery inRegion(String newRegionCode) {
    return new PolicyQuery(text, departments, benefitKinds, modes, statuses, newRegionCode, offset, limit);
  }
}
