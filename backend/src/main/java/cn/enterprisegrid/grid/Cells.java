package cn.enterprisegrid.grid;

import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.enterprise.EnterpriseKeys;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.Bodies;
import cn.enterprisegrid.http.Problem.FieldError;
import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.policyindex.reference.Division;
import cn.enterprisegrid.policyindex.reference.DivisionLevel;
import cn.enterprisegrid.policyindex.reference.Divisions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Grid cells: one per division of a county (built from the bundled NBS codes, idempotently), and
 * custom cells (a park) defined by region codes or an explicit list of firms. The most specific
 * cell wins: an explicit firm list, then the longest region-code prefix.
 */
public final class Cells {
  private static final Pattern USCC = Pattern.compile("[0-9A-HJ-NPQRTUWXY]{18}");
  private static final int MAX_NAME = 64;

  private final Vertx vertx;
  private final GridStore grid;

  public Cells(Vertx vertx, GridStore grid) {
    this.vertx = vertx;
    this.grid = grid;
  }

  /** {@code {"countyCode","level"}}: one cell per township or village of the county. */
  public Future<JsonObject> build(Principal admin, JsonObject body) {
    String county = Bodies.requiredString(body, "countyCode");
    String levelName = Bodies.requiredString(body, "level");
    DivisionLevel level = "TOWNSHIP".equals(levelName) ? DivisionLevel.TOWNSHIP
        : "VILLAGE".equals(levelName) ? DivisionLevel.VILLAGE : null;
    if (level == null) {
      throw ProblemException.invalid("/level", Text.of("field.one-of", "level", "TOWNSHIP, VILLAGE"));
    }
    if (!admin.scope().coversRegion(county)) {
      throw new ProblemException(Problem.field(403, "/countyCode",
          Text.of("grid.county-outside", county, admin.scope().region())));
    }
    return vertx.executeBlocking(() -> divisionsOf(county, level), false)
        .compose(cells -> grid.run("build", admin.actor(), new JsonObject().put("county", county)
            .put("level", level.name()).put("cells", cells)))
        .map(r -> r.put("countyCode", county).put("level", level.name()));
  }

  /** The cells a build makes for a county, as {@code [{code,name}]}; 422 for an unknown county. */
  public static JsonArray divisionsOf(String county, DivisionLevel level) {
    Divisions divisions = Divisions.standard();
    if (divisions.level(county).orElse(null) != DivisionLevel.COUNTY) {
      throw ProblemException.invalid("/countyCode", Text.of("grid.county-code"));
    }
    JsonArray cells = new JsonArray();
    for (Division t : divisions.children(county)) {
      if (level == DivisionLevel.TOWNSHIP) {
        cells.add(new JsonObject().put("code", t.code()).put("name", t.name()));
      } else {
        for (Division v : divisions.children(t.code())) {
          cells.add(new JsonObject().put("code", v.code()).put("name", t.name() + v.name()));
        }
      }
    }
    if (cells.isEmpty()) {
      throw ProblemException.invalid("/level", Text.of("grid.no-divisions", level.name(), county));
    }
    return cells;
  }

  /** {@code {"name","regionCodes":[],"firms":[]}}: a custom cell such as an industrial park. */
  public Future<JsonObject> create(Principal admin, JsonObject body) {
    String name = Bodies.requiredString(body, "name");
    List<FieldError> errors = new ArrayList<>();
    if (name.length() > MAX_NAME) {
      errors.add(new FieldError("/name", Text.of("field.max-length", "name", MAX_NAME)));
    }
    List<String> codes = strings(body, "regionCodes", errors);
    List<String> firms = strings(body, "firms", errors);
    if (errors.isEmpty() && codes.isEmpty() && firms.isEmpty()) {
      errors.add(new FieldError("/regionCodes", Text.of("grid.custom-cell")));
    }
    Divisions divisions = Divisions.standard();
    for (int i = 0; i < codes.size(); i++) {
      String c = codes.get(i);
      DivisionLevel l = divisions.level(c).orElse(null);
      if (l == null || l.codeLength() < 6) {
        errors.add(new FieldError("/regionCodes/" + i, Text.of("grid.region-code")));
      } else if (!admin.scope().coversRegion(c)) {
        throw new ProblemException(Problem.field(403, "/regionCodes/" + i, Text.of("grid.region-outside", c)));
      } else if (codes.indexOf(c) != i) {
        errors.add(new FieldError("/regionCodes/" + i, Text.of("grid.region-duplicate")));
      }
    }
    for (int i = 0; i < firms.size(); i++) {
      if (!USCC.matcher(firms.get(i)).matches()) {
        errors.add(new FieldError("/firms/" + i, Text.of("field.uscc", "uscc")));
      } else if (firms.indexOf(firms.get(i)) != i) {
        errors.add(new FieldError("/firms/" + i, Text.of("grid.firm-duplicate")));
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    List<Future<Response>> regions = new ArrayList<>();
    firms.forEach(f -> regions.add(grid.store().api().hget(EnterpriseKeys.firm(f), "region")));
    return Future.all(regions).compose(all -> {
      List<String> all2 = new ArrayList<>(codes);
      for (int i = 0; i < firms.size(); i++) {
        Response r = regions.get(i).result();
        // a firm outside the admin's region is answered like an unknown one: its existence is private
        if (r == null || !admin.scope().coversRegion(r.toString())) {
          throw ProblemException.invalid("/firms/" + i, Text.of("grid.firm-not-in-region", firms.get(i)));
        }
        all2.add(r.toString());
      }
      String region = Regions.commonPrefix(all2);
      return grid.store().api().incr(GridKeys.sequence("cell")).compose(n -> {
        String id = String.format("C%04d", n.toLong());
        return grid.run("cell", admin.actor(), new JsonObject().put("id", id).put("name", name)
            .put("region", region).put("codes", new JsonArray(codes)).put("firms", new JsonArray(firms)))
            .map(r -> r.put("name", name).put("region", region).put("regionCodes", new JsonArray(codes))
                .put("firms", new JsonArray(firms)));
      });
    });
  }

  /** The cells inside the admin's region, ordered by id. */
  public Future<JsonArray> list(Principal p) {
    return grid.store().api().smembers(GridKeys.CELLS).compose(ids -> {
      List<Future<Map<String, String>>> all = new ArrayList<>();
      ids.forEach(id -> all.add(grid.cell(id.toString())));
      return Future.all(all).map(cf -> {
        List<Map<String, String>> rows = new ArrayList<>();
        all.forEach(f -> {
          Map<String, String> h = f.result();
          if (!h.isEmpty() && p.scope().coversRegion(h.get("region"))) {
            rows.add(h);
          }
        });
        rows.sort(Comparator.comparing(h -> h.get("id")));
        JsonArray out = new JsonArray();
        rows.forEach(h -> out.add(new JsonObject().put("id", h.get("id")).put("name", h.get("name"))
            .put("kind", h.get("kind")).put("level", h.get("level")).put("region", h.get("region"))
            .put("regionCodes", codes(h.get("codes")))));
        return out;
      });
    });
  }

  /** A stored list of codes (cjson writes an empty list as {}). */
  private static JsonArray codes(String json) {
    return json == null || !json.startsWith("[") ? new JsonArray() : new JsonArray(json);
  }

  private static List<String> strings(JsonObject body, String field, List<FieldError> errors) {
    Object v = body.getValue(field);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof JsonArray arr)) {
      errors.add(new FieldError("/" + field, Text.of("field.strings", field)));
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < arr.size(); i++) {
      if (arr.getValue(i) instanceof String s && !s.isBlank()) {
        out.add(s);
      } else {
        errors.add(new FieldError("/" + field + "/" + i, Text.of("field.element-non-blank")));
      }
    }
    return out;
  }
}
