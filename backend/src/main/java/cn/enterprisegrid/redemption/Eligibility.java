package cn.enterprisegrid.redemption;

import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.policy.Explanations;
import cn.enterprisegrid.policy.PolicyCatalog;
import cn.enterprisegrid.policy.PolicySpec;
import cn.enterprisegrid.policyindex.match.LeafExplanation;
import cn.enterprisegrid.policyindex.profile.Profile;
import cn.enterprisegrid.policyindex.rule.Verdict;

import java.util.List;
import java.util.OptionalDouble;

/** Whether a firm may apply, and for how much: the check before the apply script reserves money. */
final class Eligibility {
  private final PolicyCatalog catalog;

  Eligibility(PolicyCatalog catalog) {
    this.catalog = catalog;
  }

  /** The amount in 分 when the firm is ELIGIBLE and the benefit pays something; else a 422 saying why. */
  long amountFen(PolicySpec spec, Profile profile) {
    Verdict verdict = catalog.verdict(spec, profile);
    if (verdict != Verdict.ELIGIBLE) {
      List<LeafExplanation> leaves = catalog.explain(spec, profile);
      boolean unknown = verdict == Verdict.UNKNOWN;
      throw new ProblemException(Problem.of(422, unknown ? "incomplete-profile" : "ineligible",
          unknown ? "Profile incomplete" : "Not eligible", unknown
              ? "the profile lacks what this policy needs to decide: complete " + Explanations.missing(leaves).encode()
              : "the firm does not meet this policy's conditions"));
    }
    OptionalDouble amount = spec.benefit().amountFor(profile);
    if (amount.isEmpty()) {
      throw new ProblemException(Problem.of(422, "incomplete-profile", "Profile incomplete",
          "the amount depends on " + spec.benefit().figure().jsonName() + ", which the profile lacks"));
    }
    long fen = Money.fen(amount.getAsDouble());
    if (fen <= 0) {
      throw new ProblemException(Problem.of(422, "no-benefit", "Nothing to grant",
          "the benefit rule gives nothing for this firm's figures"));
    }
    return fen;
  }
}
