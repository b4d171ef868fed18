package cn.enterprisegrid.notify;

import cn.enterprisegrid.audit.AuditKeys;
import cn.enterprisegrid.auth.Guard;
import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.ContractRoutes;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.http.Replies;
import cn.enterprisegrid.http.StreamCursor;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Response;

import java.util.List;

/**
 * Console operations of notifications: {@code GET /api/v1/reports/funnel?policy=&department=} (GRID_ADMIN,
 * SUPERVISOR; POLICY_AUTHOR for its own department), the dead letters
 * ({@code GET /api/v1/notifications/dead-letters?limit=&cursor=}, {@code POST .../{id}/replay}, GRID_ADMIN) and
 * {@code GET /api/v1/notifications/stats} (GRID_ADMIN, SUPERVISOR).
 */
public final class NotifyConsoleRoutes {

  private final Store store;
  private final Guard guard;
  private final Funnel funnel;

  /** Routes on the backend's Redis, guarded by {@code guard}. */
  public NotifyConsoleRoutes(Store store, Guard guard) {
    this.store = store;
    this.guard = guard;
    this.funnel = new Funnel(store);
  }

  /** Registers the four operations of the console contract. */
  public void register(ContractRoutes routes) {
    routes.operation("funnelReport", guard.roles(Role.GRID_ADMIN, Role.SUPERVISOR, Role.POLICY_AUTHOR), this::funnel);
    routes.operation("deadLetters", guard.roles(Role.GRID_ADMIN), this::dead);
    routes.operation("replayDeadLetter", guard.roles(Role.GRID_ADMIN), this::replay);
    routes.operation("notifyStats", guard.roles(Role.GRID_ADMIN, Role.SUPERVISOR), this::stats);
  }

  private void funnel(RoutingContext ctx) {
    Principal p = Guard.principal(ctx);
    String department = ctx.request().getParam("department");
    if (p.role() == Role.POLICY_AUTHOR) {
      String own = p.scope().department();
      if (department != null && !department.equals(own)) {
        throw ProblemException.forbidden(Text.of("notify.funnel-own-department"));
      }
      department = own;
    }
    Replies.json(ctx, 200, funnel.report(blankToNull(ctx.request().getParam("policy")), blankToNull(department)));
  }

  /** Newest first; {@code next} pages on. */
  private void dead(RoutingContext ctx) {
    int limit = limit(ctx.request().getParam("limit"));
    String cursor = StreamCursor.param(ctx, "cursor");
    String hi = cursor == null ? "+" : "(" + cursor;
    Replies.json(ctx, 200, Future.all(
            store.api().xrevrange(List.of(NotifyKeys.DEAD, hi, "-", "COUNT", String.valueOf(limit))),
            store.api().xlen(NotifyKeys.DEAD))
        .map(all -> {
          Response r = all.resultAt(0);
          JsonArray items = new JsonArray();
          for (Response entry : r) {
            OutboxEntry e = OutboxEntry.parse(entry);
            if (e != null) {
              items.add(e.fieldsJson().put("id", e.id()));
            }
          }
          String next = items.size() == limit ? items.getJsonObject(limit - 1).getString("id") : null;
          return new JsonObject().put("items", items).put("total", all.<Response>resultAt(1).toLong())
              .put("next", next);
        }));
  }

  private void replay(RoutingContext ctx) {
    String id = StreamCursor.parse(ctx.pathParam("id"));
    if (id == null) {
      throw ProblemException.notFound(Text.of("notify.no-dead-letter", ctx.pathParam("id")));
    }
    String actor = Guard.principal(ctx).actor();
    List<String> keys = AuditKeys.with(List.of(NotifyKeys.DEAD, NotifyKeys.OUTBOX),
        AuditKeys.journal(actor, "notification:dead:" + id));
    Replies.json(ctx, 200, store.script("notify_replay", keys, List.of(id, actor))
        .compose(r -> !r.ok()
            ? Future.failedFuture(ProblemException.notFound(Text.of("notify.no-dead-letter", id)))
            : Future.succeededFuture(new JsonObject().put("id", id).put("replayedAs", r.string()))));
  }

  private void stats(RoutingContext ctx) {
    Replies.json(ctx, 200, Future.all(store.api().hgetall(NotifyKeys.STATS),
            store.api().xlen(NotifyKeys.OUTBOX), store.api().xlen(NotifyKeys.DEAD),
            store.api().zcard(NotifyKeys.RETRY), store.api().zcard(NotifyKeys.DUE),
            store.api().xpending(List.of(NotifyKeys.OUTBOX, NotifyKeys.GROUP)).otherwise((Response) null))
        .map(all -> {
          JsonObject counters = new JsonObject();
          Response s = all.resultAt(0);
          if (s != null) {
            for (String k : s.getKeys()) {
              counters.put(k, s.get(k).toLong());
            }
          }
          Response pending = all.resultAt(5);
          return new JsonObject().put("counters", counters)
              .put("outboxLength", all.<Response>resultAt(1).toLong())
              .put("pending", pending == null ? 0 : pending.get(0).toLong())
              .put("deadLetters", all.<Response>resultAt(2).toLong())
              .put("retriesWaiting", all.<Response>resultAt(3).toLong())
              .put("recipientsDue", all.<Response>resultAt(4).toLong());
        }));
  }

  private static int limit(String v) {
    if (v == null) {
      return 50;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= 1 && n <= 500) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ProblemException.badRequest("/limit", Text.of("field.whole-range", "limit", 1, 500));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
