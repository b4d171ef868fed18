package cn.enterprisegrid.policyindex.rule;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * {@code {"not":{...}}}: swaps TRUE and FALSE, keeps UNKNOWN.
 *
 * @param child the negated rule
 */
public record Not(Rule child) implements Rule {
  /** Requires the child. */
  public Not {
    Objects.requireNonNull(child, "child");
  }

  @Override
  public JsonNode toJson() {
    return RuleJson.write(this);
  }
}
