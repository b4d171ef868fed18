package cn.enterprisegrid.visit;

import cn.enterprisegrid.audit.AuditKeys;
import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.enterprise.EnterpriseKeys;
import cn.enterprisegrid.enterprise.EnterpriseStore;
import cn.enterprisegrid.enterprise.StoredEnterprise;
import cn.enterprisegrid.grid.GridConfig;
import cn.enterprisegrid.grid.GridKeys;
import cn.enterprisegrid.grid.GridStore;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.Problem.FieldError;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.problem.Categories;
import cn.enterprisegrid.problem.Category;
import cn.enterprisegrid.problem.ProblemStore;
import cn.enterprisegrid.store.Hashes;
import cn.enterprisegrid.store.ScriptResult;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Visits (走访): a liaison's firms with what is due, and recording a visit with its check-in
 * distance, problems and profile corrections. Corrections are applied first through the
 * enterprise store as VERIFIED (it validates them: a bad one refuses the whole request before
 * anything is written); each problem is then filed as a case (source LIAISON, its category or
 * 其他, the firm's township), and the visit is one script, which keeps the case ids and re-checks
 * that the caller is still the firm's liaison (a liaison replaced in between leaves the cases
 * filed: they are the firm's problems whoever heard them).
 */
public final class Visits {
  public enum Mode { ONSITE, PHONE, WECHAT, SMS }

  private static final Duration CLOCK_SKEW = Duration.ofMinutes(10);
  private static final Duration MAX_AGE = Duration.ofDays(30);
  private static final long DAY_MS = 86_400_000L;

  /** The category of a visit's problem that names none. */
  static final String DEFAULT_CATEGORY = "OTHER";
  /** Characters of a problem's text that make its case's title. */
  static final int TITLE_CHARS = 30;

  private final GridStore grid;
  private final EnterpriseStore enterprises;
  private final ProblemStore intake;
  private final Categories categories;

  public Visits(GridStore grid, EnterpriseStore enterprises) {
    this(grid, enterprises, ProblemStore.standard(grid.store()), Categories.DEFAULTS);
  }

  /** Files the visits' problems through {@code intake}, categories named by code or label of {@code categories}. */
  public Visits(GridStore grid, EnterpriseStore enterprises, ProblemStore intake, Categories categories) {
    this.grid = grid;
    this.enterprises = enterprises;
    this.intake = intake;
    this.categories = categories;
  }

  /** The liaison's firms, overdue first, then by next due date. */
  public Future<JsonArray> firms(String liaisonId) {
    long now = System.currentTimeMillis();
    return grid.config().compose(cfg -> grid.store().api().smembers(GridKeys.liaisonFirms(liaisonId)).compose(ids -> {
      List<String> usccs = new ArrayList<>();
      ids.forEach(r -> usccs.add(r.toString()));
      List<Future<JsonObject>> rows = new ArrayList<>();
      for (String u : usccs) {
        rows.add(firmRow(u, cfg, now));
      }
      return Future.all(rows).map(cf -> {
        List<JsonObject> list = new ArrayList<>();
        rows.forEach(f -> list.add(f.result()));
        list.sort(Comparator.comparing((JsonObject o) -> !o.getBoolean("overdue"))
            .thenComparing(o -> o.getString("nextDue")));
        return new JsonArray(list);
      });
    }));
  }

  private Future<JsonObject> firmRow(String uscc, GridConfig cfg, long now) {
    var api = grid.store().api();
    Future<Response> h = api.hmget(List.of(EnterpriseKeys.firm(uscc), "f:name", "gk", "ga", "gc", "region"));
    Future<Response> last = api.zrevrange(List.of(VisitKeys.firmVisits(uscc), "0", "0", "WITHSCORES"));
    Future<Long> open = intake.openOf(uscc);
    Future<Response> matches = api.hgetall(EnterpriseKeys.firm(uscc) + ":matches");
    Future<Response> explained = api.smembers(EnterpriseKeys.firm(uscc) + ":explained");
    return Future.all(List.of(h, last, open, matches, explained)).map(cf -> {
      Response r = h.result();
      boolean key = "1".equals(str(r.get(1)));
      Long lastAt = null;
      Response l = last.result();
      if (l != null && l.size() > 0) {
        // RESP3 answers pairs, RESP2 a flat list
        lastAt = l.get(0).size() == 2 && l.get(0).type() == ResponseType.MULTI
            ? l.get(0).get(1).toLong() : l.get(1).toLong();
      }
      String ga = str(r.get(2));
      long base = lastAt != null ? lastAt : ga != null ? Long.parseLong(ga) : now;
      long due = base + cfg.cadence(key) * DAY_MS;
      String name = str(r.get(0));
      return new JsonObject().put("uscc", uscc)
          .put("name", name == null ? null : (String) Json.decodeValue(name))
          .put("key", key).put("cell", str(r.get(3))).put("regionCode", str(r.get(4)))
          .put("cadenceDays", cfg.cadence(key))
          .put("lastVisit", lastAt == null ? null : Instant.ofEpochMilli(lastAt).toString())
          .put("nextDue", Instant.ofEpochMilli(due).toString()).put("overdue", due < now)
          .put("openProblems", open.result())
          .put("unexplainedPolicies", unexplained(matches.result(), explained.result()));
    });
  }

  /** Live policies the firm is ELIGIBLE for (its match-set verdicts) that no visit explained yet. */
  private static JsonArray unexplained(Response matches, Response explained) {
    Set<String> done = new HashSet<>();
    explained.forEach(e -> done.add(e.toString()));
    List<String> out = new ArrayList<>();
    Hashes.flat(matches).forEach((policy, verdict) -> {
      if ("E".equals(verdict) && !done.contains(policy)) {
        out.add(policy);
      }
    });
    out.sort(Comparator.comparingInt(p -> Integer.parseInt(p.substring(1))));
    return new JsonArray(new ArrayList<>(out));
  }

  /** A problem heard at a visit: its text and the category code it was given (or 其他). */
  record Heard(String text, String category) {
    /** The case's title: the text's first line, at most {@link #TITLE_CHARS} characters. */
    String title() {
      String line = text.strip().lines().findFirst().orElse(text.strip());
      return line.codePointCount(0, line.length()) <= TITLE_CHARS ? line
          : line.substring(0, line.offsetByCodePoints(0, TITLE_CHARS)) + "…";
    }
  }

  /** The request of {@code POST /mp/v1/visits}, checked beyond what the contract checks. */
  record Request(String uscc, Mode mode, long at, Double lat, Double lon, String notes, List<Heard> problems,
      JsonObject corrections, JsonArray policiesExplained) {}

  static Request parse(JsonObject b, Categories categories) {
    List<FieldError> errors = new ArrayList<>();
    Mode mode = null;
    try {
      mode = Mode.valueOf(b.getString("mode"));
    } catch (RuntimeException e) {
      errors.add(new FieldError("/mode", Text.of("field.one-of", "mode", "ONSITE, PHONE, WECHAT, SMS")));
    }
    long at = 0;
    try {
      Instant t = OffsetDateTime.parse(b.getString("at")).toInstant();
      Instant now = Instant.now();
      if (t.isAfter(now.plus(CLOCK_SKEW))) {
        errors.add(new FieldError("/at", Text.of("visit.at-future")));
      } else if (t.isBefore(now.minus(MAX_AGE))) {
        errors.add(new FieldError("/at", Text.of("visit.at-age", MAX_AGE.toDays())));
      }
      at = t.toEpochMilli();
    } catch (DateTimeParseException | NullPointerException e) {
      errors.add(new FieldError("/at", Text.of("visit.at-format")));
    }
    JsonObject loc = b.getJsonObject("location");
    Double lat = loc == null ? null : loc.getDouble("lat");
    Double lon = loc == null ? null : loc.getDouble("lon");
    if (mode == Mode.ONSITE && (lat == null || lon == null)) {
      errors.add(new FieldError("/location", Text.of("visit.location")));
    }
    JsonObject corrections = new JsonObject();
    JsonArray cs = b.getJsonArray("corrections", new JsonArray());
    for (int i = 0; i < cs.size(); i++) {
      JsonObject c = cs.getJsonObject(i);
      String field = c.getString("field");
      if (corrections.containsKey(field)) {
        errors.add(new FieldError("/corrections/" + i + "/field", Text.of("visit.corrected-twice", field)));
      }
      corrections.put(field, c.getValue("value"));
    }
    List<Heard> heard = new ArrayList<>();
    JsonArray ps = b.getJsonArray("problems", new JsonArray());
    for (int i = 0; i < ps.size(); i++) {
      JsonObject p = ps.getJsonObject(i);
      String text = p.getString("text");
      String named = p.getString("category");
      Category category = named == null || named.isBlank() ? categories.byCode(DEFAULT_CATEGORY).orElse(null)
          : categories.byCodeOrLabel(named.strip()).orElse(null);
      if (text == null || text.isBlank()) {
        errors.add(new FieldError("/problems/" + i + "/text", Text.of("visit.problem-text")));
      } else if (category == null) {
        errors.add(new FieldError("/problems/" + i + "/category", Text.of("visit.problem-category", named)));
      } else {
        heard.add(new Heard(text.strip(), category.code()));
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return new Request(b.getString("uscc"), mode, at, lat, lon, b.getString("notes"), heard, corrections,
        b.getJsonArray("policiesExplained", new JsonArray()));
  }

  /** Records a visit by the firm's liaison (403 for anyone else). */
  public Future<JsonObject> record(Principal liaison, JsonObject body) {
    Request req = parse(body, categories);
    String liaisonId = liaison.scope().liaisonId();
    return Future.all(enterprises.load(req.uscc()), grid.config()).compose(cf -> {
      StoredEnterprise firm = cf.resultAt(0);
      GridConfig cfg = cf.resultAt(1);
      if (!firm.exists() || liaisonId == null || !liaisonId.equals(firm.liaisonId())) {
        return Future.failedFuture(ProblemException.forbidden(Text.of("visit.assigned-liaison-only")));
      }
      Double distance = null;
      boolean flagged = false;
      if (req.lat() != null && req.lon() != null) {
        String fl = firm.values().get("location");
        if (fl != null) {
          JsonObject fp = new JsonObject(fl);
          distance = (double) Math.round(Geo.meters(req.lat(), req.lon(), fp.getDouble("lat"), fp.getDouble("lon")));
          flagged = req.mode() == Mode.ONSITE && distance > cfg.onsiteMaxMeters();
        }
      }
      Future<?> corrected = req.corrections().isEmpty() ? Future.succeededFuture()
          : enterprises.verify(req.uscc(), req.corrections(), liaison.actor()).recover(err -> {
            // the store names profile fields; the request names them under /corrections
            if (err instanceof ProblemException pe && pe.problem().status() == 422) {
              return Future.failedFuture(ProblemException.invalid("/corrections", pe.problem().detail()));
            }
            return Future.failedFuture(err);
          });
      Double d = distance;
      boolean f = flagged;
      JsonObject args = new JsonObject().put("uscc", req.uscc()).put("liaisonId", liaisonId)
          .put("mode", req.mode().name()).put("at", req.at())
          .put("location", req.lat() == null ? "" : new JsonObject().put("lat", req.lat()).put("lon", req.lon()).encode())
          .put("distance", d == null ? "" : String.valueOf(d.longValue())).put("flagged", f)
          .put("notes", req.notes() == null ? "" : req.notes())
          .put("corrections", new JsonArray(new ArrayList<>(req.corrections().fieldNames())).encode())
          .put("policiesExplained", req.policiesExplained());
      String township = firm.regionCode() == null || firm.regionCode().length() < 9 ? firm.regionCode()
          : firm.regionCode().substring(0, 9);
      return corrected.compose(v -> file(req, township, liaison.actor()))
          .compose(ids -> record(grid.store(), liaison.actor(), System.currentTimeMillis(),
              args.put("problems", ids)))
          .map(r -> {
            if (!r.ok()) {
              throw ProblemException.forbidden(Text.of("visit.assigned-liaison-only"));
            }
            JsonObject out = r.json();
            return new JsonObject().put("id", out.getString("id")).put("uscc", req.uscc())
                .put("mode", req.mode().name()).put("at", Instant.ofEpochMilli(req.at()).toString())
                .put("distanceMeters", d).put("flagged", f)
                .put("problems", out.getValue("problems") instanceof JsonArray a ? a : new JsonArray())
                .put("corrections", new JsonArray(new ArrayList<>(req.corrections().fieldNames())));
          });
    });
  }

  /** Files the visit's problems as cases, one after the other (their ids in the order heard). */
  private Future<JsonArray> file(Request req, String township, String actor) {
    Future<JsonArray> chain = Future.succeededFuture(new JsonArray());
    for (Heard p : req.problems()) {
      ProblemStore.Intake in = new ProblemStore.Intake(req.uscc(), township, ProblemStore.Source.LIAISON,
          p.category(), p.title(), p.text(), List.of(), false);
      chain = chain.compose(ids -> intake.file(in, actor).map(v -> ids.add(v.getString("id"))));
    }
    return chain;
  }

  /**
   * Records one visit ({@code lua/visit_record.lua}; {@code visit.problems} are the ids of the
   * cases filed for it): {@code {id, problems}}, or forbidden.
   */
  public static Future<ScriptResult> record(Store store, String actor, long now, JsonObject visit) {
    String uscc = visit.getString("uscc");
    List<String> keys = List.of(EnterpriseKeys.firm(uscc), GridKeys.sequence("visit"), EnterpriseKeys.explained(uscc),
        VisitKeys.VISITS, VisitKeys.firmVisits(uscc), VisitKeys.liaisonVisits(visit.getString("liaisonId")));
    return store.script("visit_record", AuditKeys.with(keys, AuditKeys.journal(actor, "enterprise:" + uscc)),
        List.of(actor, String.valueOf(now), visit.encode()));
  }

  private static String str(Response r) {
    return r == null ? null : r.toString();
  }
}
