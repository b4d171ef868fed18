package cn.enterprisegrid.policyindex.rule;

import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.profile.FieldType;
import cn.enterprisegrid.policyindex.reference.DivisionLevel;
import cn.enterprisegrid.policyindex.reference.Divisions;
import cn.enterprisegrid.policyindex.reference.IndustryCodes;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The semantic checks of a leaf, shared by the JSON parser and the {@link Leaf} constructor. */
final class LeafChecks {
  private LeafChecks() {}

  static void check(Field field, Op op, List<String> texts, List<Double> numbers, String clause, String at,
      List<ValidationError> errors) {
    if (field == null) {
      errors.add(new ValidationError(at + "/field", "missing field"));
      return;
    }
    if (op == null) {
      errors.add(new ValidationError(at + "/op", "missing op"));
      return;
    }
    if (clause != null && clause.isBlank()) {
      errors.add(new ValidationError(at + "/clause", "clause must not be blank"));
    }
    if (!op.fits(field.type())) {
      String fitting = Arrays.stream(Op.values()).filter(o -> o.fits(field.type())).map(Op::jsonName)
          .collect(Collectors.joining(", "));
      errors.add(new ValidationError(at + "/op", "operator " + op.jsonName() + " does not apply to "
          + field.jsonName() + " (" + field.type().name().toLowerCase(Locale.ROOT) + "); use one of " + fitting));
      return;
    }
    String vp = at + "/value";
    if (op == Op.EXISTS) {
      if (!texts.isEmpty() || !numbers.isEmpty()) {
        errors.add(new ValidationError(vp, "exists takes no value"));
      }
      return;
    }
    boolean numeric = field.type().isNumeric();
    List<?> values = numeric ? numbers : texts;
    if (numeric ? !texts.isEmpty() : !numbers.isEmpty()) {
      errors.add(new ValidationError(vp, numeric ? "expected numbers" : "expected strings"));
      return;
    }
    boolean scalar = op == Op.EQ || op == Op.GTE || op == Op.GT || op == Op.LTE || op == Op.LT;
    if (scalar && values.size() != 1) {
      errors.add(new ValidationError(vp, op.jsonName() + " takes a single value"));
      return;
    }
    if (op == Op.BETWEEN && values.size() != 2) {
      errors.add(new ValidationError(vp, "between takes [lo, hi]"));
      return;
    }
    if (!scalar && values.isEmpty()) {
      errors.add(new ValidationError(vp, op.jsonName() + " takes a non-empty array"));
      return;
    }
    int before = errors.size();
    for (int i = 0; i < values.size(); i++) {
      String p = scalar ? vp : vp + "/" + i;
      if (numeric) {
        checkNumber(field, numbers.get(i), p, errors);
      } else {
        checkText(field, op, texts.get(i), p, errors);
      }
    }
    if (op == Op.BETWEEN && errors.size() == before && numbers.get(0) > numbers.get(1)) {
      errors.add(new ValidationError(vp, "between needs lo <= hi"));
    }
  }

  private static void checkNumber(Field field, Double d, String p, List<ValidationError> errors) {
    if (d == null || d.isNaN() || d.isInfinite()) {
      errors.add(new ValidationError(p, "expected a finite number"));
      return;
    }
    if (field.type() == FieldType.INTEGER && (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE)) {
      errors.add(new ValidationError(p, field.jsonName() + " is a whole number; " + d + " is not"));
    }
  }

  private static void checkText(Field field, Op op, String v, String p, List<ValidationError> errors) {
    if (v == null || v.isBlank()) {
      errors.add(new ValidationError(p, "expected a non-blank string"));
      return;
    }
    switch (field.type()) {
      case REGION_CODE -> {
        if (op == Op.PREFIX) {
          if (!DivisionLevel.isPlausibleCode(v)) {
            errors.add(new ValidationError(p, "malformed region code '" + v + "': expected 2, 4, 6, 9 or 12 digits"));
          } else if (!regionKnown(v)) {
            errors.add(new ValidationError(p, "unknown region code " + v));
          }
        } else if (!DivisionLevel.isPlausibleCode(v) || (v.length() != 9 && v.length() != 12)) {
          errors.add(new ValidationError(p, "malformed region code '" + v
              + "': a firm's region code has 9 or 12 digits; use prefix for larger areas"));
        } else if (!regionKnown(v)) {
          errors.add(new ValidationError(p, "unknown region code " + v));
        }
      }
      case INDUSTRY_CODE -> {
        if (op == Op.PREFIX) {
          if (!IndustryCodes.isPlausiblePrefix(v)) {
            errors.add(new ValidationError(p, "malformed industry code '" + v
                + "': expected a section letter A-T or 2 to 4 digits"));
          } else if (!IndustryCodes.standard().exists(v)) {
            errors.add(new ValidationError(p, "unknown industry code " + v));
          }
        } else if (!IndustryCodes.isPlausibleClass(v)) {
          errors.add(new ValidationError(p, "malformed industry code '" + v
              + "': a firm's industry code is a 4-digit class; use prefix for sections, divisions and groups"));
        } else if (!IndustryCodes.standard().exists(v)) {
          errors.add(new ValidationError(p, "unknown industry code " + v));
        }
      }
      case ENUM -> {
        if (!field.enumValues().contains(v)) {
          errors.add(new ValidationError(p, "unknown " + field.jsonName() + " '" + v + "'; expected one of "
              + String.join(", ", field.enumValues())));
        }
      }
      default -> { }
    }
  }

  /** Existence check where the bundled data is complete: all levels, villages only for Zhejiang. */
  private static boolean regionKnown(String code) {
    if (code.length() == 12 && !code.startsWith("33")) {
      return true;
    }
    return Divisions.standard().exists(code);
  }
}
