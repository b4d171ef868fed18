package cn.enterprisegrid.grid;

import cn.enterprisegrid.auth.AccountStore;
import cn.enterprisegrid.auth.Passwords;
import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.auth.Scope;
import cn.enterprisegrid.auth.Usernames;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.Problem.FieldError;
import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Liaisons: create (with their LIAISON login, scope {liaisonId, region}), edit, deactivate. Every
 * change that frees or adds capacity or cells redistributes firms in the same grid script.
 */
public final class Liaisons {
  private static final Pattern PHONE = Pattern.compile("1[3-9]\\d{9}");
  static final int MAX_CAPACITY = 100_000;

  private final Vertx vertx;
  private final GridStore grid;
  private final AccountStore accounts;

  public Liaisons(Vertx vertx, GridStore grid) {
    this.vertx = vertx;
    this.grid = grid;
    this.accounts = new AccountStore(grid.store());
  }

  /** The validated fields of a create or edit request. */
  record Fields(String name, String phone, String unit, Rank rank, Integer capacity, List<String> cells) {}

  static Fields fields(JsonObject body, boolean create) {
    List<FieldError> errors = new ArrayList<>();
    String name = text(body, "name", 32, create, errors);
    String unit = text(body, "unit", 64, create, errors);
    String phone = text(body, "phone", 11, create, errors);
    if (phone != null && !PHONE.matcher(phone).matches()) {
      errors.add(new FieldError("/phone", Text.of("field.mobile", "phone")));
    }
    String rankName = text(body, "rank", 16, create, errors);
    Rank rank = rankName == null ? null : Rank.parse(rankName);
    if (rankName != null && rank == null) {
      errors.add(new FieldError("/rank", Text.of("field.one-of", "rank", List.of(Rank.values()))));
    }
    Integer capacity = null;
    Object cap = body.getValue("capacity");
    if (cap == null) {
      if (create) errors.add(new FieldError("/capacity", Text.of("field.required", "capacity")));
    } else if (!(cap instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
        || n.longValue() < 0 || n.longValue() > MAX_CAPACITY) {
      errors.add(new FieldError("/capacity", Text.of("field.whole-range", "capacity", 0, MAX_CAPACITY)));
    } else {
      capacity = n.intValue();
    }
    List<String> cells = null;
    Object c = body.getValue("cells");
    if (c == null) {
      if (create) errors.add(new FieldError("/cells", Text.of("field.required", "cells")));
    } else if (!(c instanceof JsonArray arr) || arr.isEmpty()) {
      errors.add(new FieldError("/cells", Text.of("grid.cells-array")));
    } else {
      cells = new ArrayList<>();
      for (int i = 0; i < arr.size(); i++) {
        if (arr.getValue(i) instanceof String s && !s.isBlank() && !cells.contains(s)) {
          cells.add(s);
        } else {
          errors.add(new FieldError("/cells/" + i, Text.of("grid.cell-distinct")));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return new Fields(name, phone, unit, rank, capacity, cells);
  }

  /** The region the cells span (their common prefix); 422/403 when a cell is unknown or outside. */
  private Future<String> regionOf(Principal admin, List<String> cells) {
    List<Future<Map<String, String>>> all = new ArrayList<>();
    cells.forEach(id -> all.add(grid.cell(id)));
    return Future.all(all).map(cf -> {
      List<String> regions = new ArrayList<>();
      for (int i = 0; i < cells.size(); i++) {
        Map<String, String> h = all.get(i).result();
        if (h.isEmpty()) {
          throw ProblemException.invalid("/cells/" + i, Text.of("grid.cell-unknown", cells.get(i)));
        }
        if (!admin.scope().coversRegion(h.get("region"))) {
          throw new ProblemException(Problem.field(403, "/cells/" + i, Text.of("grid.cell-outside", cells.get(i))));
        }
        regions.add(h.get("region"));
      }
      return Regions.commonPrefix(regions);
    });
  }

  /**
   * Creates a liaison and its login. The password is the request's, or generated and returned once
   * in {@code password}. The account is created first: a login whose liaison does not exist sees
   * nothing, whereas a liaison without its login would be unusable.
   */
  public Future<JsonObject> create(Principal admin, JsonObject body) {
    Fields f = fields(body, true);
    String requestedUser = body.getValue("username") instanceof String s ? s : null;
    if (body.getValue("username") != null && !Usernames.valid(requestedUser)) {
      throw Usernames.invalid();
    }
    String requestedPassword = body.getValue("password") instanceof String s ? s : null;
    if (body.getValue("password") != null && (requestedPassword == null || requestedPassword.length() < 8
        || requestedPassword.length() > 128)) {
      throw ProblemException.invalid("/password", Text.of("auth.password-length"));
    }
    String password = requestedPassword != null ? requestedPassword : Passwords.generate();
    return regionOf(admin, f.cells()).compose(region -> grid.store().api().incr(GridKeys.sequence("liaison"))
        .compose(n -> {
          String id = String.format("L%04d", n.toLong());
          String username = requestedUser != null ? requestedUser : "liaison." + id.toLowerCase();
          return vertx.executeBlocking(() -> Passwords.hash(password), false)
              .compose(hash -> accounts.create(username, Role.LIAISON, new Scope(region, null, id, null), hash,
                  admin.actor()))
              .compose(created -> created ? insert(admin.actor(), id, f, region, username)
                  : Future.failedFuture(ProblemException.conflict("account-exists",
                      Text.of("auth.account-exists", username))))
              .compose(v -> get(id))
              .map(l -> {
                JsonObject out = l.toJson(false);
                if (requestedPassword == null) {
                  out.put("password", password);
                }
                return out;
              });
        }));
  }

  /** Writes the liaison record (the demo uses it directly for accounts it already has). */
  public Future<JsonObject> insert(String actor, String id, Fields f, String region, String username) {
    return grid.run("liaison_create", actor, new JsonObject().put("id", id).put("name", f.name())
        .put("phone", f.phone()).put("unit", f.unit()).put("rank", f.rank().name())
        .put("senior", f.rank().senior()).put("capacity", f.capacity()).put("cells", new JsonArray(f.cells()))
        .put("region", region).put("username", username));
  }

  /** Edits name, phone, unit, rank, capacity or cells; redistributes what no longer fits. */
  public Future<JsonObject> update(Principal admin, String id, JsonObject body) {
    Fields f = fields(body, false);
    JsonObject args = new JsonObject().put("id", id);
    if (f.name() != null) args.put("name", f.name());
    if (f.phone() != null) args.put("phone", f.phone());
    if (f.unit() != null) args.put("unit", f.unit());
    if (f.rank() != null) args.put("rank", f.rank().name()).put("senior", f.rank().senior());
    if (f.capacity() != null) args.put("capacity", f.capacity());
    Future<Void> cells = Future.succeededFuture();
    if (f.cells() != null) {
      args.put("cells", new JsonArray(f.cells()));
      cells = regionOf(admin, f.cells()).map(region -> {
        args.put("regionAfter", region);
        return null;
      });
    }
    return cells.compose(v -> grid.run("liaison_update", admin.actor(), args))
        .compose(r -> get(id).map(l -> l.toJson(false).put("released", r.getLong("released"))
            .put("assigned", r.getLong("assigned"))));
  }

  /** Deactivates the liaison and redistributes all its firms in one script. */
  public Future<JsonObject> deactivate(Principal admin, String id, String reason) {
    return grid.run("liaison_deactivate", admin.actor(), new JsonObject().put("id", id).put("reason", reason));
  }

  /** One liaison with its load; 404 when unknown. */
  public Future<Liaison> get(String id) {
    return grid.liaison(id).compose(h -> grid.store().api().scard(GridKeys.liaisonFirms(id))
        .map(n -> {
          Liaison l = Liaison.from(h, n.toLong());
          if (l == null) {
            throw ProblemException.notFound(Text.of("auth.no-liaison", id));
          }
          return l;
        }));
  }

  /** The liaisons inside the principal's region (phones masked), ordered by id. */
  public Future<JsonArray> list(Principal p, boolean activeOnly) {
    return grid.store().api().smembers(activeOnly ? GridKeys.ACTIVE_LIAISONS : GridKeys.LIAISONS).compose(ids -> {
      List<Future<Liaison>> all = new ArrayList<>();
      ids.forEach(id -> all.add(get(id.toString())));
      return Future.all(all).map(cf -> {
        List<Liaison> rows = new ArrayList<>();
        all.forEach(l -> {
          if (p.scope().coversRegion(l.result().region())) {
            rows.add(l.result());
          }
        });
        rows.sort(Comparator.comparing(Liaison::id));
        JsonArray out = new JsonArray();
        rows.forEach(l -> out.add(l.toJson(true)));
        return out;
      });
    });
  }

  private static String text(JsonObject body, String field, int max, boolean required, List<FieldError> errors) {
    Object v = body.getValue(field);
    if (v == null) {
      if (required) errors.add(new FieldError("/" + field, Text.of("field.required", field)));
      return null;
    }
    if (!(v instanceof String s) || s.isBlank()) {
      errors.add(new FieldError("/" + field, Text.of("field.non-blank-string", field)));
      return null;
    }
    if (s.length() > max) {
      errors.add(new FieldError("/" + field, Text.of("field.max-length", field, max)));
      return null;
    }
    return s.trim();
  }
}
