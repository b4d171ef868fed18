package cn.enterprisegrid.notify;

import cn.enterprisegrid.changes.Change;
import cn.enterprisegrid.changes.ChangeGroup;
import cn.enterprisegrid.enterprise.EnterpriseKeys;
import cn.enterprisegrid.policy.PolicyKeys;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns change events into outbox notices, once across nodes: a member of the consumer group {@code notify} on
 * {@code changes} (XREADGROUP, then XACK after the scripts ran). {@code policy.matched} fans out to the policy's
 * ELIGIBLE and UNKNOWN sets in batches ({@code notify_change.lua}, which calls {@code notify()} per firm);
 * {@code policy.eligible} notifies one firm; {@code application} feeds the funnel and notifies the firm;
 * {@code problem}, {@code problem.warning} and {@code problem.breach} notify the recipients {@link ProblemRecipients}
 * finds ({@code notify_problem.lua}). A batch
 * handled again after a crash enqueues nothing twice (dedupe sets).
 */
final class ChangeFanout {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeFanout.class);
  static final int BATCH = 1000;

  private final Store store;
  private final ChangeGroup group;
  private final ProblemRecipients recipients;

  ChangeFanout(Vertx vertx, Redis redis, Store store, String consumer, long claimIdleMs) {
    this.store = store;
    this.recipients = new ProblemRecipients(store);
    this.group = new ChangeGroup(vertx, redis, NotifyKeys.CHANGES_GROUP, consumer, 16, claimIdleMs);
  }

  Future<Void> start() {
    return group.consume(this::handle);
  }

  void stop() {
    group.stop();
  }

  private Future<Void> handle(List<Change> batch) {
    Future<Void> f = Future.succeededFuture();
    for (Change c : batch) {
      f = f.compose(v -> handle(c).recover(err -> {
        // a malformed event must not block the stream; anything else is retried with the batch
        if (err instanceof IllegalArgumentException || err instanceof ClassCastException) {
          LOG.warn("change {} ({}) skipped: {}", c.streamId(), c.kind(), err.toString());
          return Future.succeededFuture();
        }
        return Future.failedFuture(err);
      }));
    }
    return f;
  }

  Future<Void> handle(Change c) {
    if (c.kind() == null) {
      return Future.succeededFuture();
    }
    JsonObject p = payload(c);
    return switch (c.kind()) {
      case "policy.matched" -> policy(c.id(), p).compose(policy -> {
        String version = text(p.getValue("version"));
        return fanout(c.id(), version, "policy.eligible", policy, PolicyKeys.matchSet(c.id(), "eligible"))
            .compose(v -> fanout(c.id(), version, "policy.unknown", policy, PolicyKeys.matchSet(c.id(), "unknown")));
      });
      case "policy.eligible" -> policy(c.id(), p).compose(policy -> {
        String kind = "UNKNOWN".equals(p.getString("verdict")) ? "policy.unknown" : "policy.eligible";
        return script(List.of("fanout", c.id(), text(p.getValue("version")), kind, policy.encode(),
            policy.getString("department", ""), policy.getString("title", ""), p.getString("uscc")));
      });
      case "application" -> script(List.of("application", p.getString("policyId"),
          text(p.getValue("version")), p.getString("uscc"), p.getString("status"), p.encode(),
          p.getString("department", "")));
      case "policy" -> p.getString("department") == null ? Future.succeededFuture()
          : script(List.of("fanout", c.id(), "0", "policy.none", "{}",
              p.getString("department"), p.getString("title", "")));
      case "problem", "problem.warning", "problem.breach" -> problem(c.kind(), c.id(), p);
      default -> Future.succeededFuture();
    };
  }

  /**
   * The change's payload as an object; an empty one when it has none or is not an object (other
   * kinds, e.g. a liaison's, may carry an array: this consumer reads none of them).
   */
  private static JsonObject payload(Change c) {
    String raw = c.payload();
    if (raw == null || raw.isBlank() || raw.charAt(0) != '{') {
      return new JsonObject();
    }
    try {
      return new JsonObject(raw);
    } catch (io.vertx.core.json.DecodeException e) {
      LOG.warn("change {} ({}) has a malformed payload, read as empty", c.streamId(), c.kind());
      return new JsonObject();
    }
  }

  /** Enqueues the notices of a problem event, each recipient once per event (see {@link ProblemRecipients}). */
  private Future<Void> problem(String kind, String id, JsonObject p) {
    return recipients.resolve(kind, id, p).compose(r -> {
      if (r.notices().isEmpty()) {
        return Future.succeededFuture();
      }
      List<String> args = new ArrayList<>(List.of(ProblemNotices.subject(id), r.tag(), r.uscc()));
      for (ProblemRecipients.Notice n : r.notices()) {
        args.addAll(List.of(n.to(), n.kind(), n.payload().encode()));
      }
      return store.script("notify_problem", List.of(NotifyKeys.OUTBOX, NotifyKeys.problemDedupe(id, r.tag())), args)
          .mapEmpty();
    });
  }

  /** The wording fields of a policy: from the event, else from the policy hash (and its live version's JSON). */
  private Future<JsonObject> policy(String id, JsonObject event) {
    JsonObject out = new JsonObject();
    for (String f : List.of("title", "department", "mode", "closesOn")) {
      if (event.getValue(f) != null) {
        out.put(f, text(event.getValue(f)));
      }
    }
    // policies that cannot be stacked with this one: the fan-out skips firms holding one of them
    if (event.getValue("exclusions") instanceof JsonArray ex) {
      out.put("exclusions", ex);
    }
    if (out.containsKey("title") && out.containsKey("department") && out.containsKey("exclusions")) {
      return Future.succeededFuture(out);
    }
    return store.api().hmget(List.of(PolicyKeys.policy(id), "title", "department", "mode", "published",
            "exclusions"))
        .map(r -> {
          if (!out.containsKey("exclusions") && r.get(4) != null && r.get(4).toString().startsWith("[")) {
            out.put("exclusions", new JsonArray(r.get(4).toString()));
          }
          String[] names = {"title", "department", "mode"};
          for (int i = 0; i < names.length; i++) {
            if (!out.containsKey(names[i]) && r.get(i) != null) {
              out.put(names[i], r.get(i).toString());
            }
          }
          if (!out.containsKey("closesOn") && r.get(3) != null) {
            try {
              Object closes = new JsonObject(r.get(3).toString()).getValue("closesOn");
              if (closes != null) {
                out.put("closesOn", text(closes));
              }
            } catch (RuntimeException e) {
              // no readable closing date: the push goes without it
            }
          }
          return out;
        });
  }

  /**
   * SSCANs a match set and enqueues each batch in one script; the next SSCAN runs while the previous batch's script
   * does (at most {@link #AHEAD} scripts outstanding).
   */
  private Future<Void> fanout(String policyId, String version, String kind, JsonObject policy, String set) {
    List<Future<Void>> outstanding = new ArrayList<>();
    return scan(set, "0", policyId, version, kind, policy, outstanding)
        .compose(v -> Future.all(outstanding)).mapEmpty();
  }

  static final int AHEAD = 4;

  private Future<Void> scan(String set, String cursor, String policyId, String version, String kind,
      JsonObject policy, List<Future<Void>> outstanding) {
    return store.api().sscan(List.of(set, cursor, "COUNT", String.valueOf(BATCH))).compose(r -> {
      String next = r.get(0).toString();
      Response members = r.get(1);
      if (members.size() > 0) {
        List<String> args = new ArrayList<>(members.size() + 7);
        args.addAll(List.of("fanout", policyId, version, kind, policy.encode(),
            policy.getString("department", ""), policy.getString("title", "")));
        for (Response m : members) {
          args.add(m.toString());
        }
        outstanding.add(script(args));
      }
      if ("0".equals(next)) {
        return Future.succeededFuture();
      }
      Future<Void> room = outstanding.size() >= AHEAD
          ? outstanding.get(outstanding.size() - AHEAD) : Future.succeededFuture();
      return room.compose(v -> scan(set, next, policyId, version, kind, policy, outstanding));
    });
  }

  private Future<Void> script(List<String> args) {
    for (String a : args) {
      if (a == null) {
        return Future.failedFuture(new IllegalArgumentException("missing field in " + args));
      }
    }
    return store.script("notify_change", keys(args), args).mapEmpty();
  }

  /** The keys of a notify_change call, in the order its header describes. */
  private static List<String> keys(List<String> args) {
    List<String> keys = new ArrayList<>();
    keys.add(NotifyKeys.OUTBOX);
    keys.add(NotifyKeys.FUNNEL_POLICIES);
    String policyId = args.get(1);
    if ("application".equals(args.get(0))) {
      keys.add(EnterpriseKeys.firm(args.get(3)));
      for (String stage : List.of("pushed", "applied", "granted", "paid")) {
        keys.add(NotifyKeys.funnel(policyId, stage));
      }
      return keys;
    }
    List<String> exclusions = List.of();
    if ("policy.eligible".equals(args.get(3))
        && new JsonObject(args.get(4)).getValue("exclusions") instanceof JsonArray ex) {
      exclusions = ex.stream().map(String::valueOf).toList();
    }
    for (String uscc : args.subList(7, args.size())) {
      keys.add(EnterpriseKeys.firm(uscc));
      for (String other : exclusions) {
        keys.add(PolicyKeys.application(other, uscc));
      }
    }
    return keys;
  }

  private static String text(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return String.valueOf(n.longValue());
    }
    return v.toString();
  }
}
