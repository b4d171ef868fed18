package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.auth.Guard;
import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.config.ChinaTime;
import cn.enterprisegrid.http.Problem.FieldError;
import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.policyindex.profile.Enterprise;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /api/v1/enterprises/import}: streams an NDJSON or CSV body of registry records into
 * the registry. The body is never buffered whole: lines are cut as they arrive, and every {@value
 * #BATCH} lines the request is paused while the batch is parsed and validated (on a worker) and
 * written (pipelined, one atomic script per firm), the next batch being parsed while one is
 * written. A bad line is reported with its
 * number and field and never stops the others; a firm is written whole or not at all.
 */
public final class Importer {
  static final int BATCH = 500;
  static final int MAX_LINE = 64 * 1024;
  static final int MAX_REPORTED = 1000;
  static final int IN_FLIGHT = 2;

  private final Vertx vertx;
  private final EnterpriseStore store;
  private final EnterpriseValidator validator = EnterpriseValidator.standard();

  public Importer(Vertx vertx, EnterpriseStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  /** The route handler (after the GRID_ADMIN guard); the request arrives paused. */
  public void handle(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    type = type == null ? "" : type.split(";")[0].strip().toLowerCase(Locale.ROOT);
    boolean csv;
    switch (type) {
      case "application/x-ndjson", "application/jsonl", "application/jsonlines" -> csv = false;
      case "text/csv" -> csv = true;
      default -> {
        ctx.fail(new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported media type",
            "send application/x-ndjson (one enterprise JSON per line) or text/csv")));
        return;
      }
    }
    new Run(ctx, Guard.principal(ctx), csv).start();
  }

  /** One import: its counters, the batch being filled, and the request's flow control. */
  private final class Run {
    private final RoutingContext ctx;
    private final HttpServerRequest req;
    private final Principal principal;
    private final boolean csv;
    private final LineSplitter splitter;
    private List<Line> batch = new ArrayList<>();
    private CsvRecords header;
    private boolean parsing;
    private int queued;
    private Future<Void> writes = Future.succeededFuture();
    private boolean ended;
    private boolean failed;
    private long created;
    private long updated;
    private long unchanged;
    private long rejectedCount;
    private final JsonArray rejected = new JsonArray();

    Run(RoutingContext ctx, Principal principal, boolean csv) {
      this.ctx = ctx;
      this.req = ctx.request();
      this.principal = principal;
      this.csv = csv;
      this.splitter = new LineSplitter(MAX_LINE, (n, text) -> batch.add(new Line(n, text)));
    }

    void start() {
      req.handler(buf -> {
        splitter.feed(buf);
        proceed();
      });
      req.endHandler(v -> {
        splitter.end();
        ended = true;
        proceed();
      });
      req.exceptionHandler(this::fail);
      req.resume();
    }

    /**
     * Decides what happens next. Batch N+1 is parsed (on a worker) while batch N is written; the
     * writes are chained so that lines apply in file order; at most {@value #IN_FLIGHT} parsed
     * batches wait for Redis, beyond that the request stays paused (back-pressure).
     */
    private void proceed() {
      if (failed || parsing) {
        return;
      }
      boolean full = batch.size() >= BATCH || (ended && !batch.isEmpty());
      if (full && queued < IN_FLIGHT) {
        parseNext();
      } else if (ended && batch.isEmpty() && queued == 0) {
        answer();
      } else if (full || queued >= IN_FLIGHT) {
        req.pause();
      } else if (!ended) {
        req.resume();
      }
    }

    private void parseNext() {
      parsing = true;
      req.pause();
      List<Line> lines = batch;
      batch = new ArrayList<>();
      LocalDate today = ChinaTime.today();
      vertx.executeBlocking(() -> parse(lines, today), false).onComplete(ar -> {
        parsing = false;
        if (ar.failed()) {
          fail(ar.cause());
          return;
        }
        queued++;
        writes = writes.compose(v -> write(ar.result())).onComplete(w -> {
          queued--;
          if (w.failed()) {
            fail(w.cause());
          } else {
            proceed();
          }
        });
        proceed();
      });
    }

    private List<Parsed> parse(List<Line> lines, LocalDate today) {
      List<Parsed> out = new ArrayList<>(lines.size());
      for (Line l : lines) {
        if (l.text() == null) {
          out.add(Parsed.bad(l.number(), "", "the line is longer than " + MAX_LINE + " bytes"));
          continue;
        }
        if (l.text().isBlank()) {
          continue;
        }
        if (csv && header == null) {
          try {
            header = CsvRecords.header(l.text());
          } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("/header", "line " + l.number() + ": " + e.getMessage());
          }
          continue;
        }
        JsonObject json;
        try {
          json = csv ? header.row(l.text()) : new JsonObject(l.text());
        } catch (DecodeException e) {
          out.add(Parsed.bad(l.number(), "", "the line is not a JSON object"));
          continue;
        } catch (IllegalArgumentException e) {
          out.add(Parsed.bad(l.number(), "", e.getMessage()));
          continue;
        }
        EnterpriseValidator.Result r = validator.record(json, today);
        if (!r.valid()) {
          FieldError first = r.errors().get(0);
          out.add(Parsed.bad(l.number(), field(first.pointer()), first.detail()));
        } else if (!principal.scope().coversRegion(r.enterprise().regionCode())) {
          out.add(Parsed.bad(l.number(), "regionCode", "regionCode " + r.enterprise().regionCode()
              + " lies outside this account's region " + principal.scope().region()));
        } else {
          out.add(new Parsed(l.number(), r.enterprise(), null, null));
        }
      }
      return out;
    }

    /** The field as the line's format names it: a CSV column, else a path into the JSON. */
    private String field(String pointer) {
      String p = pointer.startsWith("/") ? pointer.substring(1) : pointer;
      if (!csv) {
        return p;
      }
      String[] parts = p.split("/");
      return parts[0].equals("financials") || parts[0].equals("location") ? parts[parts.length - 1] : parts[0];
    }

    private Future<Void> write(List<Parsed> parsed) {
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
      if (rejected.size() < MAX_REPORTED) {
        rejected.add(new JsonObject().put("line", line).put("field", field).put("reason", reason));
      }
    }

    private void answer() {
      if (!ctx.response().ended()) {
        ctx.json(new JsonObject().put("created", created).put("updated", updated)
            .put("unchanged", unchanged).put("rejected", rejected).put("rejectedCount", rejectedCount));
      }
    }

    private void fail(Throwable err) {
      if (failed) {
        return;
      }
      failed = true;
      if (!req.isEnded()) {
        // drain what the client still sends, so that the answer reaches it
        req.handler(b -> { });
        req.endHandler(v -> { });
        req.resume();
      }
      ctx.fail(err);
    }
  }

  private record Line(long number, String text) {}

  private record Parsed(long number, Enterprise enterprise, String field, String reason) {
    static Parsed bad(long number, String field, String reason) {
      return new Parsed(number, null, field, reason);
    }
  }
}
