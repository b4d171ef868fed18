package cn.enterprisegrid.policy;

import cn.enterprisegrid.policyindex.rule.Benefit;
import cn.enterprisegrid.policyindex.rule.Rule;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete, validated policy version: what is published, matched and redeemed against. The
 * {@code json} is the policy JSON exactly as the author wrote it (normalised), kept for versions.
 *
 * @param id the policy id
 * @param version the published version (1, 2, … for amendments)
 * @param json the policy JSON of docs/policies.md
 * @param rule the parsed {@code eligibility}
 * @param benefit the parsed {@code benefit}
 * @param mode how firms receive the benefit
 * @param opensOn first day applications are accepted
 * @param closesOn last day applications are accepted
 * @param fundPool the pool in 万元
 * @param exclusions ids of policies that cannot be stacked with this one
 * @param clauses clause id → text
 */
public record PolicySpec(String id, int version, JsonObject json, Rule rule, Benefit benefit, Mode mode,
    LocalDate opensOn, LocalDate closesOn, BigDecimal fundPool, List<String> exclusions,
    Map<String, String> clauses) {

  public PolicySpec {
    exclusions = List.copyOf(exclusions);
    clauses = Map.copyOf(clauses);
  }

  public String title() {
    return json.getString("title");
  }

  public String department() {
    return json.getString("department");
  }

  /** Whether applications are accepted on {@code day}. */
  public boolean openOn(LocalDate day) {
    return !day.isBefore(opensOn) && !day.isAfter(closesOn);
  }

  /** Reads a complete policy JSON that {@link PolicyValidator} accepted. */
  public static PolicySpec of(String id, int version, JsonObject json) {
    JsonObject window = json.getJsonObject("window");
    JsonArray clauseArray = json.getJsonArray("clauses", new JsonArray());
    Map<String, String> clauses = new LinkedHashMap<>();
    for (int i = 0; i < clauseArray.size(); i++) {
      JsonObject c = clauseArray.getJsonObject(i);
      clauses.put(c.getString("id"), c.getString("text"));
    }
    List<String> exclusions = json.getJsonArray("exclusions", new JsonArray()).stream()
        .map(String::valueOf).toList();
    return new PolicySpec(id, version, json,
        Rule.parse(json.getJsonObject("eligibility").encode()),
        Benefit.parse(json.getJsonObject("benefit").encode()),
        Mode.valueOf(json.getString("mode")),
        LocalDate.parse(window.getString("opensOn")), LocalDate.parse(window.getString("closesOn")),
        new BigDecimal(String.valueOf(json.getValue("fundPool"))), exclusions, clauses);
  }
}
