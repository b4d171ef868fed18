package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.enterprise.Provenance.Source;
import cn.enterprisegrid.policyindex.profile.Enterprise;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one write does to one firm, decided in Java from the record as read (at {@code
 * base.version()}) and applied by {@code lua/enterprise_write.lua} only if the version is unchanged.
 * The merge rules of the sources live here:
 * <ul>
 *   <li>REGISTRY: sets every field it carries; removes a field it no longer carries only when the
 *       registry put it there; never overwrites a VERIFIED value (that becomes a pending
 *       correction);</li>
 *   <li>SELF_REPORTED: sets the fields it carries; a differing VERIFIED value is kept and the
 *       report becomes a pending correction;</li>
 *   <li>VERIFIED: always sets, and settles any pending correction of the field.</li>
 * </ul>
 * Registry-only facts ({@link #REGISTRY_ONLY}: the credit status) are set by the registry alone,
 * over any other source, and never held as a pending correction: a self-report or a liaison's
 * check cannot carry them (the validator refuses), and a correction of one cannot be confirmed.
 * A value equal to the current one changes nothing (no history, audit or change event).
 */
public final class WritePlan {
  /** Facts only the registry source sets (信用状态: from the credit record, not a self-report or a check). */
  public static final java.util.Set<String> REGISTRY_ONLY = java.util.Set.of("creditStatus");
  final StoredEnterprise base;
  final String action;
  final Provenance provenance;
  final Map<String, String> sets = new LinkedHashMap<>();
  final List<String> dels = new ArrayList<>();
  final JsonArray changes = new JsonArray();
  final List<String> pending = new ArrayList<>();
  final JsonObject auditBefore = new JsonObject();
  final JsonObject auditAfter = new JsonObject();
  final Map<String, String> values;
  String rejection;
  String rejectionField;
  /** The resulting record when already at hand (a new firm from the registry), else null. */
  Enterprise known;

  private WritePlan(StoredEnterprise base, String action, Provenance provenance) {
    this.base = base;
    this.action = action;
    this.provenance = provenance;
    this.values = new TreeMap<>(base.values());
  }

  /** True when the write would change nothing at all. */
  public boolean isEmpty() {
    return sets.isEmpty() && dels.isEmpty();
  }

  /** True when field values change (not only pending corrections or metadata). */
  public boolean valuesChanged() {
    return !changes.isEmpty();
  }

  public List<String> pending() {
    return pending;
  }

  public JsonArray changes() {
    return changes;
  }

  /** A registry record (import or PUT): {@code incoming} holds every field the registry knows. */
  public static WritePlan registry(StoredEnterprise base, Map<String, String> incoming, Provenance prov) {
    WritePlan plan = new WritePlan(base, base.exists() ? "enterprise.update" : "enterprise.create", prov);
    incoming.forEach(plan::offer);
    for (Map.Entry<String, String> cur : base.values().entrySet()) {
      Provenance p = base.provenance().get(cur.getKey());
      if (!incoming.containsKey(cur.getKey()) && p != null && p.source() == Source.REGISTRY) {
        plan.remove(cur.getKey());
      }
    }
    return plan;
  }

  /** A self-report of some fields by the firm. */
  public static WritePlan report(StoredEnterprise base, Map<String, String> incoming, Provenance prov) {
    WritePlan plan = new WritePlan(base, "enterprise.self-report", prov);
    incoming.forEach(plan::offer);
    return plan;
  }

  /** Values checked by the liaison. */
  public static WritePlan verify(StoredEnterprise base, Map<String, String> incoming, Provenance prov) {
    WritePlan plan = new WritePlan(base, "enterprise.verify", prov);
    incoming.forEach(plan::offer);
    return plan;
  }

  /** Accepts the pending correction of {@code field}: its value becomes VERIFIED by the confirmer. */
  public static WritePlan confirm(StoredEnterprise base, String field, Provenance prov) {
    WritePlan plan = new WritePlan(base, "enterprise.correction.confirm", prov);
    if (REGISTRY_ONLY.contains(field)) {
      throw cn.enterprisegrid.http.ProblemException.conflict("registry-only",
          cn.enterprisegrid.http.Text.of("enterprise.registry-only-correction", field));
    }
    JsonObject c = base.corrections().get(field);
    plan.offer(field, c.getValue("value") == null ? "null" : Json.encode(c.getValue("value")));
    plan.settle(field);
    return plan;
  }

  /** Drops the pending correction of {@code field}, keeping the current value. */
  public static WritePlan reject(StoredEnterprise base, String field, Provenance prov, String reason) {
    WritePlan plan = new WritePlan(base, "enterprise.correction.reject", prov);
    plan.settle(field);
    plan.auditBefore.put("correction", base.corrections().get(field).copy().put("field", field));
    plan.auditAfter.put("rejected", field).put("reason", reason);
    return plan;
  }

  /** Assigns (or with null clears) the firm's liaison. */
  public static WritePlan assignLiaison(StoredEnterprise base, String liaisonId, Provenance prov) {
    WritePlan plan = new WritePlan(base, "enterprise.liaison", prov);
    String cur = base.liaisonId();
    if (liaisonId == null ? cur != null : !liaisonId.equals(cur)) {
      if (liaisonId == null) {
        plan.dels.add("liaisonId");
      } else {
        plan.sets.put("liaisonId", liaisonId);
      }
      plan.auditBefore.put("liaisonId", cur);
      plan.auditAfter.put("liaisonId", liaisonId);
    }
    return plan;
  }

  /** Refuses the whole write (import: a per-line rejection). */
  WritePlan reject(String field, String reason) {
    this.rejection = reason;
    this.rejectionField = field;
    return this;
  }

  private void offer(String field, String value) {
    String cur = base.values().get(field);
    Provenance curProv = base.provenance().get(field);
    Source src = provenance.source();
    if (src == Source.VERIFIED) {
      if (!value.equals(cur) || curProv == null || curProv.source() != Source.VERIFIED) {
        set(field, cur, value);
      }
      settle(field);
      return;
    }
    if (value.equals(cur)) {
      return;
    }
    if (src == Source.REGISTRY && REGISTRY_ONLY.contains(field)) {
      set(field, cur, value);
      settle(field);
      return;
    }
    if (curProv != null && curProv.source() == Source.VERIFIED) {
      JsonObject existing = base.corrections().get(field);
      if (existing != null && existing.getString("source").equals(src.name())
          && value.equals(Json.encode(existing.getValue("value")))) {
        return;
      }
      JsonObject correction = provenance.toJson().put("value", Json.decodeValue(value))
          .put("current", Json.decodeValue(cur));
      sets.put("c:" + field, correction.encode());
      pending.add(field);
      auditAfter.put("pending:" + field, Json.decodeValue(value));
      return;
    }
    set(field, cur, value);
  }

  private void set(String field, String before, String after) {
    sets.put("f:" + field, after);
    sets.put("p:" + field, provenance.toJson().encode());
    values.put(field, after);
    Object b = before == null ? null : Json.decodeValue(before);
    Object a = Json.decodeValue(after);
    changes.add(new JsonObject().put("field", field).put("before", b).put("after", a));
    auditBefore.put(field, b);
    auditAfter.put(field, a);
  }

  private void remove(String field) {
    String cur = base.values().get(field);
    dels.add("f:" + field);
    dels.add("p:" + field);
    values.remove(field);
    Object b = Json.decodeValue(cur);
    changes.add(new JsonObject().put("field", field).put("before", b).putNull("after"));
    auditBefore.put(field, b);
    auditAfter.putNull(field);
  }

  private void settle(String field) {
    if (base.corrections().containsKey(field) && !dels.contains("c:" + field)) {
      dels.add("c:" + field);
      sets.remove("c:" + field);
    }
  }
}
