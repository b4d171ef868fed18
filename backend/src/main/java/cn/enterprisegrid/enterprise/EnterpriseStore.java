package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.audit.AuditKeys;
import cn.enterprisegrid.config.ChinaTime;
import cn.enterprisegrid.enterprise.Provenance.Source;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.policyindex.profile.Enterprise;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The enterprise registry on Redis. Every mutation is read → {@link WritePlan} → one {@code
 * enterprise_write} script that applies the plan only if the record's version is unchanged (else it
 * is re-read and re-planned), and that writes the history entry, the audit entry and the change
 * event with it. Loads are single HGETALLs, so batches pipeline well.
 */
public final class EnterpriseStore {
  private static final int ATTEMPTS = 5;

  private final Store store;
  private final EnterpriseValidator validator;
  private final ProfileView views;

  /** The region code of firm {@code uscc} (one field, not its record); null when unknown. */
  public static Future<String> regionCode(Store store, String uscc) {
    return store.api().hget(EnterpriseKeys.firm(uscc), "f:regionCode")
        .map(r -> r == null ? null : String.valueOf(io.vertx.core.json.Json.decodeValue(r.toString())));
  }

  public EnterpriseStore(Store store) {
    this.store = store;
    this.validator = EnterpriseValidator.standard();
    this.views = ProfileView.standard();
  }

  /** What a write did to one firm. */
  public enum Status { CREATED, UPDATED, UNCHANGED, REJECTED }

  /** The outcome of a write: status, the fields that became pending corrections, or why refused. */
  public record Outcome(Status status, StoredEnterprise before, List<String> pending, String field,
      String reason) {
    static Outcome rejected(String field, String reason) {
      return new Outcome(Status.REJECTED, null, List.of(), field, reason);
    }
  }

  /** The record of one firm (an empty record, version 0, when unknown). */
  public Future<StoredEnterprise> load(String uscc) {
    return store.api().hgetall(EnterpriseKeys.firm(uscc)).map(r -> StoredEnterprise.from(uscc, r));
  }

  /** The records of several firms, pipelined. */
  public Future<List<StoredEnterprise>> loadAll(List<String> usccs) {
    List<Future<StoredEnterprise>> all = new ArrayList<>(usccs.size());
    usccs.forEach(u -> all.add(load(u)));
    return Future.all(all).map(cf -> {
      List<StoredEnterprise> out = new ArrayList<>(usccs.size());
      for (int i = 0; i < usccs.size(); i++) {
        out.add(cf.resultAt(i));
      }
      return out;
    });
  }

  /**
   * The profile views (as {@code GET /api/v1/enterprises/{uscc}} answers them) of several firms, in
   * order; null for a firm not stored. For listings that find their ids elsewhere (the index).
   */
  public Future<List<JsonObject>> get(List<String> usccs) {
    LocalDate today = ChinaTime.today();
    return loadAll(usccs).map(list -> {
      List<JsonObject> out = new ArrayList<>(list.size());
      list.forEach(s -> out.add(s.exists() ? views.render(s, today) : null));
      return out;
    });
  }

  /**
   * Writes a registry record (import, PUT, demo): source REGISTRY. {@code admissible} may refuse
   * the write after seeing the stored record (e.g. a firm outside the importer's region).
   */
  public Future<Outcome> registry(Enterprise e, String actor, StoredEnterprise preloaded,
      Function<StoredEnterprise, String> admissible) {
    Map<String, String> fields = EnterpriseFields.of(e);
    Provenance prov = new Provenance(Source.REGISTRY, actor, Instant.now().toString());
    return apply(e.uscc(), preloaded, base -> {
      String refusal = admissible == null ? null : admissible.apply(base);
      WritePlan plan = WritePlan.registry(base, fields, prov);
      if (!base.exists()) {
        plan.known = e; // a new firm's values are exactly the record: no need to rebuild it
      }
      return refusal == null ? plan : plan.reject("regionCode", refusal);
    });
  }

  /** Several registry records, pipelined (loads, then writes); outcomes in order. */
  public Future<List<Outcome>> registryBatch(List<Enterprise> records, String actor,
      Function<StoredEnterprise, String> admissible) {
    List<String> ids = records.stream().map(Enterprise::uscc).toList();
    return loadAll(ids).compose(bases -> {
      List<Future<Outcome>> writes = new ArrayList<>(records.size());
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < records.size(); i++) {
        // a firm twice in one batch: the second write must see the first, so it reads again
        StoredEnterprise pre = seen.add(ids.get(i)) ? bases.get(i) : null;
        writes.add(registry(records.get(i), actor, pre, admissible));
      }
      return Future.join(writes).transform(ar -> {
        List<Outcome> out = new ArrayList<>(records.size());
        for (Future<Outcome> w : writes) {
          out.add(w.succeeded() ? w.result() : Outcome.rejected("", "not stored: " + w.cause().getMessage()));
        }
        return Future.succeededFuture(out);
      });
    });
  }

  /**
   * The firm's own report of {@code patch} (fields of {@link EnterpriseValidator#SELF_REPORTABLE});
   * fails with 422 naming the field, 404 when the firm is unknown.
   */
  public Future<Outcome> selfReport(String uscc, JsonObject patch, String actor) {
    return patch(uscc, patch, EnterpriseValidator.SELF_REPORTABLE, Source.SELF_REPORTED, actor);
  }

  /**
   * Applies values a liaison checked (any field but uscc) as VERIFIED, settling pending corrections
   * of those fields. Fails with 422 naming the field, 404 when the firm is unknown.
   */
  public Future<Outcome> verify(String uscc, JsonObject fieldsPatch, String liaisonActor) {
    Set<String> any = new HashSet<>(EnterpriseValidator.ALL);
    any.remove("uscc");
    // what only the registry knows stays the registry's: a liaison's check cannot change it
    any.removeAll(WritePlan.REGISTRY_ONLY);
    return patch(uscc, fieldsPatch, any, Source.VERIFIED, liaisonActor);
  }

  private Future<Outcome> patch(String uscc, JsonObject patch, Set<String> allowed, Source source,
      String actor) {
    EnterpriseValidator.Result r = validator.patch(patch, allowed, uscc, ChinaTime.today());
    if (!r.valid()) {
      return Future.failedFuture(ProblemException.invalid(r.errors()));
    }
    Map<String, String> fields = EnterpriseFields.of(r.enterprise());
    Provenance prov = new Provenance(source, actor, Instant.now().toString());
    return apply(uscc, null, base -> {
      if (!base.exists()) {
        throw ProblemException.notFound(Text.of("enterprise.not-found"));
      }
      // a year's figures merge with what is known of that year: reporting revenue keeps assets
      Map<String, String> merged = new LinkedHashMap<>(fields);
      merged.replaceAll((k, v) -> k.startsWith(EnterpriseFields.FINANCIALS) ? mergeYear(base, k, v) : v);
      return source == Source.VERIFIED ? WritePlan.verify(base, merged, prov) : WritePlan.report(base, merged, prov);
    });
  }

  private static String mergeYear(StoredEnterprise base, String key, String reported) {
    String cur = base.values().get(key);
    if (cur == null) {
      return reported;
    }
    JsonObject merged = new JsonObject(cur).mergeIn(new JsonObject(reported));
    JsonObject ordered = new JsonObject();
    for (String f : List.of("year", "revenue", "assets", "rdExpense", "taxPaid")) {
      if (merged.getValue(f) != null) {
        ordered.put(f, f.equals("year") ? merged.getValue(f) : ((Number) merged.getValue(f)).doubleValue());
      }
    }
    // re-encode through the canonical writer so equal figures compare equal
    return EnterpriseFields.of(EnterpriseFields.toEnterprise("", Map.of(key, ordered.encode()))).get(key);
  }

  /** Confirms the pending correction of {@code field}: it becomes the VERIFIED value. */
  public Future<Outcome> confirm(String uscc, String field, String actor) {
    Provenance prov = new Provenance(Source.VERIFIED, actor, Instant.now().toString());
    return apply(uscc, null, base -> {
      requireCorrection(base, field);
      return WritePlan.confirm(base, field, prov);
    });
  }

  /** Rejects the pending correction of {@code field} with a reason; the value stays. */
  public Future<Outcome> reject(String uscc, String field, String actor, String reason) {
    Provenance prov = new Provenance(Source.VERIFIED, actor, Instant.now().toString());
    return apply(uscc, null, base -> {
      requireCorrection(base, field);
      return WritePlan.reject(base, field, prov, reason);
    });
  }

  /** Assigns the firm's liaison (null clears it); for the grid. */
  public Future<Outcome> assignLiaison(String uscc, String liaisonId, String actor) {
    Provenance prov = new Provenance(Source.REGISTRY, actor, Instant.now().toString());
    return apply(uscc, null, base -> {
      if (!base.exists()) {
        throw ProblemException.notFound(Text.of("enterprise.not-found"));
      }
      return WritePlan.assignLiaison(base, liaisonId, prov);
    });
  }

  private static void requireCorrection(StoredEnterprise base, String field) {
    if (!base.exists() || !base.corrections().containsKey(field)) {
      throw ProblemException.notFound(Text.of("enterprise.no-correction", field));
    }
  }

  /** A page of the firm's history, newest first: flattened field changes of whole writes. */
  public Future<JsonObject> history(String uscc, int offset, int limit) {
    String key = EnterpriseKeys.history(uscc);
    return store.api().lrange(key, String.valueOf(offset), String.valueOf(offset + limit - 1)).map(r -> {
      JsonArray items = new JsonArray();
      for (Response e : r) {
        JsonObject write = new JsonObject(e.toString());
        for (Object c : write.getJsonArray("changes")) {
          JsonObject ch = (JsonObject) c;
          items.add(new JsonObject().put("field", ch.getString("field"))
              .put("before", ch.getValue("before")).put("after", ch.getValue("after"))
              .put("source", write.getString("source")).put("actor", write.getString("actor"))
              .put("at", write.getString("at")).put("action", write.getString("action")));
        }
      }
      Integer next = r.size() == limit ? offset + limit : null;
      return new JsonObject().put("items", items).put("next", next);
    });
  }

  private Future<Outcome> apply(String uscc, StoredEnterprise preloaded,
      Function<StoredEnterprise, WritePlan> planner) {
    return attempt(uscc, preloaded, planner, 1);
  }

  private Future<Outcome> attempt(String uscc, StoredEnterprise preloaded,
      Function<StoredEnterprise, WritePlan> planner, int n) {
    Future<StoredEnterprise> base = preloaded != null ? Future.succeededFuture(preloaded) : load(uscc);
    return base.compose(b -> {
      WritePlan plan;
      try {
        plan = planner.apply(b);
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
      if (plan.rejection != null) {
        return Future.succeededFuture(Outcome.rejected(plan.rejectionField, plan.rejection));
      }
      if (plan.isEmpty()) {
        return Future.succeededFuture(new Outcome(Status.UNCHANGED, b, List.of(), null, null));
      }
      return commit(plan).compose(ok -> {
        if (ok) {
          return Future.succeededFuture(new Outcome(b.exists() ? Status.UPDATED : Status.CREATED, b,
              plan.pending(), null, null));
        }
        if (n >= ATTEMPTS) {
          return Future.failedFuture(ProblemException.conflict("concurrent-write", Text.of("enterprise.concurrent")));
        }
        return attempt(uscc, null, planner, n + 1);
      });
    });
  }

  private Future<Boolean> commit(WritePlan plan) {
    StoredEnterprise b = plan.base;
    String now = plan.provenance.at();
    JsonArray sets = new JsonArray();
    plan.sets.forEach((k, v) -> sets.add(k).add(v));
    if (plan.valuesChanged()) {
      Enterprise e = plan.known != null ? plan.known : EnterpriseFields.toEnterprise(b.uscc(), plan.values);
      sets.add("derived").add(views.storedDerived(e, ChinaTime.today()).encode());
      sets.add("region").add(e.regionCode() == null ? "" : e.regionCode());
    }
    if (!b.exists()) {
      sets.add("uscc").add(b.uscc()).add("createdAt").add(now);
    }
    sets.add("updatedAt").add(now);
    String history = "";
    if (plan.valuesChanged()) {
      history = new JsonObject().put("at", now).put("source", plan.provenance.source().name())
          .put("actor", plan.provenance.actor()).put("action", plan.action)
          .put("changes", plan.changes).encode();
    }
    JsonObject payload = new JsonObject().put("version", b.version() + 1)
        .put("fields", new JsonArray(plan.changes.stream().map(c -> ((JsonObject) c).getString("field")).toList()))
        .put("pending", new JsonArray(plan.pending));
    return store.script("enterprise_write",
            AuditKeys.with(List.of(EnterpriseKeys.firm(b.uscc()), EnterpriseKeys.history(b.uscc()), EnterpriseKeys.ALL),
                AuditKeys.journal(plan.provenance.actor(), "enterprise:" + b.uscc())),
            List.of(String.valueOf(b.version()), plan.provenance.actor(), plan.action, b.uscc(),
                sets.encode(), new JsonArray(plan.dels).encode(), history,
                plan.auditBefore.isEmpty() ? "" : plan.auditBefore.encode(), plan.auditAfter.encode(),
                payload.encode()))
        .map(r -> {
          boolean ok = r.ok();
          if (ok) {
            // before the writer's future completes: a read after this write must not get a
            // cached view of the version before it
            FirmWrites.written(b.uscc(), b.version() + 1);
          }
          return ok;
        })
        .onFailure(err -> FirmWrites.written(b.uscc(), b.version() + 1)); // may have been applied
  }
}
