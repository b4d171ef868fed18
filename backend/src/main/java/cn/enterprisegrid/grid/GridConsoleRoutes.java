package cn.enterprisegrid.grid;

import static cn.enterprisegrid.http.Replies.json;

import cn.enterprisegrid.auth.Guard;
import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.enterprise.EnterpriseKeys;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.Bodies;
import cn.enterprisegrid.http.ContractRoutes;
import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.http.Replies;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The console's grid API: cells ({@code /api/v1/grid/build}, {@code /api/v1/grid/cells}),
 * liaisons ({@code /api/v1/liaisons}), assignment ({@code /api/v1/grid/assign},
 * {@code /api/v1/grid/reassign}), {@code /api/v1/grid/coverage} and {@code /api/v1/grid/config}.
 * Grid admins act within their region; supervisors read.
 */
public final class GridConsoleRoutes {
  private static final int MAX_LIMIT = 10_000;

  private final GridStore grid;
  private final Cells cells;
  private final Liaisons liaisons;
  private final GridSync sync;
  private final Guard guard;

  public GridConsoleRoutes(Vertx vertx, GridStore grid, Guard guard) {
    this.grid = grid;
    this.cells = new Cells(vertx, grid);
    this.liaisons = new Liaisons(vertx, grid);
    this.sync = new GridSync(grid);
    this.guard = guard;
  }

  public void register(ContractRoutes routes) {
    routes.operation("buildGrid", guard.roles(Role.GRID_ADMIN),
        ctx -> json(ctx, 200, cells.build(Guard.principal(ctx), Bodies.object(ctx))));
    routes.operation("createCell", guard.roles(Role.GRID_ADMIN),
        ctx -> json(ctx, 201, cells.create(Guard.principal(ctx), Bodies.object(ctx))));
    routes.operation("listCells", guard.roles(Role.GRID_ADMIN, Role.SUPERVISOR),
        ctx -> json(ctx, 200, cells.list(Guard.principal(ctx)).map(a -> new JsonObject().put("items", a))));
    routes.operation("assignGrid", guard.roles(Role.GRID_ADMIN), this::assign);
    routes.operation("reassignFirm", guard.roles(Role.GRID_ADMIN), this::reassign);
    routes.operation("gridCoverage", guard.roles(Role.GRID_ADMIN, Role.SUPERVISOR), this::coverage);
    routes.operation("getGridConfig", guard.roles(Role.GRID_ADMIN, Role.SUPERVISOR),
        ctx -> json(ctx, 200, grid.config().map(GridConfig::toJson)));
    routes.operation("putGridConfig", guard.roles(Role.GRID_ADMIN), this::putConfig);

    routes.operation("createLiaison", guard.roles(Role.GRID_ADMIN),
        ctx -> json(ctx, 201, liaisons.create(Guard.principal(ctx), Bodies.object(ctx))));
    routes.operation("listLiaisons", guard.roles(Role.GRID_ADMIN, Role.SUPERVISOR),
        ctx -> json(ctx, 200, liaisons.list(Guard.principal(ctx),
            !"false".equals(ctx.request().getParam("active"))).map(a -> new JsonObject().put("items", a))));
    // the region's grid admin calls its liaisons; oversight reads who they are, not their numbers
    routes.operation("getLiaison", guard.roles(Role.GRID_ADMIN, Role.SUPERVISOR),
        ctx -> json(ctx, 200, visible(ctx).map(l -> l.toJson(!Guard.principal(ctx).has(Role.GRID_ADMIN)))));
    routes.operation("updateLiaison", guard.roles(Role.GRID_ADMIN),
        ctx -> {
          JsonObject body = Bodies.object(ctx);
          json(ctx, 200, visible(ctx).compose(l -> liaisons.update(Guard.principal(ctx), l.id(), body)));
        });
    routes.operation("deactivateLiaison", guard.roles(Role.GRID_ADMIN),
        ctx -> {
          JsonObject body = ctx.body().buffer() == null || ctx.body().length() == 0 ? new JsonObject() : Bodies.object(ctx);
          String reason = Bodies.optionalString(body, "reason", "");
          if (reason != null && reason.length() > 500) {
            throw ProblemException.invalid("/reason", Text.of("field.max-length", "reason", 500));
          }
          json(ctx, 200, visible(ctx).compose(l -> liaisons.deactivate(Guard.principal(ctx), l.id(), reason)));
        });
  }

  /** The liaison of the path when the principal's region holds it; 404 otherwise (existence is private). */
  private Future<Liaison> visible(RoutingContext ctx) {
    Principal p = Guard.principal(ctx);
    return liaisons.get(ctx.pathParam("id")).map(l -> {
      if (!p.scope().coversRegion(l.region())) {
        throw ProblemException.notFound(Text.of("auth.no-liaison", l.id()));
      }
      return l;
    });
  }

  private void assign(RoutingContext ctx) {
    Principal p = Guard.principal(ctx);
    // the sync is territory-wide and idempotent: it only brings the grid up to date with the registry
    json(ctx, 200, sync.run(p.actor()).compose(r -> grid.coverage(p.scope().region(), 0, GridStore.CoveragePage.NONE)
        .map(c -> r.toJson().put("firms", c.getLong("firms"))
            .put("unassigned", c.getLong("noCell") + c.getLong("noCapacity")))));
  }

  private void reassign(RoutingContext ctx) {
    Principal p = Guard.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    String uscc = Bodies.requiredString(body, "uscc");
    String liaisonId = Bodies.requiredString(body, "liaisonId");
    String reason = Bodies.requiredString(body, "reason");
    if (reason.length() > 500) {
      throw ProblemException.invalid("/reason", Text.of("field.max-length", "reason", 500));
    }
    json(ctx, 200, grid.store().api().hget(EnterpriseKeys.firm(uscc), "region").compose(region -> {
      if (region == null || !p.scope().coversRegion(region.toString())) {
        return Future.failedFuture(ProblemException.notFound(Text.of("auth.no-firm", uscc)));
      }
      return liaisons.get(liaisonId).recover(e -> Future.failedFuture(
          ProblemException.invalid("/liaisonId", Text.of("auth.no-liaison", liaisonId))));
    }).compose(l -> grid.run("reassign", p.actor(), new JsonObject().put("uscc", uscc)
        .put("liaisonId", liaisonId).put("reason", reason))));
  }

  private void coverage(RoutingContext ctx) {
    Principal p = Guard.principal(ctx);
    int limit = Replies.intParam(ctx, "limit", 100, MAX_LIMIT);
    GridStore.CoveragePage page = new GridStore.CoveragePage(
        cursorParam(ctx, "cellsAfter"), Replies.intParam(ctx, "cellsLimit", GridStore.CoveragePage.DEFAULT_LIMIT, MAX_LIMIT),
        cursorParam(ctx, "liaisonsAfter"), Replies.intParam(ctx, "liaisonsLimit", GridStore.CoveragePage.DEFAULT_LIMIT, MAX_LIMIT));
    json(ctx, 200, grid.coverage(p.scope().region(), limit, page).map(GridConsoleRoutes::coverageJson));
  }

  /** A paging cursor (an id the previous page ended with); '' when absent. */
  private static String cursorParam(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    if (v == null) {
      return "";
    }
    if (v.length() > 64) {
      throw ProblemException.badRequest("/" + name, Text.of("field.id", name));
    }
    return v;
  }

  /** Turns the script's compact rows into the API's objects. */
  static JsonObject coverageJson(JsonObject c) {
    long noCell = c.getLong("noCell");
    long noCapacity = c.getLong("noCapacity");
    long firms = c.getLong("firms");
    JsonArray cellRows = new JsonArray();
    for (Object o : rows(c, "cells")) {
      JsonArray r = (JsonArray) o;
      cellRows.add(new JsonObject().put("cell", r.getString(0)).put("firms", r.getLong(1))
          .put("assigned", r.getLong(2)).put("unassigned", r.getLong(3)).put("liaisons", r.getLong(4)));
    }
    JsonArray liaisonRows = new JsonArray();
    for (Object o : rows(c, "liaisons")) {
      JsonArray r = (JsonArray) o;
      liaisonRows.add(new JsonObject().put("liaisonId", r.getString(0)).put("load", r.getLong(1))
          .put("capacity", r.getLong(2)).put("senior", r.getBoolean(3)));
    }
    JsonArray unassigned = new JsonArray();
    for (Object o : rows(c, "unassigned")) {
      JsonArray r = (JsonArray) o;
      JsonObject u = new JsonObject().put("uscc", r.getString(0)).put("reason", r.getString(1));
      if (!r.getString(2).isEmpty()) {
        u.put("cell", r.getString(2));
      }
      unassigned.add(u);
    }
    String nextCells = c.getString("nextCells", "");
    String nextLiaisons = c.getString("nextLiaisons", "");
    return new JsonObject()
        .put("totals", new JsonObject().put("firms", firms).put("assigned", firms - noCell - noCapacity)
            .put("unassigned", noCell + noCapacity).put("noCell", noCell).put("noCapacity", noCapacity)
            .put("cells", c.getLong("cellCount", (long) cellRows.size()))
            .put("liaisons", c.getLong("liaisonCount", (long) liaisonRows.size())))
        .put("unassigned", unassigned).put("cells", cellRows).put("liaisons", liaisonRows)
        .put("next", new JsonObject().put("cells", nextCells.isEmpty() ? null : nextCells)
            .put("liaisons", nextLiaisons.isEmpty() ? null : nextLiaisons));
  }

  /** A list member of a script answer (cjson encodes an empty table as an object). */
  static JsonArray rows(JsonObject c, String key) {
    Object v = c.getValue(key);
    return v instanceof JsonArray a ? a : new JsonArray();
  }

  private void putConfig(RoutingContext ctx) {
    Principal p = Guard.principal(ctx);
    if (p.scope().region() != null) {
      throw ProblemException.forbidden(Text.of("grid.config-admin-only"));
    }
    JsonObject body = Bodies.object(ctx);
    List<Problem.FieldError> errors = new ArrayList<>();
    Map<String, String> set = GridConfig.patch(body, errors);
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    JsonObject args = new JsonObject();
    set.forEach(args::put);
    json(ctx, 200, grid.run("config", p.actor(), args).compose(v -> grid.config()).map(GridConfig::toJson));
  }
}
