package cn.enterprisegrid.policy;

import cn.enterprisegrid.audit.AuditKeys;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.redemption.Money;
import cn.enterprisegrid.store.Hashes;
import cn.enterprisegrid.store.ScriptResult;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Policies on Redis. Each lifecycle step is one {@code policy_write} script, which also writes the
 * audit entry and the {@code policy} change event; validation happens here, before the script.
 */
public final class PolicyStore {
  private final Store store;

  public PolicyStore(Store store) {
    this.store = store;
  }

  /** The policy (an empty record when unknown). */
  public Future<StoredPolicy> get(String id) {
    if (!PolicyValidator.POLICY_ID.matcher(id).matches()) {
      return Future.succeededFuture(new StoredPolicy(id, Map.of()));
    }
    return store.api().hgetall(PolicyKeys.policy(id)).map(r -> new StoredPolicy(id, Hashes.flat(r)));
  }

  /** The policy, or a 404. */
  public Future<StoredPolicy> require(String id) {
    return get(id).compose(p -> p.exists() ? Future.succeededFuture(p)
        : Future.failedFuture(ProblemException.notFound(Text.of("policy.no-policy", id))));
  }

  /** Every policy, in id order. */
  public Future<List<StoredPolicy>> all() {
    return store.api().smembers(PolicyKeys.ALL).compose(r -> {
      List<String> ids = new ArrayList<>();
      r.forEach(m -> ids.add(m.toString()));
      ids.sort(Comparator.comparingInt(s -> Integer.parseInt(s.substring(1))));
      List<Future<StoredPolicy>> loads = new ArrayList<>();
      ids.forEach(id -> loads.add(get(id)));
      return Future.all(loads).map(cf -> {
        List<StoredPolicy> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
          StoredPolicy p = cf.resultAt(i);
          if (p.exists()) {
            out.add(p);
          }
        }
        return out;
      });
    });
  }

  /** Creates a draft in {@code department}; answers its id. */
  public Future<String> create(JsonObject draft, String department, String actor) {
    draft.put("department", department);
    invalidUnlessEmpty(PolicyValidator.check(draft, PolicyValidator.Stage.DRAFT, null));
    return store.api().incr("policies:seq").compose(n -> {
      String id = "P" + n.toLong();
      return run("create", id, actor, List.of(draft.encode(), department, draft.getString("title"))).map(id);
    });
  }

  /** Replaces the pending draft (an amendment when the policy is published). */
  public Future<Void> update(StoredPolicy p, JsonObject draft, String actor) {
    draft.put("department", p.department());
    invalidUnlessEmpty(PolicyValidator.check(draft, PolicyValidator.Stage.DRAFT, p.id()));
    return run("update", p.id(), actor, List.of(draft.encode(), "", draft.getString("title"))).mapEmpty();
  }

  /** Sends the draft to review; it must be complete. */
  public Future<Void> submit(StoredPolicy p, String actor) {
    JsonObject draft = p.draft();
    if (draft == null) {
      throw ProblemException.conflict("not-draft", Text.of("policy.no-draft"));
    }
    invalidUnlessEmpty(PolicyValidator.check(draft, PolicyValidator.Stage.SUBMISSION, p.id()));
    return run("submit", p.id(), actor, List.of()).mapEmpty();
  }

  /** Returns a draft in review to its drafter. */
  public Future<Void> giveBack(StoredPolicy p, String actor, String reason) {
    return run("return", p.id(), actor, List.of(reason)).mapEmpty();
  }

  /** Publishes the reviewed draft as the next version; answers the version. */
  public Future<Integer> publish(StoredPolicy p, String actor) {
    String text = p.draftText();
    if (text == null) {
      throw ProblemException.conflict("not-in-review", Text.of("policy.no-review"));
    }
    JsonObject draft = new JsonObject(text);
    invalidUnlessEmpty(PolicyValidator.check(draft, PolicyValidator.Stage.SUBMISSION, p.id()));
    PolicySpec spec = PolicySpec.of(p.id(), p.version() + 1, draft);
    return run("publish", p.id(), actor, List.of(text, String.valueOf(Money.fen(spec.fundPool())),
        spec.mode().name(), spec.opensOn().toString(), spec.closesOn().toString(), spec.title()))
        .map(r -> r.getInteger("version"));
  }

  /** Closes a published policy: no more applications or grants. */
  public Future<Void> close(StoredPolicy p, String actor) {
    return run("close", p.id(), actor, List.of()).mapEmpty();
  }

  /** Every published version, oldest first. */
  public Future<JsonArray> versions(String id) {
    return store.api().lrange(PolicyKeys.versions(id), "0", "-1").map(r -> {
      JsonArray out = new JsonArray();
      r.forEach(v -> out.add(arraysRestored(new JsonObject(v.toString()))));
      return out;
    });
  }

  /** The list members of a policy that the version script's JSON round trip turns into {} when empty. */
  private static final List<String> LISTS = List.of("clauses", "exclusions", "requiredMaterials");

  /** A stored version with its empty lists as lists again (Lua's cjson encodes an empty table as {}). */
  static JsonObject arraysRestored(JsonObject version) {
    JsonObject policy = version.getValue("policy") instanceof JsonObject p ? p : null;
    if (policy != null) {
      for (String name : LISTS) {
        if (policy.getValue(name) instanceof JsonObject o && o.isEmpty()) {
          policy.put(name, new JsonArray());
        }
      }
    }
    return version;
  }

  /** Runs one lifecycle step: {@code {version, status}}, or the refusal as a problem. */
  private Future<JsonObject> run(String op, String id, String actor, List<String> more) {
    List<String> args = new ArrayList<>(List.of(op, id, actor, Instant.now().toString()));
    args.addAll(more);
    List<String> keys = List.of(PolicyKeys.policy(id), PolicyKeys.versions(id), PolicyKeys.pool(id), PolicyKeys.ALL);
    return store.script("policy_write", AuditKeys.with(keys, AuditKeys.journal(actor, "policy:" + id)), args)
        .map(r -> r.jsonOr(PolicyStore::refusal));
  }

  private static ProblemException refusal(ScriptResult r) {
    Text detail = Text.refusal("policy", r.error(), r.detail());
    return "not-found".equals(r.error()) ? ProblemException.notFound(detail)
        : ProblemException.conflict(r.error(), detail);
  }

  static void invalidUnlessEmpty(List<Problem.FieldError> errors) {
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
  }
}
