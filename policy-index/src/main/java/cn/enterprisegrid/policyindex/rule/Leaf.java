package cn.enterprisegrid.policyindex.rule;

import cn.enterprisegrid.policyindex.profile.Field;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A condition on one profile field: {@code {"field":F,"op":OP,"value":V,"clause":"..."}}.
 * String operands (codes, enum names, tags) are in {@link #texts()}, numeric ones in {@link
 * #numbers()}; exactly one of them is used, according to the field's type. A leaf on a missing
 * field is UNKNOWN, except {@link Op#EXISTS}.
 *
 * @param field the profile field
 * @param op the operator
 * @param texts string operands (empty for numeric fields and {@code exists})
 * @param numbers numeric operands (empty for non-numeric fields and {@code exists})
 * @param clause the policy clause this condition comes from, e.g. "第三条第（二）项"; may be null
 */
public record Leaf(Field field, Op op, List<String> texts, List<Double> numbers, String clause) implements Rule {

  /** Copies the operands and validates the leaf as the JSON parser does. */
  public Leaf {
    texts = List.copyOf(texts);
    List<Double> normalized = new ArrayList<>(numbers.size());
    for (Double d : numbers) {
      normalized.add(d == null ? null : d + 0.0);
    }
    numbers = List.copyOf(normalized);
    List<ValidationError> errors = new ArrayList<>();
    LeafChecks.check(field, op, texts, numbers, clause, "", errors);
    if (!errors.isEmpty()) {
      throw new RuleValidationException(errors);
    }
  }

  /** A leaf with string operands (codes, enum names, tags). */
  public static Leaf of(Field field, Op op, String... values) {
    return new Leaf(field, op, List.of(values), List.of(), null);
  }

  /** A leaf with numeric operands. */
  public static Leaf of(Field field, Op op, double... values) {
    return new Leaf(field, op, List.of(), Arrays.stream(values).boxed().toList(), null);
  }

  /** {@code exists}. */
  public static Leaf exists(Field field) {
    return new Leaf(field, Op.EXISTS, List.of(), List.of(), null);
  }

  /** The same condition citing a clause. */
  public Leaf withClause(String newClause) {
    return new Leaf(field, op, texts, numbers, newClause);
  }

  /** The single numeric operand of eq, gte, gt, lte and lt. */
  public double number() {
    return numbers.get(0);
  }

  /** The value as it appears in JSON (null for {@code exists}). */
  public JsonNode valueJson() {
    return RuleJson.valueOf(this);
  }

  @Override
  public JsonNode toJson() {
    return RuleJson.write(this);
  }
}
