package cn.enterprisegrid.policyindex.match;

import cn.enterprisegrid.policyindex.profile.Profile;

import java.util.List;

/**
 * A policy that is INELIGIBLE for a firm but would be ELIGIBLE if exactly one leaf flipped. Each
 * gap is one alternative single change. The full per-leaf explanation is available on demand from
 * {@link PolicyMatcher#explain(String, Profile)}.
 *
 * @param policyId the policy
 * @param gaps the alternatives (at least one)
 */
public record NearMiss(String policyId, List<Gap> gaps) {
  /** Copies the list. */
  public NearMiss {
    gaps = gaps instanceof FrozenList ? gaps : List.copyOf(gaps);
  }
}
