package cn.enterprisegrid.policyindex.rule;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code {"any":[...]}}: TRUE when any child is TRUE, FALSE when every child is FALSE, else
 * UNKNOWN.
 *
 * @param children at least one
 */
public record Any(List<Rule> children) implements Rule {
  /** Requires at least one child. */
  public Any {
    children = List.copyOf(children);
    if (children.isEmpty()) {
      throw new IllegalArgumentException("any needs at least one child");
    }
  }

  @Override
  public JsonNode toJson() {
    return RuleJson.write(this);
  }
}
