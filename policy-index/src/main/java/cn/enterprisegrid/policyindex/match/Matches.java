package cn.enterprisegrid.policyindex.match;

import java.util.List;

/**
 * Everything {@link PolicyMatcher#match} found for one firm.
 *
 * @param uscc the firm
 * @param matches ELIGIBLE first, then UNKNOWN, each group ordered by policy id
 * @param nearMisses INELIGIBLE policies one leaf away from ELIGIBLE, ordered by policy id
 */
public record Matches(String uscc, List<PolicyMatch> matches, List<NearMiss> nearMisses) {
  /** Copies the lists. */
  public Matches {
    matches = matches instanceof FrozenList ? matches : List.copyOf(matches);
    nearMisses = nearMisses instanceof FrozenList ? nearMisses : List.copyOf(nearMisses);
  }
}
