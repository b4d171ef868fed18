package cn.enterprisegrid.visit;

import static cn.enterprisegrid.http.Replies.json;

import cn.enterprisegrid.auth.Guard;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.http.ContractRoutes;
import cn.enterprisegrid.grid.GridStore;
import cn.enterprisegrid.http.Bodies;
import cn.enterprisegrid.http.Replies;
import io.vertx.core.json.JsonObject;

/**
 * The console's call-back and ranking API: {@code POST /api/v1/callbacks/sample},
 * {@code GET /api/v1/callbacks}, {@code GET|POST /api/v1/callbacks/{id}},
 * {@code GET /api/v1/reports/liaisons}, {@code GET /api/v1/reports/cells}.
 */
public final class VisitConsoleRoutes {
  private final Callbacks callbacks;
  private final Reports reports;
  private final Guard guard;

  public VisitConsoleRoutes(GridStore grid, Guard guard) {
    this.callbacks = new Callbacks(grid);
    this.reports = new Reports(grid);
    this.guard = guard;
  }

  public void register(ContractRoutes routes) {
    routes.operation("sampleCallbacks", guard.roles(Role.GRID_ADMIN),
        ctx -> json(ctx, 201, callbacks.sample(Guard.principal(ctx), Bodies.object(ctx))));
    routes.operation("listCallbacks", guard.roles(Role.GRID_ADMIN, Role.SUPERVISOR),
        ctx -> json(ctx, 200, callbacks.list(Guard.principal(ctx),
            !"ALL".equals(ctx.request().getParam("status")),
            Replies.intParam(ctx, "limit", 100, 10_000))
            .map(a -> new JsonObject().put("items", a))));
    routes.operation("getCallback", guard.roles(Role.GRID_ADMIN, Role.SUPERVISOR),
        ctx -> json(ctx, 200, callbacks.get(Guard.principal(ctx), ctx.pathParam("id"))));
    routes.operation("recordCallback", guard.roles(Role.GRID_ADMIN),
        ctx -> json(ctx, 200, callbacks.record(Guard.principal(ctx), ctx.pathParam("id"), Bodies.object(ctx))));
    routes.operation("liaisonReport", guard.roles(Role.GRID_ADMIN, Role.SUPERVISOR),
        ctx -> json(ctx, 200, reports.liaisons(Guard.principal(ctx).scope().region())));
    routes.operation("cellReport", guard.roles(Role.GRID_ADMIN, Role.SUPERVISOR),
        ctx -> json(ctx, 200, reports.cells(Guard.principal(ctx).scope().region())));
  }
}
