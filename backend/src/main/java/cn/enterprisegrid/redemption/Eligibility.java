package cn.enterprisegrid.redemption;

import cn.enterprisegrid.dictionary.FieldLabels;
import cn.enterprisegrid.http.Text;
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
      throw new ProblemException(Problem.of(422, unknown ? "incomplete-profile" : "ineligible", unknown
          ? Text.of("redemption.incomplete", String.join("、", labels(Explanations.missing(leaves))))
          : Text.of("redemption.ineligible")));
    }
    OptionalDouble amount = spec.benefit().amountFor(profile);
    if (amount.isEmpty()) {
      throw new ProblemException(Problem.of(422, "incomplete-profile", Text.of("redemption.amount-figure",
          FieldLabels.standard().of(spec.benefit().figure().jsonName()).label())));
    }
    long fen = Money.fen(amount.getAsDouble());
    if (fen <= 0) {
      throw new ProblemException(Problem.of(422, "no-benefit", Text.of("redemption.no-benefit")));
    }
    return fen;
  }

  /** The Chinese labels of fields by JSON name: the firm reads what to complete, not field names. */
  private static List<String> labels(io.vertx.core.json.JsonArray fields) {
    return fields.stream().map(f -> FieldLabels.standard().of((String) f).label()).toList();
  }
}
