package cn.enterprisegrid.audit;

import cn.enterprisegrid.auth.AccountKeys;
import cn.enterprisegrid.auth.Guard;
import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.enterprise.EnterpriseStore;
import cn.enterprisegrid.grid.GridStore;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.problem.ProblemKeys;
import io.vertx.core.Future;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/audit?target=&actor=&from=&to=&limit=&cursor=}: the audit trail, newest first,
 * for grid admins and supervisors; an account of a region reads the entries of the firms, problems
 * and accounts of its region only (a page may come back thinner than {@code limit}; {@code next}
 * still leads on). Entries are written by the mutation scripts themselves (see
 * {@code lua/include/journal.lua}), so every change has exactly one entry.
 */
public final class AuditConsoleRoutes {
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final java.util.regex.Pattern MOBILE = java.util.regex.Pattern.compile("1[3-9]\\d{9}");

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
    Principal p = Guard.principal(ctx);
    if (p.scope().region() == null || target == null) {
      run(ctx, target, p);
      return;
    }
    // a township's admin or supervisor reads the trail of what lies in its region only
    regionOf(target).onSuccess(region -> {
      if (region == null || !p.scope().coversRegion(region)) {
        ctx.fail(new ProblemException(Problem.field(403, "/target", Text.of("audit.target-outside-region"))));
      } else {
        run(ctx, target, p);
      }
    }).onFailure(ctx::fail);
  }

  /**
   * The region code of an audited firm, problem, liaison or account (its scope's region); null for anything
   * else, which only accounts of the whole territory read.
   */
  private Future<String> regionOf(String target) {
    if (target.startsWith("enterprise:")) {
      return EnterpriseStore.regionCode(store, target.substring("enterprise:".length()));
    }
    if (target.startsWith("problem:")) {
      return store.api().hget(ProblemKeys.problem(target.substring("problem:".length())), "township")
          .map(r -> r == null ? null : r.toString());
    }
    if (target.startsWith("liaison:")) {
      return GridStore.liaisonRegion(store, target.substring("liaison:".length()));
    }
    if (target.startsWith("account:")) {
      return store.api().hget(AccountKeys.account(target.substring("account:".length())), "scope")
          .map(r -> r == null ? null : new JsonObject(r.toString()).getString("region"));
    }
    return Future.succeededFuture(null);
  }

  /** Keeps the entries whose target lies in {@code p}'s region (all of them for the whole territory). */
  private Future<JsonArray> visible(JsonArray entries, Principal p) {
    if (p.scope().region() == null || entries.isEmpty()) {
      return Future.succeededFuture(entries);
    }
    Map<String, Future<String>> regions = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      String t = entries.getJsonObject(i).getString("target");
      if (t != null) {
        regions.computeIfAbsent(t, this::regionOf);
      }
    }
    return Future.all(new ArrayList<>(regions.values())).map(v -> {
      JsonArray out = new JsonArray();
      for (int i = 0; i < entries.size(); i++) {
        JsonObject e = entries.getJsonObject(i);
        Future<String> r = regions.get(e.getString("target"));
        if (r != null && r.result() != null && p.scope().coversRegion(r.result())) {
          out.add(e);
        }
      }
      return out;
    });
  }

  private void run(RoutingContext ctx, String target, Principal p) {
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
          // the cursor follows what was read, so a page thinned by the region still leads to the next
          String next = entries.size() == limit ? entries.getJsonObject(limit - 1).getString("id") : null;
          visible(entries, p).onSuccess(shown -> ctx.json(new JsonObject().put("entries", shown).put("next", next)))
              .onFailure(ctx::fail);
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
        json.put(name, value.isEmpty() ? null : masked(parse(value)));
      } else {
        json.put(name, value);
      }
    }
    return json;
  }

  /**
   * The values with every mainland mobile number masked (138****5678): the trail says a number
   * changed and who changed it; whoever needs the number reads it where it belongs (the liaison).
   */
  static Object masked(Object value) {
    if (value instanceof String s) {
      return MOBILE.matcher(s).matches() ? s.substring(0, 3) + "****" + s.substring(7) : s;
    }
    if (value instanceof JsonObject o) {
      JsonObject out = new JsonObject();
      o.forEach(e -> out.put(e.getKey(), masked(e.getValue())));
      return out;
    }
    if (value instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      a.forEach(v -> out.add(masked(v)));
      return out;
    }
    return value;
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
      throw ProblemException.badRequest("/" + name, Text.of("audit.time", name));
    }
    if (ms < 0 || ms == Long.MAX_VALUE) {
      throw ProblemException.badRequest("/" + name, Text.of("audit.time-epoch", name));
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
    throw ProblemException.badRequest("/limit", Text.of("field.whole-range", "limit", 1, 1000));
  }
}
