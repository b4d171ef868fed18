package cn.enterprisegrid.audit;

import cn.enterprisegrid.auth.Guard;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.http.ContractRoutes;
import cn.enterprisegrid.http.ProblemException;
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
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/audit?target=&actor=&from=&to=&limit=&cursor=}: the audit trail, newest first,
 * for grid admins and supervisors. Entries are written by the mutation scripts themselves (see
 * {@code lua/include/journal.lua}), so every change has exactly one entry.
 */
public final class AuditConsoleRoutes {
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final Pattern STREAM_ID = Pattern.compile("\\d{1,20}-\\d{1,20}");

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
    String cursor = param(ctx, "cursor");
    if (cursor != null && !STREAM_ID.matcher(cursor).matches()) {
      throw ProblemException.badRequest("/cursor", "cursor must be the `next` value of a previous page");
    }
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
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** Epoch millis of an ISO instant or a date (whole day, China time); the bound's default when null. */
  static long time(String v, String name, boolean upper) {
    if (v == null) {
      return upper ? Long.MAX_VALUE : 0;
    }
    try {
      if (v.length() == 10) {
        LocalDate d = LocalDate.parse(v);
        return (upper ? d.plusDays(1) : d).atStartOfDay(CHINA).toInstant().toEpochMilli() - (upper ? 1 : 0);
      }
      return Instant.parse(v).toEpochMilli();
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest("/" + name,
          name + " must be a date (2026-11-22) or an instant (2026-11-22T08:00:00Z)");
    }
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
