package cn.enterprisegrid.policyindex.profile;

import cn.enterprisegrid.policyindex.reference.SizeClass;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The profile fields an eligibility rule can test. {@link #jsonName()} is the public name used in
 * rule JSON. Figures in 10,000 CNY; revenue, assets, rdExpense, taxPaid, rdRatio and revenueGrowth
 * are those of the latest year reported.
 */
public enum Field {
  /** Region code, matched by prefix (2, 4, 6, 9 or 12 digits). */
  REGION_CODE("regionCode", FieldType.REGION_CODE, List.of()),
  /** Industry class code, matched by prefix (section letter or 2-4 digits). */
  INDUSTRY_CODE("industryCode", FieldType.INDUSTRY_CODE, List.of()),
  /** Size class. */
  SIZE_CLASS("sizeClass", FieldType.ENUM, Arrays.stream(SizeClass.values()).map(Enum::name).toList()),
  /** Qualification tags. */
  TAGS("tags", FieldType.TAGS, List.of()),
  /** Statistical tags (规上/限上). */
  STAT_TAGS("statTags", FieldType.TAGS, List.of()),
  /** Credit status. */
  CREDIT_STATUS("creditStatus", FieldType.ENUM, Arrays.stream(CreditStatus.values()).map(Enum::name).toList()),
  /** Whole years since establishment at the evaluation date. */
  YEARS_SINCE_ESTABLISHED("yearsSinceEstablished", FieldType.INTEGER, List.of()),
  /** Employees. */
  EMPLOYEES("employees", FieldType.INTEGER, List.of()),
  /** Registered capital. */
  REGISTERED_CAPITAL("registeredCapital", FieldType.DECIMAL, List.of()),
  /** Latest revenue. */
  REVENUE("revenue", FieldType.DECIMAL, List.of()),
  /** Latest total assets. */
  ASSETS("assets", FieldType.DECIMAL, List.of()),
  /** Latest R&amp;D expense. */
  RD_EXPENSE("rdExpense", FieldType.DECIMAL, List.of()),
  /** Latest tax paid. */
  TAX_PAID("taxPaid", FieldType.DECIMAL, List.of()),
  /** Latest R&amp;D expense over revenue (a fraction). */
  RD_RATIO("rdRatio", FieldType.DECIMAL, List.of()),
  /** Latest revenue growth over the previous year (a fraction). */
  REVENUE_GROWTH("revenueGrowth", FieldType.DECIMAL, List.of());

  private static final Map<String, Field> BY_JSON = new HashMap<>();

  static {
    for (Field f : values()) {
      BY_JSON.put(f.jsonName, f);
    }
  }

  private final String jsonName;
  private final FieldType type;
  private final List<String> enumValues;

  Field(String jsonName, FieldType type, List<String> enumValues) {
    this.jsonName = jsonName;
    this.type = type;
    this.enumValues = enumValues;
  }

  /** The name used in rule JSON, e.g. {@code regionCode}. */
  @JsonValue
  public String jsonName() {
    return jsonName;
  }

  /** The value type. */
  public FieldType type() {
    return type;
  }

  /** The allowed names of an ENUM field (empty for other types). */
  public List<String> enumValues() {
    return enumValues;
  }

  /** The field with this JSON name. */
  public static Optional<Field> byJsonName(String name) {
    return Optional.ofNullable(BY_JSON.get(name));
  }
}
