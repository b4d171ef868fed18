package cn.enterprisegrid.grid;

import cn.enterprisegrid.audit.AuditKeys;
import cn.enterprisegrid.enterprise.EnterpriseKeys;
import cn.enterprisegrid.enterprise.FirmWrites;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.store.Hashes;
import cn.enterprisegrid.store.ScriptResult;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The grid's writes and reads on Redis. Every write is one call of a {@code grid_OP} Lua script
 * (one operation, with its audit entry and change event); reads of the coverage come from the
 * maintained sets and counters ({@code grid_coverage}), never from a scan of the firms.
 */
public final class GridStore {
  private final Store store;

  /** The region of liaison {@code id} (the cells' common prefix); null when unknown. */
  public static Future<String> liaisonRegion(Store store, String id) {
    return store.api().hget(GridKeys.liaison(id), "region").map(r -> r == null ? null : r.toString());
  }

  public GridStore(Store store) {
    this.store = store;
  }

  public Store store() {
    return store;
  }

  /**
   * Runs one grid operation; fails with a problem document when the script refused it (nothing
   * is written then).
   */
  public Future<JsonObject> run(String op, String actor, JsonObject args) {
    return run(op, actor, args, List.of());
  }

  /**
   * Runs one grid operation with a flat list of extra arguments after the JSON ones (the bulk
   * {@code index} takes its firms so: no JSON to build and decode per firm).
   */
  public Future<JsonObject> run(String op, String actor, JsonObject args, List<String> flat) {
    List<String> firms = switch (op) {
      case "cell" -> args.getJsonArray("firms").stream().map(String::valueOf).toList();
      case "reassign" -> List.of(args.getString("uscc"));
      default -> flat;
    };
    List<String> argv = new ArrayList<>(3 + firms.size());
    argv.add(actor);
    argv.add(String.valueOf(System.currentTimeMillis()));
    argv.add(args.encode());
    argv.addAll(firms);
    // lua/include/grid_state.lua: the fixed keys, the named firms' hashes, the journal tail
    List<String> keys = new ArrayList<>(GridKeys.fixed().size() + firms.size() + 4);
    keys.addAll(GridKeys.fixed());
    firms.forEach(u -> keys.add(EnterpriseKeys.firm(u)));
    keys.addAll(AuditKeys.journal(actor, auditTarget(op, args)));
    return store.script("grid_" + op, keys, argv)
        .map(r -> {
          JsonObject out = r.jsonOr(GridStore::refusal);
          if (!"index".equals(op) || out.getInteger("assigned", 0) > 0 || out.getInteger("released", 0) > 0) {
            // assignments and releases change firms' liaisons (and versions): cached profile
            // views of this process must not outlive the answer; a plain re-index leaves them
            FirmWrites.manyWritten();
          }
          return out;
        })
        .onFailure(err -> {
          if (!(err instanceof ProblemException)) {
            FirmWrites.manyWritten(); // the script may have run
          }
        });
  }

  /** What a grid operation's audit entry is about. */
  private static String auditTarget(String op, JsonObject args) {
    return switch (op) {
      case "build" -> "grid:" + args.getString("county");
      case "cell" -> "cell:" + args.getString("id");
      case "liaison_create", "liaison_update", "liaison_deactivate" -> "liaison:" + args.getString("id");
      case "reassign" -> "enterprise:" + args.getString("uscc");
      case "config" -> GridKeys.CONFIG;
      case "index" -> "grid";
      default -> throw new IllegalArgumentException("no grid operation " + op);
    };
  }

  private static ProblemException refusal(ScriptResult r) {
    Text detail = Text.refusal("grid", r.error(), r.detail());
    String pointer = r.pointer();
    return switch (r.error()) {
      case "not-found" -> ProblemException.notFound(detail);
      case "unknown-cell" -> ProblemException.invalid(pointer != null ? pointer : "/cells", detail);
      case "unknown-firm" -> ProblemException.invalid(pointer != null ? pointer : "/firms", detail);
      case "unknown-liaison" -> ProblemException.invalid("/liaisonId", detail);
      default -> new ProblemException(new Problem("/problems/" + r.error(), 409, detail, pointer, List.of()));
    };
  }

  /** The grid's current policy. */
  public Future<GridConfig> config() {
    return store.api().hgetall(GridKeys.CONFIG).map(r -> GridConfig.from(Hashes.flat(r)));
  }

  /** One page of the coverage's per-cell and per-liaison rows: ids after the cursors ('' = from the start). */
  public record CoveragePage(String cellsAfter, int cellsLimit, String liaisonsAfter, int liaisonsLimit) {
    public static final int DEFAULT_LIMIT = 500;
    public static final CoveragePage FIRST = new CoveragePage("", DEFAULT_LIMIT, "", DEFAULT_LIMIT);
    public static final CoveragePage NONE = new CoveragePage("", 0, "", 0);
  }

  /** Coverage inside a region prefix (null = everywhere), listing at most {@code limit} unassigned firms. */
  public Future<JsonObject> coverage(String region, int limit) {
    return coverage(region, limit, CoveragePage.FIRST);
  }

  /** Coverage with one page of the per-cell and per-liaison rows. */
  public Future<JsonObject> coverage(String region, int limit, CoveragePage page) {
    JsonObject args = new JsonObject().put("region", region == null ? "" : region).put("limit", limit)
        .put("cellsAfter", page.cellsAfter()).put("cellsLimit", page.cellsLimit())
        .put("liaisonsAfter", page.liaisonsAfter()).put("liaisonsLimit", page.liaisonsLimit());
    return store.script("grid_coverage", GridKeys.fixed(), List.of(args.encode())).map(ScriptResult::json);
  }

  /** One liaison's hash (empty when unknown). */
  public Future<Map<String, String>> liaison(String id) {
    return store.api().hgetall(GridKeys.liaison(id)).map(Hashes::flat);
  }

  /** One cell's hash (empty when unknown). */
  public Future<Map<String, String>> cell(String id) {
    return store.api().hgetall(GridKeys.cell(id)).map(Hashes::flat);
  }
}
