package cn.enterprisegrid.redemption;

import cn.enterprisegrid.audit.AuditKeys;
import cn.enterprisegrid.enterprise.EnterpriseKeys;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.notify.NotifyKeys;
import cn.enterprisegrid.policy.PolicyKeys;
import cn.enterprisegrid.store.Hashes;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Redemption on Redis: applications and grants against a policy's fund pool. Every money movement
 * is one Lua script (reserve on apply or grant, release on rejection, reserved → paid on
 * disbursement) that also writes the ledger, the audit entry, the change event and the
 * notification, so the pool can never go below zero and a firm is never granted twice by a policy.
 */
public final class Redemptions {
  /** How long a stored answer serves retries with the same Idempotency-Key. */
  static final long IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

  private final Store store;

  public Redemptions(Store store) {
    this.store = store;
  }

  /**
   * What the apply script answered: the application created (or replayed), or the refusal as a
   * problem (its {@code instance} is added when it is sent).
   */
  public record Answer(JsonObject application, Problem refusal) {
    /** The policy was amended between the caller's eligibility check and the script. */
    public boolean stale() {
      return refusal != null && "/problems/stale".equals(refusal.type());
    }

    public boolean poolExhausted() {
      return refusal != null && "/problems/pool-exhausted".equals(refusal.type());
    }
  }

  /** One application or auto-grant request, checked for eligibility by the caller. */
  public record Request(String policyId, int version, String uscc, String name, long amountFen, JsonObject figures,
      List<String> exclusions, String actor, String idempotencyKey, String fingerprint, boolean autoGrant) {}

  /** Runs the apply script; refusals come back as problem answers, never as failed futures. */
  public Future<Answer> apply(Request r, LocalDate today) {
    String id = r.policyId();
    String idem = PolicyKeys.idempotency(id, r.uscc(), r.idempotencyKey() == null ? "-" : r.idempotencyKey());
    Instant now = Instant.now();
    List<String> keys = new ArrayList<>(List.of(PolicyKeys.policy(id), PolicyKeys.pool(id),
        PolicyKeys.application(id, r.uscc()), PolicyKeys.applications(id), PolicyKeys.ledger(id), idem,
        EnterpriseKeys.applications(r.uscc()), NotifyKeys.OUTBOX, EnterpriseKeys.firm(r.uscc())));
    r.exclusions().forEach(other -> keys.add(PolicyKeys.application(other, r.uscc())));
    keys.addAll(AuditKeys.journal(r.actor(), "application:" + Applications.id(id, r.uscc())));
    List<String> args = List.of(r.policyId(), r.uscc(), String.valueOf(r.version()), String.valueOf(r.amountFen()),
        r.figures().encode(), now.toString(), today.toString(), r.idempotencyKey() == null ? "0" : "1",
        r.fingerprint() == null ? "" : r.fingerprint(), new JsonArray(r.exclusions()).encode(), r.actor(), r.name(),
        String.valueOf(now.toEpochMilli()), String.valueOf(IDEMPOTENCY_TTL_SECONDS), r.autoGrant() ? "grant" : "apply");
    return store.script("apply", keys, args).map(res -> answer(res.ok() ? "201" : res.error(), res.json()));
  }

  /** A stored answer for this firm, policy and Idempotency-Key, if a first call completed. */
  public Future<Answer> replay(String policyId, String uscc, String idempotencyKey, String fingerprint) {
    return store.api().get(PolicyKeys.idempotency(policyId, uscc, idempotencyKey)).map(r -> {
      if (r == null) {
        return null;
      }
      JsonObject seen = new JsonObject(r.toString());
      if (!seen.getString("fingerprint").equals(fingerprint)) {
        return answer("idempotency-mismatch", new JsonObject().put("detail", "this Idempotency-Key was used with another request"));
      }
      return answer(String.valueOf(seen.getValue("code")), new JsonObject(seen.getString("body")));
    });
  }

  private static Answer answer(String code, JsonObject body) {
    if ("201".equals(code)) {
      return new Answer(Applications.view(Applications.flat(body.getJsonArray("application"))), null);
    }
    int status = switch (code) {
      case "idempotency-mismatch" -> 422;
      default -> 409;
    };
    JsonObject extensions = new JsonObject();
    if (body.getValue("application") instanceof JsonArray arr) {
      extensions.put("application", Applications.view(Applications.flat(arr)));
    }
    if (body.getString("policy") != null) {
      extensions.put("policy", body.getString("policy"));
    }
    return new Answer(null, Problem.of(status, code, Text.refusal("apply", code, body.getString("detail")))
        .with(extensions));
  }

  /** An application by id, or null. */
  public Future<JsonObject> get(String applicationId) {
    String policyId = Applications.policyOf(applicationId);
    String uscc = Applications.firmOf(applicationId);
    if (policyId == null || uscc == null) {
      return Future.succeededFuture(null);
    }
    return store.api().hgetall(PolicyKeys.application(policyId, uscc)).map(r -> {
      Map<String, String> f = Hashes.flat(r);
      return f.isEmpty() ? null : Applications.view(f);
    });
  }

  /** Approves a pending application (REVIEW mode). */
  public Future<JsonObject> approve(String applicationId, String actor) {
    return step(applicationId, "approve", actor, List.of());
  }

  /** Rejects with a reason; the reservation goes back to the pool. */
  public Future<JsonObject> reject(String applicationId, String actor, String reason) {
    return step(applicationId, "reject", actor, List.of(reason));
  }

  /** Records the disbursement: reserved → paid. */
  public Future<JsonObject> pay(String applicationId, String actor, LocalDate paidOn, String reference) {
    return step(applicationId, "pay", actor, List.of(paidOn.toString(), reference));
  }

  /** The firm confirms its receipt details for an auto-grant. */
  public Future<JsonObject> confirm(String applicationId, String actor, JsonObject receipt) {
    return step(applicationId, "confirm", actor, List.of(receipt.encode()));
  }

  private Future<JsonObject> step(String applicationId, String op, String actor, List<String> more) {
    String policyId = Applications.policyOf(applicationId);
    String uscc = Applications.firmOf(applicationId);
    if (policyId == null || uscc == null) {
      return Future.failedFuture(ProblemException.notFound(Text.of("redemption.no-application", applicationId)));
    }
    List<String> args = new ArrayList<>(List.of(op, actor, Instant.now().toString()));
    args.addAll(more);
    List<String> keys = List.of(PolicyKeys.application(policyId, uscc), PolicyKeys.pool(policyId),
        PolicyKeys.ledger(policyId), NotifyKeys.OUTBOX, EnterpriseKeys.firm(uscc));
    return store.script("application_step", AuditKeys.with(keys, AuditKeys.journal(actor, "application:" + applicationId)),
            args)
        .compose(r -> {
          if (r.ok()) {
            return get(applicationId);
          }
          Text detail = Text.refusal("application", r.error(), r.detail());
          return Future.failedFuture("not-found".equals(r.error()) ? ProblemException.notFound(detail)
              : ProblemException.conflict(r.error(), detail));
        });
  }

  /** {@code {"total","reserved","paid","remaining"}} in 万元. */
  public Future<JsonObject> pool(String policyId) {
    return store.api().hgetall(PolicyKeys.pool(policyId)).map(r -> {
      Map<String, String> f = Hashes.flat(r);
      long total = Long.parseLong(f.getOrDefault("total", "0"));
      long reserved = Long.parseLong(f.getOrDefault("reserved", "0"));
      long paid = Long.parseLong(f.getOrDefault("paid", "0"));
      return new JsonObject().put("total", Money.wan(total)).put("reserved", Money.wan(reserved))
          .put("paid", Money.wan(paid)).put("remaining", Money.wan(total - reserved - paid));
    });
  }

  /**
   * A page of a policy's applications, newest first, optionally of one status. Without a status the
   * page is cut in Redis; with one, the index is read in chunks until the page is full, so a page
   * costs what it shows, not the whole policy.
   */
  public Future<JsonObject> ofPolicy(String policyId, String status, int offset, int limit) {
    String index = PolicyKeys.applications(policyId);
    if (status == null) {
      return store.api().zcard(index).compose(total -> store.api()
          .zrevrange(List.of(index, String.valueOf(offset), String.valueOf(offset + limit - 1)))
          .compose(r -> load(policyId, members(r)))
          .map(items -> new JsonObject().put("total", total.toLong()).put("items", new JsonArray(items))));
    }
    return filtered(policyId, index, status, 0, offset, limit, new ArrayList<>())
        .map(items -> new JsonObject().put("items", new JsonArray(items)));
  }

  private static final int CHUNK = 500;

  private Future<List<JsonObject>> filtered(String policyId, String index, String status, int from, int skip,
      int limit, List<JsonObject> out) {
    return store.api().zrevrange(List.of(index, String.valueOf(from), String.valueOf(from + CHUNK - 1)))
        .compose(r -> load(policyId, members(r)).compose(chunk -> {
          int skipped = skip;
          for (JsonObject a : chunk) {
            if (status.equals(a.getString("status"))) {
              if (skipped > 0) {
                skipped--;
              } else if (out.size() < limit) {
                out.add(a);
              }
            }
          }
          boolean more = r.size() == CHUNK && out.size() < limit;
          return more ? filtered(policyId, index, status, from + CHUNK, skipped, limit, out)
              : Future.succeededFuture(out);
        }));
  }

  /** Every application and grant of a firm, newest first. */
  public Future<JsonArray> ofFirm(String uscc) {
    return store.api().zrevrange(List.of(EnterpriseKeys.applications(uscc), "0", "-1"))
        .compose(r -> {
          List<Future<JsonObject>> loads = new ArrayList<>();
          members(r).forEach(policyId -> loads.add(get(Applications.id(policyId, uscc))));
          return present(loads);
        })
        .map(JsonArray::new);
  }

  private Future<List<JsonObject>> load(String policyId, List<String> usccs) {
    List<Future<JsonObject>> loads = new ArrayList<>();
    usccs.forEach(u -> loads.add(get(Applications.id(policyId, u))));
    return present(loads);
  }

  /** The loaded applications, in order, without the ones that were not found. */
  private static Future<List<JsonObject>> present(List<Future<JsonObject>> loads) {
    return Future.all(loads).map(cf -> {
      List<JsonObject> out = new ArrayList<>();
      for (int i = 0; i < loads.size(); i++) {
        if (cf.resultAt(i) != null) {
          out.add(cf.resultAt(i));
        }
      }
      return out;
    });
  }

  private static List<String> members(Response r) {
    List<String> out = new ArrayList<>();
    r.forEach(m -> out.add(m.toString()));
    return out;
  }
}
