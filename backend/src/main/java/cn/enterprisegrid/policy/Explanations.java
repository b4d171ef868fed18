package cn.enterprisegrid.policy;

import cn.enterprisegrid.policyindex.match.Gap;
import cn.enterprisegrid.policyindex.match.LeafExplanation;
import cn.enterprisegrid.policyindex.rule.Truth;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * Renders the matcher's explanations for firms: each leaf or gap as JSON with the text of the
 * clause it cites, so the mini-program can show "第三条: 上年度营业收入不低于5000万元" beside the
 * firm's own figure, and a Chinese sentence of its own ({@link ExplanationMessages}).
 */
public final class Explanations {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ExplanationMessages MESSAGES = ExplanationMessages.standard();

  private Explanations() {}

  /** Any record of the policy-index API as a JSON object. */
  @SuppressWarnings("unchecked")
  static JsonObject json(Object record) {
    return new JsonObject(MAPPER.convertValue(record, Map.class));
  }

  /** Each leaf with the field's Chinese {@code label} and a Chinese {@code message} a firm reads. */
  static JsonArray leaves(List<LeafExplanation> leaves, PolicySpec spec) {
    JsonArray out = new JsonArray();
    leaves.forEach(l -> out.add(withClause(json(l), l.clause(), spec)
        .put("label", MESSAGES.label(l.field())).put("message", MESSAGES.leaf(l))));
    return out;
  }

  /**
   * Each gap with the field's Chinese {@code label}; its {@code message} is the Chinese sentence
   * (the matcher's English one is for library users and logs, not for firms).
   */
  static JsonArray gaps(List<Gap> gaps, PolicySpec spec) {
    JsonArray out = new JsonArray();
    gaps.forEach(g -> out.add(withClause(json(g), g.clause(), spec)
        .put("label", MESSAGES.label(g.field())).put("message", MESSAGES.gap(g))));
    return out;
  }

  /** The profile fields an UNKNOWN verdict waits for, in rule order, without repeats. */
  public static JsonArray missing(List<LeafExplanation> leaves) {
    JsonArray out = new JsonArray();
    leaves.stream().filter(l -> l.truth() == Truth.UNKNOWN)
        .map(l -> l.field().jsonName()).distinct().forEach(out::add);
    return out;
  }

  private static JsonObject withClause(JsonObject json, String clause, PolicySpec spec) {
    if (clause != null && spec.clauses().containsKey(clause)) {
      json.put("clauseText", spec.clauses().get(clause));
    }
    return json;
  }
}
