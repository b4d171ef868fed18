package cn.enterprisegrid.dictionary;

import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * How a person reads one profile field: its Chinese label, its unit, the kind of value (which
 * decides how a value is written: an amount in 万元, a ratio as a percentage, a code by its name),
 * and for an enumeration the Chinese name of each value.
 *
 * @param field the field's JSON name, e.g. {@code revenue}
 * @param label e.g. 上年度营业收入
 * @param unit e.g. 万元, 人, 年, %; null when the value has none
 * @param kind one of {@link Kind}
 * @param values the Chinese names of an enumeration's values (empty otherwise)
 */
public record FieldLabel(String field, String label, String unit, Kind kind, Map<String, String> values) {
  /** The kinds of value, each written its own way. */
  public enum Kind {
    /** A statistical division code, written by its name (开化县). */
    REGION,
    /** A GB/T 4754-2017 code, written by its name (制造业). */
    INDUSTRY,
    /** One of fixed names, written by its Chinese name (小型). */
    ENUM,
    /** A set of tags, written as they are (they are Chinese already). */
    TAGS,
    /** A whole number with its unit (120人). */
    INTEGER,
    /** An amount in 万元 with thousands separators (1,200万元). */
    AMOUNT,
    /** A fraction written as a percentage (0.03 → 3%). */
    RATIO
  }

  /** Copies the map, keeping its order (the dictionary lists values in display order). */
  public FieldLabel {
    values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
  }

  /** The Chinese name of an enumeration value, or the value itself when it has none. */
  public String valueName(String value) {
    return values.getOrDefault(value, value);
  }

  /** As served by the dictionary endpoint: {@code {field, label, unit?, kind, values?}}. */
  public JsonObject toJson() {
    JsonObject out = new JsonObject().put("field", field).put("label", label);
    if (unit != null) {
      out.put("unit", unit);
    }
    out.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
    if (!values.isEmpty()) {
      JsonObject v = new JsonObject();
      values.forEach(v::put);
      out.put("values", v);
    }
    return out;
  }
}
