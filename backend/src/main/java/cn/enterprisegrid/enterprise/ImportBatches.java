package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.http.Language;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.http.Problem.FieldError;
import cn.enterprisegrid.policyindex.profile.Enterprise;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What every import does with its records whatever the file type: validates one record (on a
 * worker), writes the valid ones of a batch (chained, so that records apply in file order; one atomic
 * script per firm), counts the outcomes and collects the per-line rejections for the answer. The
 * write side runs on the request's event loop.
 */
final class ImportBatches {
  private final EnterpriseStore store;
  private final EnterpriseValidator validator;
  private final Principal principal;
  private final boolean flat;
  private Future<Void> writes = Future.succeededFuture();
  private long created;
  private long updated;
  private long unchanged;
  private long rejectedCount;
  private final JsonArray rejected = new JsonArray();

  /** {@code flat}: the records come as CSV or spreadsheet rows (fields are named by column). */
  ImportBatches(EnterpriseStore store, EnterpriseValidator validator, Principal principal, boolean flat) {
    this.store = store;
    this.validator = validator;
    this.principal = principal;
    this.flat = flat;
  }

  /** One line of the file after parsing: a valid enterprise, or why not. */
  record Parsed(long number, Enterprise enterprise, String field, String reason) {
    static Parsed bad(long number, String field, String reason) {
      return new Parsed(number, null, field, reason);
    }
  }

  /** Validates one record against the rules and the caller's region. Thread-safe. */
  Parsed check(long number, JsonObject json, LocalDate today) {
    EnterpriseValidator.Result r = validator.record(json, today);
    if (!r.valid()) {
      FieldError first = r.errors().get(0);
      // the import report is read in the console: Chinese, like every default text
      return Parsed.bad(number, field(first.pointer()), first.detail().render(Language.ZH));
    }
    if (!principal.scope().coversRegion(r.enterprise().regionCode())) {
      return Parsed.bad(number, "regionCode", Text.of("enterprise.region-outside", r.enterprise().regionCode(),
          principal.scope().region()).render(Language.ZH));
    }
    return new Parsed(number, r.enterprise(), null, null);
  }

  /** The field as the line's format names it: a column, else a path into the JSON. */
  private String field(String pointer) {
    String p = pointer.startsWith("/") ? pointer.substring(1) : pointer;
    if (!flat) {
      return p;
    }
    String[] parts = p.split("/");
    return parts[0].equals("financials") || parts[0].equals("location") ? parts[parts.length - 1] : parts[0];
  }

  /** Queues a parsed batch behind the ones before it; the future completes when it is written. */
  Future<Void> write(List<Parsed> parsed) {
    writes = writes.compose(v -> writeNow(parsed));
    return writes;
  }

  /** Completes when every queued batch is written. */
  Future<Void> written() {
    return writes;
  }

  private Future<Void> writeNow(List<Parsed> parsed) {
    List<Enterprise> good = new ArrayList<>();
    List<Parsed> goodLines = new ArrayList<>();
    for (Parsed p : parsed) {
      if (p.enterprise() == null) {
        reject(p.number(), p.field(), p.reason());
      } else {
        good.add(p.enterprise());
        goodLines.add(p);
      }
    }
    if (good.isEmpty()) {
      return Future.succeededFuture();
    }
    return store.registryBatch(good, principal.actor(), base ->
            !base.exists() || principal.scope().coversRegion(base.regionCode()) ? null
                : "the firm is registered in " + base.regionCode() + ", outside this account's region")
        .map(outcomes -> {
          for (int i = 0; i < outcomes.size(); i++) {
            EnterpriseStore.Outcome o = outcomes.get(i);
            switch (o.status()) {
              case CREATED -> created++;
              case UPDATED -> updated++;
              case UNCHANGED -> unchanged++;
              case REJECTED -> reject(goodLines.get(i).number(), o.field(), o.reason());
            }
          }
          return null;
        });
  }

  private void reject(long line, String field, String reason) {
    rejectedCount++;
    if (rejected.size() < Importer.MAX_REPORTED) {
      rejected.add(new JsonObject().put("line", line).put("field", field).put("reason", reason));
    }
  }

  /** The answer: counts and the first {@value Importer#MAX_REPORTED} rejections. */
  JsonObject report() {
    return new JsonObject().put("created", created).put("updated", updated)
        .put("unchanged", unchanged).put("rejected", rejected).put("rejectedCount", rejectedCount);
  }
}
