package cn.enterprisegrid.policyindex.match;

import cn.enterprisegrid.policyindex.rule.Truth;
import cn.enterprisegrid.policyindex.rule.Verdict;

import java.util.List;

/**
 * A policy whose rule is ELIGIBLE or UNKNOWN for a firm, with every leaf explained.
 *
 * @param policyId the policy
 * @param verdict ELIGIBLE or UNKNOWN
 * @param explanation one entry per leaf, in rule order
 */
public record PolicyMatch(String policyId, Verdict verdict, List<LeafExplanation> explanation) {
  /** Copies the list. */
  public PolicyMatch {
    explanation = explanation instanceof FrozenList ? explanation : List.copyOf(explanation);
  }

  /** The leaves that are UNKNOWN: the data to ask the firm for. */
  public List<LeafExplanation> unknownLeaves() {
    return explanation.stream().filter(e -> e.truth() == Truth.UNKNOWN).toList();
  }
}
