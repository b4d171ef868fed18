package cn.enterprisegrid.redemption;

import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.store.Hashes;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

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

  /** What the apply script answered: an HTTP status and its body. */
  public record Answer(int status, JsonObject body) {}

  /** One application or auto-grant request, checked for eligibility by the caller. */
  public record Request(String policyId, int version, String uscc, String name, long amountFen, JsonObject figures,
      List<String> exclusions, String actor, String idempotencyKey, String fingerprint, boolean autoGrant) {}

  /** Runs the apply script; refusals come back as problem answers, never as failed futures. */
  public Future<Answer> apply(Request r, LocalDate today) {
    String pk = "policy:{p:" + r.policyId() + "}";
    String idem = pk + ":idem:" + r.uscc() + ":" + (r.idempotencyKey() == null ? "-" : r.idempotencyKey());
    Instant now = Instant.now();
    List<String> keys = List.of(pk, pk + ":pool", Applications.key(r.policyId(), r.uscc()), pk + ":apps",
        pk + ":ledger", idem, "ent:{e:" + r.uscc() + "}:apps");
    List<String> args = List.of(r.policyId(), r.uscc(), String.valueOf(r.version()), String.valueOf(r.amountFen()),
        r.figures().encode(), now.toString(), today.toString(), r.idempotencyKey() == null ? "0" : "1",
        r.fingerprint() == null ? "" : r.fingerprint(), new JsonArray(r.exclusions()).encode(), r.actor(), r.name(),
        String.valueOf(now.toEpochMilli()), String.valueOf(IDEMPOTENCY_TTL_SECONDS), r.autoGrant() ? "grant" : "apply");
    return store.script("apply", keys, args).map(res -> answer(res.get(0).toString(), new JsonObject(res.get(1).toString())));
  }

  /** A stored answer for this firm, policy and Idempotency-Key, if a first call completed. */
  public Future<Answer> replay(String policyId, String uscc, String idempotencyKey, String fingerprint) {
    String idem = "policy:{p:" + policyId + "}:idem:" + uscc + ":" + idempotencyKey;
    return store.api().get(idem).map(r -> {
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
      return new Answer(201, Applications.view(Applications.flat(body.getJsonArray("application"))));
    }
    int status = switch (code) {
      case "idempotency-mismatch" -> 422;
      default -> 409;
    };
    JsonObject problem = Problem.of(status, code, "Not applied", body.getString("detail")).toJson(null);
    if (body.getValue("application") instanceof JsonArray arr) {
      problem.put("application", Applications.view(Applications.flat(arr)));
    }
    if (body.getString("policy") != null) {
      problem.put("policy", body.getString("policy"));
    }
    return new Answer(status, problem);
  }

  /** An application by id, or null. */
  public Future<JsonObject> get(String applicationId) {
    String policyId = Applications.policyOf(applicationId);
    String uscc = Applications.firmOf(applicationId);
    if (policyId == null || uscc == null) {
      return Future.succeededFuture(null);
    }
    return store.api().hgetall(Applications.key(policyId, uscc)).map(r -> {
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
      return Future.failedFuture(ProblemException.notFound("no application " + applicationId));
    }
    String pk = "policy:{p:" + policyId + "}";
    List<String> args = new ArrayList<>(List.of(op, actor, Instant.now().toString()));
    args.addAll(more);
    return store.script("application_step", List.of(Applications.key(policyId, uscc), pk + ":pool", pk + ":ledger"),
            args)
        .compose(r -> {
          if (r.get(0).toInteger() == 1) {
            return get(applicationId);
          }
          String code = r.get(1).toString();
          return Future.failedFuture("not-found".equals(code) ? ProblemException.notFound(r.get(2).toString())
              : ProblemException.conflict(code, r.get(2).toString()));
        });
  }

  /** {@code {"total","reserved","paid","remaining"}} in 万元. */
  public Future<JsonObject> pool(String policyId) {
    return store.api().hgetall("policy:{p:" + policyId + "}:pool").map(r -> {
      Map<String, String> f = Hashes.flat(r);
      long total = Long.parseLong(f.getOrDefault("total", "0"));
      long reserved = Long.parseLong(f.getOrDefault("reserved", "0"));
      long paid = Long.parseLong(f.getOrDefault("paid", "0"));
      return new JsonObject().put("total", Money.wan(total)).put("reserved", Money.wan(reserved))
          .put("paid", Money.wan(paid)).put("remaining", Money.wan(total - reserved - paid));
    });
  }

  /** A page of a policy's applications, newest first, optionally of one status. */
  public Future<JsonObject> ofPolicy(String policyId, String status, int offset, int limit) {
    String pk = "policy:{p:" + policyId + "}";
    return store.api().zrevrange(List.of(pk + ":apps", "0", "-1")).compose(r -> {
      List<String> usccs = new ArrayList<>();
      r.forEach(m -> usccs.add(m.toString()));
      return load(policyId, usccs).map(all -> {
        List<JsonObject> kept = all.stream().filter(a -> status == null || status.equals(a.getString("status"))).toList();
        JsonArray items = new JsonArray();
        kept.stream().skip(offset).limit(limit).forEach(items::add);
        return new JsonObject().put("total", kept.size()).put("items", items);
      });
    });
  }

  /** Every application and grant of a firm, newest first. */
  public Future<JsonArray> ofFirm(String uscc) {
    return store.api().zrevrange(List.of("ent:{e:" + uscc + "}:apps", "0", "-1")).compose(r -> {
      List<Future<JsonObject>> loads = new ArrayList<>();
      r.forEach(pid -> loads.add(get(Applications.id(pid.toString(), uscc))));
      return Future.all(loads).map(cf -> {
        JsonArray out = new JsonArray();
        for (int i = 0; i < loads.size(); i++) {
          if (cf.resultAt(i) != null) {
            out.add(cf.<JsonObject>resultAt(i));
          }
        }
        return out;
      });
    });
  }

  private Future<List<JsonObject>> load(String policyId, List<String> usccs) {
    List<Future<JsonObject>> loads = new ArrayList<>();
    usccs.forEach(u -> loads.add(get(Applications.id(policyId, u))));
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
}
