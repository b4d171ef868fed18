package cn.enterprisegrid.dictionary;

import cn.enterprisegrid.policyindex.reference.Divisions;
import cn.enterprisegrid.policyindex.reference.IndustryCodes;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a field's value as a person reads it, after the field's {@link FieldLabel}: amounts in
 * 万元 with thousands separators (5,300万元), whole numbers with their unit (120人, 2年), ratios as
 * percentages (0.03 → 3%), division and industry codes by their names (开化县, 制造业), enumeration
 * values by their Chinese names (小型). Profile figures are kept in 万元 already (the rule model's
 * unit), so no conversion from 元 or 分 happens here.
 */
public final class FieldValues {
  private static final FieldValues STANDARD = new FieldValues(Divisions.standard(), IndustryCodes.standard());

  private final Divisions divisions;
  private final IndustryCodes industries;

  public FieldValues(Divisions divisions, IndustryCodes industries) {
    this.divisions = divisions;
    this.industries = industries;
  }

  /** Over the standard division and industry tables. */
  public static FieldValues standard() {
    return STANDARD;
  }

  /** One value (a number, a code, a name or an array of them) of the field. */
  public String value(FieldLabel label, JsonNode v) {
    if (v == null || v.isNull()) {
      return "无";
    }
    if (v.isArray()) {
      return String.join("、", values(label, v));
    }
    return v.isNumber() ? number(label, v.doubleValue()) : text(label, v.asText());
  }

  /** Every element of an array value, each written as {@link #value} would. */
  public List<String> values(FieldLabel label, JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(value(label, e)));
    return out;
  }

  /** A number of the field with its unit: 1,200万元, 120人, 3%. */
  public String number(FieldLabel label, double d) {
    return switch (label.kind()) {
      case RATIO -> decimal(d * 100) + "%";
      default -> decimal(d) + (label.unit() == null ? "" : label.unit());
    };
  }

  /** A difference between two numbers of the field: 1,200万元, 2年, and for ratios 1.5个百分点. */
  public String difference(FieldLabel label, double d) {
    return label.kind() == FieldLabel.Kind.RATIO ? decimal(d * 100) + "个百分点" : number(label, d);
  }

  /** A code or name of the field by its Chinese name (the code itself when the tables lack it). */
  public String text(FieldLabel label, String s) {
    return switch (label.kind()) {
      case REGION -> divisions.name(s).orElse(s);
      case INDUSTRY -> industries.name(s).orElse(s);
      case ENUM -> label.valueName(s);
      default -> s;
    };
  }

  /**
   * 1234567.5 → "1,234,567.5": at most four decimals (a 万元 figure to the 元), no trailing zeros;
   * the rounding first removes binary noise such as 0.07 × 100 = 7.000000000000001.
   */
  static String decimal(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return String.valueOf(d);
    }
    BigDecimal b = BigDecimal.valueOf(d).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
    String plain = b.abs().toPlainString();
    int dot = plain.indexOf('.');
    String whole = dot < 0 ? plain : plain.substring(0, dot);
    StringBuilder out = new StringBuilder(plain.length() + 8);
    if (b.signum() < 0) {
      out.append('-');
    }
    int lead = whole.length() % 3 == 0 ? 3 : whole.length() % 3;
    out.append(whole, 0, lead);
    for (int i = lead; i < whole.length(); i += 3) {
      out.append(',').append(whole, i, i + 3);
    }
    if (dot >= 0) {
      out.append(plain, dot, plain.length());
    }
    return out.toString();
  }
}
