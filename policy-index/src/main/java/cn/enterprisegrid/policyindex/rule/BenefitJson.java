package cn.enterprisegrid.policyindex.rule;

import cn.enterprisegrid.policyindex.profile.Field;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Parsing and validation of {@link Benefit}. */
final class BenefitJson {
  private BenefitJson() {}

  static boolean isFigure(Field f) {
    return f.type().isNumeric() && f != Field.YEARS_SINCE_ESTABLISHED;
  }

  static void require(boolean ok, String pointer, String message) {
    if (!ok) {
      throw new RuleValidationException(List.of(new ValidationError(pointer, message)));
    }
  }

  static Benefit parse(JsonNode n) {
    List<ValidationError> errors = new ArrayList<>();
    if (n == null || !n.isObject()) {
      throw new RuleValidationException(List.of(new ValidationError("", "expected an object with a kind")));
    }
    JsonNode kindNode = n.get("kind");
    String kind = kindNode != null && kindNode.isTextual() ? kindNode.asText() : null;
    Set<String> allowed = switch (kind == null ? "" : kind) {
      case "FIXED" -> Set.of("kind", "amount");
      case "PERCENT" -> Set.of("kind", "of", "rate", "cap");
      case "TIERS" -> Set.of("kind", "of", "tiers");
      default -> null;
    };
    if (allowed == null) {
      throw new RuleValidationException(List.of(new ValidationError("/kind", "kind must be FIXED, PERCENT or TIERS")));
    }
    n.fieldNames().forEachRemaining(k -> {
      if (!allowed.contains(k)) {
        errors.add(new ValidationError("/" + RuleJson.escape(k), "unknown property '" + k + "'"));
      }
    });
    Benefit result = null;
    switch (kind) {
      case "FIXED" -> {
        Double amount = number(n, "amount", "/amount", true, errors);
        if (errors.isEmpty()) {
          result = attempt(() -> new Benefit.Fixed(amount), "", errors);
        }
      }
      case "PERCENT" -> {
        Field of = field(n, errors);
        Double rate = number(n, "rate", "/rate", true, errors);
        Double cap = number(n, "cap", "/cap", false, errors);
        if (errors.isEmpty()) {
          result = attempt(() -> new Benefit.Percent(of, rate, cap), "", errors);
        }
      }
      default -> {
        Field of = field(n, errors);
        JsonNode tiers = n.get("tiers");
        List<Benefit.Tier> list = new ArrayList<>();
        if (tiers == null || !tiers.isArray()) {
          errors.add(new ValidationError("/tiers", "tiers must be an array of {min, amount}"));
        } else {
          for (int i = 0; i < tiers.size(); i++) {
            JsonNode t = tiers.get(i);
            String at = "/tiers/" + i;
            if (!t.isObject()) {
              errors.add(new ValidationError(at, "expected {min, amount}"));
              continue;
            }
            t.fieldNames().forEachRemaining(k -> {
              if (!k.equals("min") && !k.equals("amount")) {
                errors.add(new ValidationError(at + "/" + RuleJson.escape(k), "unknown property '" + k + "'"));
              }
            });
            Double min = number(t, "min", at + "/min", true, errors);
            Double amount = number(t, "amount", at + "/amount", true, errors);
            if (min != null && amount != null) {
              Benefit.Tier tier = attempt(() -> new Benefit.Tier(min, amount), at, errors);
              if (tier != null) {
                list.add(tier);
              }
            }
          }
        }
        if (errors.isEmpty()) {
          result = attempt(() -> new Benefit.Tiers(of, list), "", errors);
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new RuleValidationException(errors);
    }
    return result;
  }

  private interface Maker<T> {
    T make();
  }

  private static <T> T attempt(Maker<T> maker, String prefix, List<ValidationError> errors) {
    try {
      return maker.make();
    } catch (RuleValidationException e) {
      e.errors().forEach(err -> errors.add(new ValidationError(prefix + err.pointer(), err.message())));
      return null;
    }
  }

  private static Field field(JsonNode n, List<ValidationError> errors) {
    JsonNode of = n.get("of");
    if (of == null || !of.isTextual()) {
      errors.add(new ValidationError("/of", "of must name a numeric profile field, e.g. revenue"));
      return null;
    }
    Field f = Field.byJsonName(of.asText()).orElse(null);
    if (f == null || !isFigure(f)) {
      errors.add(new ValidationError("/of", "'" + of.asText() + "' is not a figure field such as revenue"));
      return null;
    }
    return f;
  }

  private static Double number(JsonNode n, String key, String pointer, boolean required, List<ValidationError> errors) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      if (required) {
        errors.add(new ValidationError(pointer, "missing " + key));
      }
      return null;
    }
    if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
      errors.add(new ValidationError(pointer, key + " must be a number"));
      return null;
    }
    return v.doubleValue();
  }
}
