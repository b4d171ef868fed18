package cn.enterprisegrid.policyindex.rule;

import cn.enterprisegrid.policyindex.profile.FieldType;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Leaf operators; {@link #jsonName()} is the name used in rule JSON. */
public enum Op {
  /** Equal to one value. */
  EQ("eq", EnumSet.of(FieldType.REGION_CODE, FieldType.INDUSTRY_CODE, FieldType.ENUM, FieldType.INTEGER, FieldType.DECIMAL)),
  /** Equal to one of an array of values. */
  IN("in", EnumSet.of(FieldType.REGION_CODE, FieldType.INDUSTRY_CODE, FieldType.ENUM, FieldType.INTEGER, FieldType.DECIMAL)),
  /** Code starts with one of an array of prefixes. */
  PREFIX("prefix", EnumSet.of(FieldType.REGION_CODE, FieldType.INDUSTRY_CODE)),
  /** At least. */
  GTE("gte", EnumSet.of(FieldType.INTEGER, FieldType.DECIMAL)),
  /** More than. */
  GT("gt", EnumSet.of(FieldType.INTEGER, FieldType.DECIMAL)),
  /** At most. */
  LTE("lte", EnumSet.of(FieldType.INTEGER, FieldType.DECIMAL)),
  /** Less than. */
  LT("lt", EnumSet.of(FieldType.INTEGER, FieldType.DECIMAL)),
  /** Within [lo, hi], both inclusive. */
  BETWEEN("between", EnumSet.of(FieldType.INTEGER, FieldType.DECIMAL)),
  /** Has at least one of the tags. */
  HAS_ANY("hasAny", EnumSet.of(FieldType.TAGS)),
  /** Has every one of the tags. */
  HAS_ALL("hasAll", EnumSet.of(FieldType.TAGS)),
  /** The field has a value (never UNKNOWN). */
  EXISTS("exists", EnumSet.allOf(FieldType.class));

  private static final Map<String, Op> BY_JSON = new HashMap<>();

  static {
    for (Op op : values()) {
      BY_JSON.put(op.jsonName, op);
    }
  }

  private final String jsonName;
  private final Set<FieldType> types;

  Op(String jsonName, Set<FieldType> types) {
    this.jsonName = jsonName;
    this.types = types;
  }

  /** The name used in JSON, e.g. {@code hasAny}. */
  @JsonValue
  public String jsonName() {
    return jsonName;
  }

  /** True when the operator applies to fields of this type. */
  public boolean fits(FieldType type) {
    return types.contains(type);
  }

  /** The operator with this JSON name. */
  public static Optional<Op> byJsonName(String name) {
    return Optional.ofNullable(BY_JSON.get(name));
  }
}
