package cn.enterprisegrid.problem;

import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.Problem.FieldError;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The thresholds of the red/green bulletin (双色通报) of one office: a row is RED (通报批评) when
 * any rate is below its red threshold or more than {@code redOverdue} of its cases went overdue;
 * GREEN (通报表扬) when every rate is known and at least its green threshold and at most {@code
 * greenOverdue} went overdue; neither otherwise. A row with fewer than {@code minReceived} cases is
 * not coloured (too few to judge). Rates are shares from 0 to 1.
 */
public record BulletinThresholds(double redResponse, double redResolution, double redSatisfaction, long redOverdue,
    double greenResponse, double greenResolution, double greenSatisfaction, long greenOverdue, long minReceived) {

  public static final BulletinThresholds DEFAULTS = new BulletinThresholds(0.80, 0.85, 0.80, 5, 0.95, 0.95, 0.95, 0, 3);

  private static final List<String> RATES = List.of("redResponse", "redResolution", "redSatisfaction",
      "greenResponse", "greenResolution", "greenSatisfaction");
  private static final List<String> COUNTS = List.of("redOverdue", "greenOverdue", "minReceived");

  /** Reads the stored hash (as HGETALL answered it), defaults for absent members. */
  public static BulletinThresholds from(Map<String, String> h) {
    JsonObject j = DEFAULTS.toJson();
    h.forEach((k, v) -> {
      if (RATES.contains(k)) j.put(k, Double.parseDouble(v));
      if (COUNTS.contains(k)) j.put(k, Long.parseLong(v));
    });
    return of(j);
  }

  private static BulletinThresholds of(JsonObject j) {
    return new BulletinThresholds(j.getDouble("redResponse"), j.getDouble("redResolution"),
        j.getDouble("redSatisfaction"), j.getLong("redOverdue"), j.getDouble("greenResponse"),
        j.getDouble("greenResolution"), j.getDouble("greenSatisfaction"), j.getLong("greenOverdue"),
        j.getLong("minReceived"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("redResponse", redResponse).put("redResolution", redResolution)
        .put("redSatisfaction", redSatisfaction).put("redOverdue", redOverdue).put("greenResponse", greenResponse)
        .put("greenResolution", greenResolution).put("greenSatisfaction", greenSatisfaction)
        .put("greenOverdue", greenOverdue).put("minReceived", minReceived);
  }

  /**
   * Validates a partial update against the thresholds now in force ({@code current}): rates from 0
   * to 1, counts from 0 to 100,000, and each green threshold at least as strict as its red one. Answers the hash members to set, or adds field errors (Chinese details).
   */
  public static Map<String, String> patch(BulletinThresholds current, JsonObject body, List<FieldError> errors) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonObject merged = current.toJson();
    for (String f : body.fieldNames()) {
      Object v = body.getValue(f);
      if (RATES.contains(f) && v instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1) {
        out.put(f, String.valueOf(n.doubleValue()));
        merged.put(f, n.doubleValue());
      } else if (COUNTS.contains(f) && v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
          && n.longValue() >= 0 && n.longValue() <= 100_000) {
        out.put(f, String.valueOf(n.longValue()));
        merged.put(f, n.longValue());
      } else if (RATES.contains(f)) {
        errors.add(new FieldError("/" + f, Text.of("bulletin.share", f)));
      } else if (COUNTS.contains(f)) {
        errors.add(new FieldError("/" + f, Text.of("field.whole-range", f, 0, 100000)));
      } else {
        errors.add(new FieldError("/" + f, Text.of("bulletin.unknown", f)));
      }
    }
    if (errors.isEmpty()) {
      for (String kind : List.of("Response", "Resolution", "Satisfaction")) {
        if (merged.getDouble("green" + kind) < merged.getDouble("red" + kind)) {
          errors.add(new FieldError("/green" + kind, Text.of("bulletin.green-below-red", "green" + kind, "red" + kind)));
        }
      }
      if (merged.getLong("greenOverdue") > merged.getLong("redOverdue")) {
        errors.add(new FieldError("/greenOverdue", Text.of("bulletin.green-above-red", "greenOverdue", "redOverdue")));
      }
    }
    return out;
  }
}
