package cn.enterprisegrid.policyindex.rule;

import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.profile.Profile;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a policy pays an eligible firm, amounts in 10,000 CNY (万元):
 * {@code {"kind":"FIXED","amount":10}},
 * {@code {"kind":"PERCENT","of":"rdExpense","rate":0.1,"cap":50}} (rate is a fraction, cap optional),
 * {@code {"kind":"TIERS","of":"revenue","tiers":[{"min":2000,"amount":10},{"min":5000,"amount":30}]}}
 * (the highest tier whose min the figure reaches; none reached pays 0). Immutable.
 */
public sealed interface Benefit permits Benefit.Fixed, Benefit.Percent, Benefit.Tiers {

  /** The amount for a firm; empty when the figure it depends on is missing. */
  OptionalDouble amountFor(Profile profile);

  /** The JSON kind: FIXED, PERCENT or TIERS. */
  String kind();

  /** The profile figure the amount depends on, or null for FIXED. */
  Field figure();

  /** The amount for a firm whose figure is {@code x} (x is ignored by FIXED). */
  double amountForFigure(double x);

  /** The benefit as JSON. */
  JsonNode toJson();

  /**
   * Reads and validates a benefit.
   *
   * @throws RuleValidationException with every problem and its JSON pointer
   */
  static Benefit fromJson(JsonNode json) {
    return BenefitJson.parse(json);
  }

  /** Parses benefit JSON text. */
  static Benefit parse(String json) {
    try {
      return fromJson(RuleJson.MAPPER.readTree(json));
    } catch (JsonProcessingException e) {
      throw new RuleValidationException(List.of(new ValidationError("", "malformed JSON: " + e.getOriginalMessage())));
    }
  }

  /**
   * A fixed amount.
   *
   * @param amount 10,000 CNY, ≥ 0
   */
  record Fixed(double amount) implements Benefit {
    /** Validates the amount. */
    public Fixed {
      BenefitJson.require(amount >= 0 && Double.isFinite(amount), "/amount", "amount must be a finite number >= 0");
    }

    @Override
    public OptionalDouble amountFor(Profile profile) {
      return OptionalDouble.of(amount);
    }

    @Override
    public Field figure() {
      return null;
    }

    @Override
    public double amountForFigure(double x) {
      return amount;
    }

    @Override
    public String kind() {
      return "FIXED";
    }

    @Override
    public JsonNode toJson() {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("kind", kind());
      o.set("amount", RuleJson.number(amount));
      return o;
    }
  }

  /**
   * A share of a profile figure, optionally capped.
   *
   * @param of a numeric profile field, e.g. rdExpense
   * @param rate fraction in (0, 1], e.g. 0.1 for 10 %
   * @param cap maximum amount in 10,000 CNY, or null
   */
  record Percent(Field of, double rate, Double cap) implements Benefit {
    /** Validates the parts. */
    public Percent {
      Objects.requireNonNull(of, "of");
      BenefitJson.require(BenefitJson.isFigure(of), "/of", "of must be a figure field such as revenue");
      BenefitJson.require(rate > 0 && rate <= 1, "/rate", "rate is a fraction in (0, 1]: 0.05 means 5 %");
      BenefitJson.require(cap == null || (cap >= 0 && Double.isFinite(cap)), "/cap", "cap must be a finite number >= 0");
    }

    @Override
    public OptionalDouble amountFor(Profile profile) {
      double x = profile.numberOrNaN(of);
      return Double.isNaN(x) ? OptionalDouble.empty() : OptionalDouble.of(amountForFigure(x));
    }

    @Override
    public Field figure() {
      return of;
    }

    @Override
    public double amountForFigure(double x) {
      double a = Math.max(0, x * rate);
      return cap == null ? a : Math.min(cap, a);
    }

    @Override
    public String kind() {
      return "PERCENT";
    }

    @Override
    public JsonNode toJson() {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("kind", kind());
      o.put("of", of.jsonName());
      o.set("rate", RuleJson.number(rate));
      if (cap != null) {
        o.set("cap", RuleJson.number(cap));
      }
      return o;
    }
  }

  /**
   * One step of a tiered benefit.
   *
   * @param min the figure must reach this
   * @param amount 10,000 CNY, ≥ 0
   */
  record Tier(double min, double amount) {
    /** Validates the parts. */
    public Tier {
      BenefitJson.require(Double.isFinite(min), "/min", "min must be a finite number");
      BenefitJson.require(amount >= 0 && Double.isFinite(amount), "/amount", "amount must be a finite number >= 0");
    }
  }

  /**
   * Amounts by tiers of a profile figure.
   *
   * @param of a numeric profile field, e.g. revenue
   * @param tiers at least one, strictly ascending by min
   */
  record Tiers(Field of, List<Tier> tiers) implements Benefit {
    /** Validates the parts. */
    public Tiers {
      Objects.requireNonNull(of, "of");
      BenefitJson.require(BenefitJson.isFigure(of), "/of", "of must be a figure field such as revenue");
      tiers = List.copyOf(tiers);
      BenefitJson.require(!tiers.isEmpty(), "/tiers", "tiers needs at least one tier");
      for (int i = 1; i < tiers.size(); i++) {
        BenefitJson.require(tiers.get(i).min() > tiers.get(i - 1).min(), "/tiers/" + i + "/min",
            "tiers must be strictly ascending by min");
      }
    }

    @Override
    public OptionalDouble amountFor(Profile profile) {
      double x = profile.numberOrNaN(of);
      return Double.isNaN(x) ? OptionalDouble.empty() : OptionalDouble.of(amountForFigure(x));
    }

    @Override
    public Field figure() {
      return of;
    }

    @Override
    public double amountForFigure(double x) {
      double a = 0;
      for (Tier t : tiers) {
        if (x >= t.min()) {
          a = t.amount();
        }
      }
      return a;
    }

    @Override
    public String kind() {
      return "TIERS";
    }

    @Override
    public JsonNode toJson() {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("kind", kind());
      o.put("of", of.jsonName());
      ArrayNode arr = o.putArray("tiers");
      for (Tier t : tiers) {
        ObjectNode e = arr.addObject();
        e.set("min", RuleJson.number(t.min()));
        e.set("amount", RuleJson.number(t.amount()));
      }
      return o;
    }
  }
}
