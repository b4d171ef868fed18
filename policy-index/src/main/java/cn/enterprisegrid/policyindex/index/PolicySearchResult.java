package cn.enterprisegrid.policyindex.index;

import java.util.List;
import java.util.Map;

/**
 * Search results.
 *
 * @param total number of matching policies
 * @param hits the requested page
 * @param facets per dimension (department, benefitKind, mode, status), value counts, most
 *     frequent first; each dimension is counted with every filter applied except its own, so a UI
 *     can offer the alternatives of a selected value
 */
public record PolicySearchResult(long total, List<PolicyHit> hits, Map<String, List<FacetValue>> facets) {
  /** Copies the collections. */
  public PolicySearchResult {
    hits = List.copyOf(hits);
    facets = Map.copyOf(facets);
  }
}
