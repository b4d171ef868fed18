package cn.enterprisegrid.visit;

import cn.enterprisegrid.grid.GridConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The measured figures of one liaison or cell and their score and colour (docs/grid.md):
 * completion = done / required visits in the window; overdueShare = overdue firms / firms;
 * confirmation = confirmed / recorded call-backs; satisfaction = mean of the 1..5 answers.
 * score = 100 × weighted mean of completion (0.4), 1 − overdueShare (0.2), confirmation (0.2) and
 * (satisfaction − 1) / 4 (0.2), over the components that were measured. RED when any measured
 * component crosses its threshold, else GREEN.
 */
public record Scorecard(long firms, long overdue, long required, long done, long callbacks, long confirmed,
    long satisfactionSum) {

  public Double completion() {
    return required == 0 ? null : (double) done / required;
  }

  public Double overdueShare() {
    return firms == 0 ? null : (double) overdue / firms;
  }

  public Double confirmation() {
    return callbacks == 0 ? null : (double) confirmed / callbacks;
  }

  public Double satisfaction() {
    return callbacks == 0 ? null : (double) satisfactionSum / callbacks;
  }

  public Double score() {
    double sum = 0;
    double weights = 0;
    Double[] values = {completion(), overdueShare() == null ? null : 1 - overdueShare(), confirmation(),
        satisfaction() == null ? null : (satisfaction() - 1) / 4};
    double[] w = {0.4, 0.2, 0.2, 0.2};
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        sum += w[i] * values[i];
        weights += w[i];
      }
    }
    return weights == 0 ? null : Math.round(1000 * sum / weights) / 10.0;
  }

  /** The thresholds crossed (empty: GREEN). */
  public JsonArray reasons(GridConfig c) {
    JsonArray r = new JsonArray();
    if (completion() != null && completion() < c.minCompletion()) r.add("COMPLETION");
    if (overdueShare() != null && overdueShare() > c.maxOverdueShare()) r.add("OVERDUE");
    if (confirmation() != null && confirmation() < c.minConfirmation()) r.add("CONFIRMATION");
    if (satisfaction() != null && satisfaction() < c.minSatisfaction()) r.add("SATISFACTION");
    return r;
  }

  public JsonObject toJson(GridConfig c) {
    JsonArray reasons = reasons(c);
    return new JsonObject().put("firms", firms).put("overdue", overdue).put("requiredVisits", required)
        .put("doneVisits", done).put("completion", round(completion())).put("overdueShare", round(overdueShare()))
        .put("callbacks", callbacks).put("confirmation", round(confirmation()))
        .put("satisfaction", round(satisfaction())).put("score", score())
        .put("colour", reasons.isEmpty() ? "GREEN" : "RED").put("reasons", reasons);
  }

  private static Double round(Double v) {
    return v == null ? null : Math.round(v * 1000) / 1000.0;
  }
}
