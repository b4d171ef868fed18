package cn.enterprisegrid.notify;

import cn.enterprisegrid.auth.Guard;
import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.ContractRoutes;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.http.Replies;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The console user's own inbox: {@code GET /api/v1/inbox?limit=&cursor=} (newest first, unread count) and
 * {@code POST /api/v1/inbox/{id}/read}. A console account's notices ({@code account:USERNAME}: new dispatch orders,
 * transfers, deadline warnings, escalations) are the caller's alone; a liaison reads its liaison inbox, the one the
 * mini-program shows. Another account's notice is not found (404), never read or marked.
 */
public final class ConsoleInboxRoutes {
  public static final String OP_LIST = "consoleInbox";
  public static final String OP_READ = "consoleInboxRead";

  private final Guard guard;
  private final Inbox inbox;

  public ConsoleInboxRoutes(Store store, Guard guard) {
    this.guard = guard;
    this.inbox = new Inbox(store);
  }

  /** Registers the two operations of the console contract. */
  public void register(ContractRoutes routes) {
    // every console role but ENTERPRISE (a firm's inbox is the mini-program's)
    routes.operation(OP_LIST, guard.roles(Role.GRID_ADMIN, Role.POLICY_AUTHOR, Role.DEPT_HANDLER, Role.SUPERVISOR,
        Role.LIAISON), this::list);
    routes.operation(OP_READ, guard.roles(Role.GRID_ADMIN, Role.POLICY_AUTHOR, Role.DEPT_HANDLER, Role.SUPERVISOR,
        Role.LIAISON), this::read);
  }

  /** The inbox of a console principal: its account's, or for a liaison its liaison inbox. */
  static String owner(Principal p) {
    if (p.role() == Role.LIAISON && p.scope().liaisonId() != null) {
      return "liaison:" + p.scope().liaisonId();
    }
    return "account:" + p.subject();
  }

  private void list(RoutingContext ctx) {
    int limit = limit(ctx.request().getParam("limit"));
    String cursor = ctx.request().getParam("cursor");
    Long before = null;
    if (cursor != null) {
      try {
        before = Long.parseLong(cursor);
      } catch (NumberFormatException e) {
        throw ProblemException.badRequest("/cursor", Text.of("field.next", "cursor"));
      }
    }
    Replies.json(ctx, 200, inbox.list(owner(Guard.principal(ctx)), before, limit));
  }

  private void read(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    Replies.json(ctx, 200, inbox.read(owner(Guard.principal(ctx)), id).compose(r -> r < 0
        ? Future.failedFuture(ProblemException.notFound(Text.of("notify.no-notification", id)))
        : Future.succeededFuture(new JsonObject().put("id", id).put("read", true).put("first", r == 1))));
  }

  private static int limit(String v) {
    if (v == null) {
      return 20;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= 1 && n <= 100) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ProblemException.badRequest("/limit", Text.of("field.whole-range", "limit", 1, 100));
  }
}
