package cn.enterprisegrid.notify;

import cn.enterprisegrid.auth.AccountKeys;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.auth.Scope;
import cn.enterprisegrid.enterprise.EnterpriseKeys;
import cn.enterprisegrid.problem.ProblemKeys;
import cn.enterprisegrid.problem.ProblemStatus;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who hears of a problem event, resolved at fan-out time from the case, the firm's liaison and the account
 * indexes (docs/notifications.md, "Problems"):
 * <ul>
 *   <li>the firm ({@code firm:USCC}: inbox and its bound WeChat users) on every status change;</li>
 *   <li>the department's DEPT_HANDLER accounts ({@code account:USERNAME}) on a dispatch, a transfer proposed to
 *   them, a warning and a breach; before dispatch the township's intake is the grid admins', so they hear its
 *   warnings;</li>
 *   <li>on a breach also the department's head (a handler with {@code head}) and the GRID_ADMIN accounts whose
 *   region covers the case's township;</li>
 *   <li>the firm's liaison ({@code liaison:ID}) on filing, dispatch, resolution and breach.</li>
 * </ul>
 * Each recipient gets one notice per event, its payload saying in which role ({@code as}) it hears it.
 */
final class ProblemRecipients {
  /** One notice to enqueue. */
  record Notice(String to, String kind, JsonObject payload) {}

  /** An event resolved: its dedupe tag, the firm, and the notices. */
  record Resolved(String tag, String uscc, List<Notice> notices) {}

  private final RedisAPI redis;

  ProblemRecipients(Store store) {
    this.redis = store.api();
  }

  /** The notices of change {@code kind} ({@code problem}, {@code problem.warning}, {@code problem.breach}). */
  Future<Resolved> resolve(String kind, String id, JsonObject event) {
    return redis.hgetall(ProblemKeys.problem(id)).compose(r -> {
      Map<String, String> h = cn.enterprisegrid.store.Hashes.flat(r);
      if (h.isEmpty()) {
        return Future.succeededFuture(new Resolved("", "", List.of()));
      }
      String uscc = h.getOrDefault("uscc", "");
      JsonObject base = new JsonObject().put("id", id).put("title", h.getOrDefault("title", ""))
          .put("uscc", uscc).put("township", h.getOrDefault("township", ""))
          .put("dispatchNo", str(event.getValue("dispatchNo"), h.getOrDefault("dispatchNo", "")));
      return switch (kind) {
        case "problem" -> step(id, event, h, base);
        case "problem.warning", "problem.breach" -> clock(kind, event, h, base);
        default -> Future.succeededFuture(new Resolved("", uscc, List.of()));
      };
    });
  }

  private Future<Resolved> step(String id, JsonObject e, Map<String, String> h, JsonObject base) {
    String status = e.getString("status", "");
    String before = e.getString("statusBefore", "");
    String step = e.getString("step", "");
    String department = e.getString("department", "");
    String uscc = base.getString("uscc");
    base.put("status", status).put("step", step).put("department", department).put("event", "status");
    Map<String, Notice> out = new LinkedHashMap<>();
    boolean changed = !status.equals(before);
    if (changed) {
      out.put("firm:" + uscc, notice("firm:" + uscc, "problem." + status, base, "firm"));
    }
    boolean dispatch = ProblemStatus.DISPATCHED.name().equals(status)
        && (step.equals("DISPATCH") || step.equals("VERIFY"));
    boolean transfer = step.equals("TRANSFER") && !e.getString("pendingDepartment", "").isEmpty();
    boolean toLiaison = changed && (step.equals("FILE") || dispatch || step.equals("RESOLVE"));
    Future<Void> handlers = Future.succeededFuture();
    if (dispatch && !department.isEmpty()) {
      handlers = handlers(department).map(hs -> {
        hs.forEach(a -> out.putIfAbsent("account:" + a.username, notice("account:" + a.username,
            "problem.dispatch", base.copy().put("event", "dispatch"), "handler")));
        return null;
      });
    } else if (transfer) {
      String pending = e.getString("pendingDepartment");
      handlers = handlers(pending).map(hs -> {
        hs.forEach(a -> out.putIfAbsent("account:" + a.username, notice("account:" + a.username,
            "problem.transfer", base.copy().put("event", "transfer").put("pendingDepartment", pending), "handler")));
        return null;
      });
    }
    Future<Void> liaison = toLiaison ? liaisonOf(uscc).map(l -> {
      if (l != null) {
        out.put("liaison:" + l, notice("liaison:" + l, "problem." + status, base, "liaison"));
      }
      return null;
    }) : Future.succeededFuture();
    String tag = "v" + str(e.getValue("version"), "0");
    return Future.all(handlers, liaison).map(v -> new Resolved(tag, uscc, new ArrayList<>(out.values())));
  }

  private Future<Resolved> clock(String kind, JsonObject e, Map<String, String> h, JsonObject base) {
    boolean breach = kind.equals("problem.breach");
    String accountable = e.getString("accountable", "");
    String uscc = base.getString("uscc");
    String township = base.getString("township");
    boolean intake = accountable.isEmpty() || accountable.startsWith("intake:");
    base.put("status", e.getString("status", h.getOrDefault("status", ""))).put("event", breach ? "breach" : "warning")
        .put("deadline", e.getString("kind", "")).put("due", e.getString("due", ""))
        .put("department", intake ? "" : accountable);
    Map<String, Notice> out = new LinkedHashMap<>();
    Future<Void> handlers = intake ? Future.succeededFuture() : handlers(accountable).map(hs -> {
      // a head hears the escalation as the head; the other handlers as those who must act
      hs.stream().filter(a -> breach && a.head).forEach(a ->
          out.put("account:" + a.username, notice("account:" + a.username, kind, base, "head")));
      hs.forEach(a -> out.putIfAbsent("account:" + a.username, notice("account:" + a.username, kind, base,
          "handler")));
      return null;
    });
    // the grid admins hear every breach of their region, and before dispatch the warnings too (intake is theirs)
    Future<Void> admins = breach || intake ? admins(township).map(as -> {
      as.forEach(a -> out.putIfAbsent("account:" + a, notice("account:" + a, kind, base, "admin")));
      return null;
    }) : Future.succeededFuture();
    Future<Void> liaison = breach ? liaisonOf(uscc).map(l -> {
      if (l != null) {
        out.put("liaison:" + l, notice("liaison:" + l, kind, base, "liaison"));
      }
      return null;
    }) : Future.succeededFuture();
    String tag = (breach ? "b-" : "w-") + e.getString("kind", "") + "-" + e.getString("due", "");
    return Future.all(handlers, admins, liaison).map(v -> new Resolved(tag, uscc, new ArrayList<>(out.values())));
  }

  private record Handler(String username, boolean head) {}

  /** The DEPT_HANDLER accounts of a department (the index {@code account_create.lua} keeps). */
  private Future<List<Handler>> handlers(String department) {
    return redis.smembers(AccountKeys.handlers(department)).compose(members -> {
      List<String> names = new ArrayList<>();
      members.forEach(m -> names.add(m.toString()));
      List<Future<Response>> heads = new ArrayList<>();
      names.forEach(n -> heads.add(redis.hmget(List.of(AccountKeys.account(n), "head", "role"))));
      return Future.all(heads).map(all -> {
        List<Handler> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
          Response r = all.resultAt(i);
          if (r.get(1) != null && Role.DEPT_HANDLER.name().equals(r.get(1).toString())) {
            out.add(new Handler(names.get(i), r.get(0) != null && "1".equals(r.get(0).toString())));
          }
        }
        return out;
      });
    });
  }

  /** The GRID_ADMIN accounts whose region covers the township (an admin without a region covers all). */
  private Future<List<String>> admins(String township) {
    return redis.smembers(AccountKeys.byRole(Role.GRID_ADMIN)).compose(members -> {
      List<String> names = new ArrayList<>();
      members.forEach(m -> names.add(m.toString()));
      List<Future<Response>> scopes = new ArrayList<>();
      names.forEach(n -> scopes.add(redis.hget(AccountKeys.account(n), "scope")));
      return Future.all(scopes).map(all -> {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
          Response s = all.resultAt(i);
          if (s != null && Scope.fromJson(new JsonObject(s.toString())).coversRegion(township)) {
            out.add(names.get(i));
          }
        }
        return out;
      });
    });
  }

  private Future<String> liaisonOf(String uscc) {
    return redis.hget(EnterpriseKeys.firm(uscc), "liaisonId").map(r -> r == null ? null : r.toString());
  }

  private static Notice notice(String to, String kind, JsonObject base, String as) {
    return new Notice(to, kind, base.copy().put("as", as));
  }

  private static String str(Object v, String otherwise) {
    if (v == null || v.toString().isEmpty()) {
      return otherwise;
    }
    if (v instanceof Number n) {
      return String.valueOf(n.longValue());
    }
    return v.toString();
  }
}
