package cn.enterprisegrid.audit;

import cn.enterprisegrid.auth.Guard;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.http.ContractRoutes;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.http.StreamCursor;
import cn.enterprisegrid.store.Store;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code GET /api/v1/audit?target=&actor=&from=&to=&limit=&cursor=}: the audit trail, newest first,
 * for grid admins and supervisors. Entries are written by the mutation scripts themselves (see
 * {@code lua/include/journal.lua}), so every change has exactly one entry.
 */
public final class AuditConsoleRoutes {
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private final Store store;
  private final Guard guard;

  public AuditConsoleRoutes(Store store, Guard guard) {
    this.store = store;
    this.guard = guard;
  }

  public void register(ContractRoutes routes) {
    routes.operation("queryAudit", guard.roles(Role.GRID_ADMIN, Role.SUPERVISOR), this::query);
  }

  private void query(RoutingContext ctx) {
    String target = param(ctx, "target");
    String actor = param(ctx, "actor");
    long from = time(param(ctx, "from"), "from", false);
    long to = time(param(ctx, "to"), "to", true);
    int limit = limit(param(ctx, "limit"));
    String cursor = StreamCursor.param(ctx, "cursor");
    String index = target != null ? AuditKeys.target(target) : actor != null ? AuditKeys.actor(actor) : AuditKeys.STREAM;
    String actorFilter = target != null && actor != null ? actor : "";
    String hi = cursor != null ? "(" + cursor : to == Long.MAX_VALUE ? "+" : to + "-18446744073709551615";
    String lo = from == 0 ? "-" : from + "-0";
    store.script("audit_query", List.of(index, AuditKeys.STREAM), List.of(hi, lo, String.valueOf(limit), actorFilter))
        .onSuccess(r -> {
          JsonArray entries = new JsonArray();
          for (Object e : r.list()) {
            JsonArray pair = (JsonArray) e;
            entries.add(entry(pair.getString(0), pair.getJsonArray(1)));
          }
          String next = entries.size() == limit ? entries.getJsonObject(limit - 1).getString("id") : null;
          ctx.json(new JsonObject().put("entries", entries).put("next", next));
        })
        .onFailure(ctx::fail);
  }

  private static JsonObject entry(String id, JsonArray fields) {
    JsonObject json = new JsonObject().put("id", id)
        .put("at", Instant.ofEpochMilli(Long.parseLong(id.substring(0, id.indexOf('-')))).toString());
    for (int i = 0; i + 1 < fields.size(); i += 2) {
      String name = fields.getString(i);
      String value = fields.getString(i + 1);
      if (name.equals("before") || name.equals("after")) {
        json.put(name, value.isEmpty() ? null : parse(value));
      } else {
        json.put(name, value);
      }
    }
    return json;
  }

  private static Object parse(String value) {
    try {
      return Json.decodeValue(value);
    } catch (DecodeException e) {
      return value;
    }
  }

  private static String param(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    // trimmed first: trim() also drops control characters (a lone %00), which isBlank() does not
    String t = v == null ? null : v.trim();
    return t == null || t.isEmpty() ? null : t;
  }

  /**
   * Epoch millis of an ISO instant or a date (whole day, China time); the bound's default when null.
   * A time before 1970 or past what a stream id holds is refused: it would make a stream id Redis
   * rejects ({@code -1-0}), not an empty page.
   */
  static long time(String v, String name, boolean upper) {
    if (v == null) {
      return upper ? Long.MAX_VALUE : 0;
    }
    long ms;
    try {
      if (v.length() == 10) {
        LocalDate d = LocalDate.parse(v);
        ms = (upper ? d.plusDays(1) : d).atStartOfDay(CHINA).toInstant().toEpochMilli() - (upper ? 1 : 0);
      } else {
        ms = Instant.parse(v).toEpochMilli();
      }
    } catch (DateTimeParseException | ArithmeticException e) {
      throw ProblemException.badRequest("/" + name,
          "查询参数 " + name + " 须为日期（2026-11-22）或时刻（2026-11-22T08:00:00Z）");
    }
    if (ms < 0 || ms == Long.MAX_VALUE) {
      throw ProblemException.badRequest("/" + name, "查询参数 " + name + " 须在 1970-01-01 之后");
    }
    return ms;
  }

  private static int limit(String v) {
    if (v == null) {
      return 100;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= 1 && n <= 1000) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // fall through to the problem below
    }
    throw ProblemException.badRequest("/limit", "limit must be a whole number from 1 to 1000");
  }
}
