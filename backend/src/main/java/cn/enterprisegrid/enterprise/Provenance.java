package cn.enterprisegrid.enterprise;

import io.vertx.core.json.JsonObject;

/**
 * Where one field's current value came from: the source, who wrote it and when. Stored next to
 * every field of a firm's record so that a value is never separated from its origin.
 */
public record Provenance(Source source, String actor, String at) {

  /** The three origins of a profile value, in increasing order of trust. */
  public enum Source {
    /** A registry import or a single create/replace by a grid admin. */
    REGISTRY,
    /** Reported by the firm itself on the mini-program. */
    SELF_REPORTED,
    /** Checked by the firm's liaison (on a visit, or by confirming a correction). */
    VERIFIED
  }

  public JsonObject toJson() {
    return new JsonObject().put("source", source.name()).put("actor", actor).put("at", at);
  }

  public static Provenance fromJson(JsonObject json) {
    return new Provenance(Source.valueOf(json.getString("source")), json.getString("actor"),
        json.getString("at"));
  }
}
