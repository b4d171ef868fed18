package cn.enterprisegrid.grid;

import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.Problem.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The grid's tunable policy, kept in the Redis hash {@code grid:config} so that every node and
 * every Lua script sees the same values; unset members take the defaults below (docs/grid.md).
 *
 * @param keyTags tags that make a firm a key firm (served by a senior liaison where possible)
 * @param keyCadenceDays days between visits a key firm is due
 * @param cadenceDays days between visits any other firm is due
 * @param onsiteMaxMeters an on-site visit checked in farther than this from the firm is flagged
 * @param windowDays the period over which visit completion is measured
 * @param minCompletion below this completion (0..1) a row is red
 * @param maxOverdueShare above this share of overdue firms a row is red
 * @param minConfirmation below this call-back confirmation rate a row is red
 * @param minSatisfaction below this mean satisfaction (1..5) a row is red
 */
public record GridConfig(List<String> keyTags, int keyCadenceDays, int cadenceDays, int onsiteMaxMeters,
    int windowDays, double minCompletion, double maxOverdueShare, double minConfirmation,
    double minSatisfaction) {

  public static final GridConfig DEFAULTS = new GridConfig(List.of("重点企业", "规上工业"), 30, 90, 500,
      90, 0.8, 0.1, 0.9, 4.0);

  /** Reads the hash (as HGETALL answered it), defaults for absent members. */
  public static GridConfig from(Map<String, String> h) {
    GridConfig d = DEFAULTS;
    return new GridConfig(
        h.containsKey("keyTags") ? new JsonArray(h.get("keyTags")).stream().map(String::valueOf).toList() : d.keyTags,
        intOr(h, "keyCadenceDays", d.keyCadenceDays), intOr(h, "cadenceDays", d.cadenceDays),
        intOr(h, "onsiteMaxMeters", d.onsiteMaxMeters), intOr(h, "windowDays", d.windowDays),
        dblOr(h, "minCompletion", d.minCompletion), dblOr(h, "maxOverdueShare", d.maxOverdueShare),
        dblOr(h, "minConfirmation", d.minConfirmation), dblOr(h, "minSatisfaction", d.minSatisfaction));
  }

  /** Days between due visits for a key or an ordinary firm. */
  public int cadence(boolean key) {
    return key ? keyCadenceDays : cadenceDays;
  }

  public JsonObject toJson() {
    return new JsonObject().put("keyTags", new JsonArray(keyTags)).put("keyCadenceDays", keyCadenceDays)
        .put("cadenceDays", cadenceDays).put("onsiteMaxMeters", onsiteMaxMeters).put("windowDays", windowDays)
        .put("minCompletion", minCompletion).put("maxOverdueShare", maxOverdueShare)
        .put("minConfirmation", minConfirmation).put("minSatisfaction", minSatisfaction);
  }

  /**
   * Validates a partial update (members of {@link #toJson}); answers the hash members to set, or
   * adds field errors.
   */
  public static Map<String, String> patch(JsonObject body, List<FieldError> errors) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String f : body.fieldNames()) {
      Object v = body.getValue(f);
      switch (f) {
        case "keyTags" -> {
          if (v instanceof JsonArray arr && arr.stream().allMatch(t -> t instanceof String s && !s.isBlank())) {
            out.put(f, arr.encode());
          } else {
            errors.add(new FieldError("/keyTags", Text.of("field.non-blank-strings", "keyTags")));
          }
        }
        case "keyCadenceDays", "cadenceDays", "windowDays" -> range(out, errors, f, v, 1, 3650, true);
        case "onsiteMaxMeters" -> range(out, errors, f, v, 10, 100_000, true);
        case "minCompletion", "maxOverdueShare", "minConfirmation" -> range(out, errors, f, v, 0, 1, false);
        case "minSatisfaction" -> range(out, errors, f, v, 1, 5, false);
        default -> errors.add(new FieldError("/" + f, Text.of("grid.unknown-setting", f)));
      }
    }
    return out;
  }

  private static void range(Map<String, String> out, List<FieldError> errors, String f, Object v,
      double min, double max, boolean integer) {
    if (!(v instanceof Number n) || (integer && n.doubleValue() != Math.rint(n.doubleValue()))
        || n.doubleValue() < min || n.doubleValue() > max) {
      errors.add(new FieldError("/" + f, Text.of(integer ? "field.whole-range" : "field.number-range", f, min, max)));
    } else {
      out.put(f, integer ? String.valueOf(n.longValue()) : String.valueOf(n.doubleValue()));
    }
  }

  private static int intOr(Map<String, String> h, String k, int d) {
    return h.containsKey(k) ? Integer.parseInt(h.get(k)) : d;
  }

  private static double dblOr(Map<String, String> h, String k, double d) {
    return h.containsKey(k) ? Double.parseDouble(h.get(k)) : d;
  }

  /** Field errors collected while validating, for callers that build them up. */
  static List<FieldError> errors() {
    return new ArrayList<>();
  }
}
