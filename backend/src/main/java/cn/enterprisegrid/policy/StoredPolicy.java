package cn.enterprisegrid.policy;

import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * A policy as stored in its hash {@code policy:{p:ID}}: lifecycle fields, the pending draft (if
 * any) and the live published version (if any).
 */
public record StoredPolicy(String id, Map<String, String> fields) {

  public boolean exists() {
    return fields.containsKey("status");
  }

  public PolicyStatus status() {
    return PolicyStatus.valueOf(fields.get("status"));
  }

  public int version() {
    return Integer.parseInt(fields.getOrDefault("version", "0"));
  }

  public String department() {
    return fields.get("department");
  }

  /** The pending draft (a new policy or an amendment), or null. */
  public JsonObject draft() {
    String d = fields.get("draft");
    return d == null ? null : new JsonObject(d);
  }

  /** The raw pending draft text, compared by the publish script. */
  public String draftText() {
    return fields.get("draft");
  }

  /** The live published version, or null. */
  public PolicySpec published() {
    String p = fields.get("published");
    return p == null ? null : PolicySpec.of(id, version(), new JsonObject(p));
  }

  /** The console's view: lifecycle, the draft and the live version. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("status", fields.get("status"))
        .put("version", version()).put("department", department()).put("title", fields.get("title"));
    copy(json, "amendment", "drafter", "createdBy", "createdAt", "updatedAt", "submittedBy", "publishedBy",
        "publishedAt", "closedBy", "closedAt", "returnedBy", "returnReason", "mode", "matchedVersion");
    if (fields.get("eligibleCount") != null) {
      json.put("matched", new JsonObject().put("eligible", Long.parseLong(fields.get("eligibleCount")))
          .put("unknown", Long.parseLong(fields.getOrDefault("unknownCount", "0"))));
    }
    if (fields.get("draft") != null) {
      json.put("draft", new JsonObject(fields.get("draft")));
    }
    if (fields.get("published") != null) {
      json.put("published", new JsonObject(fields.get("published")));
    }
    return json;
  }

  private void copy(JsonObject json, String... names) {
    for (String n : names) {
      String v = fields.get(n);
      if (v != null) {
        json.put(n, n.equals("matchedVersion") ? (Object) Integer.parseInt(v) : v);
      }
    }
  }
}
