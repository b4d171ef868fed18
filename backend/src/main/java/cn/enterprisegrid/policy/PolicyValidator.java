package cn.enterprisegrid.policy;

import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.Problem.FieldError;
import cn.enterprisegrid.policyindex.rule.Benefit;
import cn.enterprisegrid.policyindex.rule.Leaf;
import cn.enterprisegrid.policyindex.rule.Rule;
import cn.enterprisegrid.policyindex.rule.RuleValidationException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a policy JSON and names every offending field by its JSON pointer. A draft may be
 * incomplete (authors save as they write); submission and publication need every field.
 */
final class PolicyValidator {
  static final Pattern POLICY_ID = Pattern.compile("P\\d{1,9}");
  private static final Set<String> FIELDS = Set.of("title", "department", "docNumber", "summary", "body",
      "clauses", "benefit", "mode", "window", "fundPool", "exclusions", "requiredMaterials", "eligibility");
  private static final List<String> REQUIRED = List.of("title", "department", "docNumber", "summary", "benefit",
      "mode", "window", "fundPool", "eligibility");
  private static final Pattern CLAUSE_ID = Pattern.compile("[A-Za-z0-9_.\\-]{1,32}");

  private PolicyValidator() {}

  /** What a policy JSON must hold at each point of its life. */
  enum Stage {
    /** A draft to simulate: its eligibility, nothing else required. */
    SIMULATION,
    /** A saved draft: a title. */
    DRAFT,
    /** Submitted or published: every field a published policy needs. */
    SUBMISSION
  }

  /**
   * The errors of {@code json} at {@code stage}; fields present are always checked. {@code selfId}
   * (may be null) is refused among the exclusions.
   */
  static List<FieldError> check(JsonObject json, Stage stage, String selfId) {
    List<FieldError> errors = new ArrayList<>();
    for (String name : json.fieldNames()) {
      if (!FIELDS.contains(name)) {
        errors.add(new FieldError("/" + name, Text.of("policy.unknown-field", name)));
      }
    }
    switch (stage) {
      case SUBMISSION -> REQUIRED.stream().filter(name -> json.getValue(name) == null)
          .forEach(name -> errors.add(new FieldError("/" + name, Text.of("policy.required-to-submit", name))));
      case DRAFT -> {
        if (json.getValue("title") == null) {
          errors.add(new FieldError("/title", Text.of("field.required", "title")));
        }
      }
      case SIMULATION -> {
        if (json.getValue("eligibility") == null) {
          errors.add(new FieldError("/eligibility", Text.of("policy.eligibility-to-simulate")));
        }
      }
    }
    text(json, "title", 200, errors);
    text(json, "department", 50, errors);
    text(json, "docNumber", 100, errors);
    text(json, "summary", 2000, errors);
    text(json, "body", 100_000, errors);
    Set<String> clauseIds = clauses(json.getValue("clauses"), errors);
    benefit(json.getValue("benefit"), errors);
    Object mode = json.getValue("mode");
    if (mode != null && !(mode instanceof String s && Mode.parse(s) != null)) {
      errors.add(new FieldError("/mode", Text.of("field.one-of", "mode", "AUTO_GRANT, ONE_CLICK, REVIEW")));
    }
    window(json.getValue("window"), errors);
    fundPool(json.getValue("fundPool"), errors);
    exclusions(json.getValue("exclusions"), selfId, errors);
    strings(json.getValue("requiredMaterials"), "/requiredMaterials", errors);
    eligibility(json.getValue("eligibility"), clauseIds, errors);
    return errors;
  }

  private static void text(JsonObject json, String name, int max, List<FieldError> errors) {
    Object v = json.getValue(name);
    if (v == null) {
      return;
    }
    if (!(v instanceof String s) || s.isBlank()) {
      errors.add(new FieldError("/" + name, Text.of("field.non-blank-string", name)));
    } else if (s.length() > max) {
      errors.add(new FieldError("/" + name, Text.of("field.max-length", name, max)));
    }
  }

  private static Set<String> clauses(Object v, List<FieldError> errors) {
    Set<String> ids = new HashSet<>();
    if (v == null) {
      return ids;
    }
    if (!(v instanceof JsonArray arr)) {
      errors.add(new FieldError("/clauses", Text.of("policy.clauses")));
      return ids;
    }
    for (int i = 0; i < arr.size(); i++) {
      String at = "/clauses/" + i;
      if (!(arr.getValue(i) instanceof JsonObject c)) {
        errors.add(new FieldError(at, Text.of("policy.clause-object")));
        continue;
      }
      Object id = c.getValue("id");
      if (!(id instanceof String s) || !CLAUSE_ID.matcher(s).matches()) {
        errors.add(new FieldError(at + "/id", Text.of("policy.clause-id")));
      } else if (!ids.add(s)) {
        errors.add(new FieldError(at + "/id", Text.of("policy.clause-id-twice", s)));
      }
      if (!(c.getValue("text") instanceof String t) || t.isBlank()) {
        errors.add(new FieldError(at + "/text", Text.of("policy.clause-text")));
      }
    }
    return ids;
  }

  private static void benefit(Object v, List<FieldError> errors) {
    if (v == null) {
      return;
    }
    if (!(v instanceof JsonObject o)) {
      errors.add(new FieldError("/benefit", Text.of("field.object", "benefit")));
      return;
    }
    try {
      Benefit.parse(o.encode());
    } catch (RuleValidationException e) {
      e.errors().forEach(err -> errors.add(new FieldError("/benefit" + err.pointer(),
          Text.of("policy.benefit-invalid", err.message()))));
    }
  }

  private static void window(Object v, List<FieldError> errors) {
    if (v == null) {
      return;
    }
    if (!(v instanceof JsonObject w)) {
      errors.add(new FieldError("/window", Text.of("policy.window")));
      return;
    }
    LocalDate opens = date(w.getValue("opensOn"), "/window/opensOn", errors);
    LocalDate closes = date(w.getValue("closesOn"), "/window/closesOn", errors);
    if (opens != null && closes != null && closes.isBefore(opens)) {
      errors.add(new FieldError("/window/closesOn", Text.of("policy.window-order")));
    }
  }

  private static LocalDate date(Object v, String pointer, List<FieldError> errors) {
    if (v instanceof String s) {
      try {
        return LocalDate.parse(s);
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    errors.add(new FieldError(pointer, Text.of("field.date")));
    return null;
  }

  private static void fundPool(Object v, List<FieldError> errors) {
    if (v == null) {
      return;
    }
    if (!(v instanceof Number n)) {
      errors.add(new FieldError("/fundPool", Text.of("policy.fund-pool-number")));
      return;
    }
    // a body that bypassed the HTTP layer's number check (a test, a script) may carry 1e309:
    // infinity and NaN have no decimal form, and are out of range like any other
    if ((n instanceof Double || n instanceof Float) && !Double.isFinite(n.doubleValue())) {
      errors.add(new FieldError("/fundPool", Text.of("policy.fund-pool-range")));
      return;
    }
    BigDecimal d = new BigDecimal(n.toString());
    if (d.signum() < 0 || d.stripTrailingZeros().scale() > 6 || d.compareTo(BigDecimal.valueOf(1_000_000_000L)) > 0) {
      errors.add(new FieldError("/fundPool", Text.of("policy.fund-pool-range")));
    }
  }

  private static void exclusions(Object v, String selfId, List<FieldError> errors) {
    if (v == null) {
      return;
    }
    if (!(v instanceof JsonArray arr)) {
      errors.add(new FieldError("/exclusions", Text.of("policy.exclusions")));
      return;
    }
    for (int i = 0; i < arr.size(); i++) {
      Object id = arr.getValue(i);
      if (!(id instanceof String s) || !POLICY_ID.matcher(s).matches()) {
        errors.add(new FieldError("/exclusions/" + i, Text.of("policy.not-an-id")));
      } else if (s.equals(selfId)) {
        errors.add(new FieldError("/exclusions/" + i, Text.of("policy.exclude-self")));
      }
    }
  }

  private static void strings(Object v, String pointer, List<FieldError> errors) {
    if (v == null) {
      return;
    }
    if (!(v instanceof JsonArray arr)) {
      errors.add(new FieldError(pointer, Text.of("field.element-strings")));
      return;
    }
    for (int i = 0; i < arr.size(); i++) {
      if (!(arr.getValue(i) instanceof String s) || s.isBlank()) {
        errors.add(new FieldError(pointer + "/" + i, Text.of("field.element-non-blank")));
      }
    }
  }

  private static void eligibility(Object v, Set<String> clauseIds, List<FieldError> errors) {
    if (v == null) {
      return;
    }
    if (!(v instanceof JsonObject o)) {
      errors.add(new FieldError("/eligibility", Text.of("policy.eligibility-object")));
      return;
    }
    Rule rule;
    try {
      rule = Rule.parse(o.encode());
    } catch (RuleValidationException e) {
      e.errors().forEach(err -> errors.add(new FieldError("/eligibility" + err.pointer(),
          Text.of("policy.rule-invalid", err.message()))));
      return;
    }
    List<Leaf> leaves = rule.leaves();
    List<String> pointers = rule.leafPointers();
    for (int i = 0; i < leaves.size(); i++) {
      String clause = leaves.get(i).clause();
      if (clause != null && !clauseIds.contains(clause)) {
        errors.add(new FieldError("/eligibility" + pointers.get(i) + "/clause", Text.of("policy.clause-unknown", clause)));
      }
    }
  }
}
