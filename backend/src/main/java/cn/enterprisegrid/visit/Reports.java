package cn.enterprisegrid.visit;

import cn.enterprisegrid.grid.GridConfig;
import cn.enterprisegrid.grid.GridKeys;
import cn.enterprisegrid.grid.GridStore;
import cn.enterprisegrid.problem.ProblemKeys;
import cn.enterprisegrid.store.ScriptResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rankings of liaisons and cells from measured data only (visits against cadence, overdue firms,
 * call-back confirmations and satisfaction), each row RED or GREEN by the configured thresholds
 * (双色通报), with its firms' open and overdue problems ({@code problems:firms}, kept by the problem
 * scripts: no scan). Ranked by score, unscored rows last.
 */
public final class Reports {
  private static final long DAY_MS = 86_400_000L;

  private final GridStore grid;

  public Reports(GridStore grid) {
    this.grid = grid;
  }

  private Future<JsonObject> raw(String region, GridConfig cfg) {
    JsonObject args = new JsonObject().put("region", region == null ? "" : region)
        .put("now", System.currentTimeMillis()).put("windowMs", cfg.windowDays() * DAY_MS)
        .put("keyCadenceMs", cfg.keyCadenceDays() * DAY_MS).put("cadenceMs", cfg.cadenceDays() * DAY_MS);
    List<String> keys = new ArrayList<>(GridKeys.fixed());
    keys.add(ProblemKeys.FIRMS);
    return grid.store().script("grid_report", keys, List.of(args.encode())).map(ScriptResult::json);
  }

  public Future<JsonObject> liaisons(String region) {
    return grid.config().compose(cfg -> raw(region, cfg).map(raw -> {
      List<JsonObject> rows = new ArrayList<>();
      for (Object o : rows(raw, "liaisons")) {
        JsonArray r = (JsonArray) o;
        Scorecard s = new Scorecard(r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6), r.getLong(7),
            r.getLong(8), r.getLong(9));
        rows.add(new JsonObject().put("liaisonId", r.getString(0)).put("name", r.getString(1))
            .put("unit", r.getString(2)).mergeIn(s.toJson(cfg)).put("openProblems", r.getLong(10))
            .put("overdueProblems", r.getLong(11)));
      }
      return ranked(rows, cfg);
    }));
  }

  public Future<JsonObject> cells(String region) {
    return grid.config().compose(cfg -> raw(region, cfg).map(raw -> {
      List<JsonObject> rows = new ArrayList<>();
      for (Object o : rows(raw, "cells")) {
        JsonArray r = (JsonArray) o;
        long firms = r.getLong(2);
        long unassigned = r.getLong(3);
        Scorecard s = new Scorecard(firms - unassigned, r.getLong(4), r.getLong(5), r.getLong(6), r.getLong(7),
            r.getLong(8), r.getLong(9));
        JsonObject row = new JsonObject().put("cell", r.getString(0)).put("name", r.getString(1))
            .mergeIn(s.toJson(cfg)).put("firms", firms).put("unassigned", unassigned)
            .put("openProblems", r.getLong(10)).put("overdueProblems", r.getLong(11));
        if (unassigned > 0) {
          // a firm without a liaison is the first thing a bulletin must show
          row.getJsonArray("reasons").add("COVERAGE");
          row.put("colour", "RED");
        }
        rows.add(row);
      }
      return ranked(rows, cfg);
    }));
  }

  private static JsonObject ranked(List<JsonObject> rows, GridConfig cfg) {
    rows.sort(Comparator.comparing((JsonObject o) -> o.getDouble("score") == null ? 1 : 0)
        .thenComparing(o -> -(o.getDouble("score") == null ? 0 : o.getDouble("score"))));
    JsonArray items = new JsonArray();
    int rank = 0;
    long red = 0;
    for (JsonObject r : rows) {
      r.put("rank", ++rank);
      if ("RED".equals(r.getString("colour"))) red++;
      items.add(r);
    }
    return new JsonObject().put("thresholds", cfg.toJson()).put("red", red).put("green", rows.size() - red)
        .put("items", items);
  }

  private static JsonArray rows(JsonObject c, String key) {
    Object v = c.getValue(key);
    return v instanceof JsonArray a ? a : new JsonArray();
  }
}
