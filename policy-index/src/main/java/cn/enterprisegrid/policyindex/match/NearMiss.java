package cn.enterprisegrid.policyindex.match;

import java.util.List;

/**
 * A policy that is INELIGIBLE for a firm but would be ELIGIBLE if exactly one leaf flipped. Each
 * gap is one alternative single change.
 *
 * @param policyId the policy
 * @param gaps the alternatives (at least one)
 * @param explanation one entry per leaf, in rule order
 */
public record NearMiss(String policyId, List<Gap> gaps, List<LeafExplanation> explanation) {
  /** Copies the lists. */
  public NearMiss {
    gaps = List.copyOf(gaps);
    explanation = List.copyOf(explanation);
  }
}
