package cn.enterprisegrid.policyindex.rule;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An eligibility rule: a small JSON AST of {@code {"all":[...]}}, {@code {"any":[...]}}, {@code
 * {"not":{...}}} and {@link Leaf leaves}. Immutable; equal when structurally equal. Read it with
 * {@link #fromJson(JsonNode)}, write it with {@link #toJson()}.
 */
public sealed interface Rule permits All, Any, Not, Leaf {

  /** The rule as JSON. */
  JsonNode toJson();

  /**
   * The leaves in depth-first, left-to-right order; the index in this list is the leaf's number
   * used in explanations.
   */
  default List<Leaf> leaves() {
    List<Leaf> out = new ArrayList<>();
    collect(this, out);
    return List.copyOf(out);
  }

  /** JSON pointers of the leaves, in the order of {@link #leaves()}. */
  default List<String> leafPointers() {
    List<String> out = new ArrayList<>();
    pointers(this, "", out);
    return List.copyOf(out);
  }

  /**
   * Reads and validates a rule.
   *
   * @throws RuleValidationException with every problem found and its JSON pointer
   */
  static Rule fromJson(JsonNode json) {
    return RuleJson.parse(json);
  }

  /**
   * Parses and validates rule JSON text.
   *
   * @throws RuleValidationException also for malformed JSON (pointer "")
   */
  static Rule parse(String json) {
    return RuleJson.parse(json);
  }

  /** {@code {"all":[...]}}. */
  static Rule all(Rule... children) {
    return new All(List.of(children));
  }

  /** {@code {"any":[...]}}. */
  static Rule any(Rule... children) {
    return new Any(List.of(children));
  }

  /** {@code {"not":{...}}}. */
  static Rule not(Rule child) {
    return new Not(child);
  }

  private static void collect(Rule r, List<Leaf> out) {
    if (r instanceof All a) {
      a.children().forEach(c -> collect(c, out));
    } else if (r instanceof Any a) {
      a.children().forEach(c -> collect(c, out));
    } else if (r instanceof Not n) {
      collect(n.child(), out);
    } else {
      out.add((Leaf) r);
    }
  }

  private static void pointers(Rule r, String at, List<String> out) {
    if (r instanceof All a) {
      for (int i = 0; i < a.children().size(); i++) {
        pointers(a.children().get(i), at + "/all/" + i, out);
      }
    } else if (r instanceof Any a) {
      for (int i = 0; i < a.children().size(); i++) {
        pointers(a.children().get(i), at + "/any/" + i, out);
      }
    } else if (r instanceof Not n) {
      pointers(n.child(), at + "/not", out);
    } else {
      out.add(at);
    }
  }
}
