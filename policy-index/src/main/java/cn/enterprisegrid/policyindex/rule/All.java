package cn.enterprisegrid.policyindex.rule;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code {"all":[...]}}: TRUE when every child is TRUE, FALSE when any child is FALSE, else
 * UNKNOWN.
 *
 * @param children at least one
 */
public record All(List<Rule> children) implements Rule {
  /** Requires at least one child. */
  public All {
    children = List.copyOf(children);
    if (children.isEmpty()) {
      throw new IllegalArgumentException("all needs at least one child");
    }
  }

  @Override
  public JsonNode toJson() {
    return RuleJson.write(this);
  }
}
