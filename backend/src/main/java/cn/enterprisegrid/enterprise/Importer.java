package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.auth.Guard;
import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.config.ChinaTime;
import cn.enterprisegrid.http.Language;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.http.ProblemException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /api/v1/enterprises/import}: streams an NDJSON, CSV or XLSX body of registry records
 * into the registry. A text body is never buffered whole: records are cut as they arrive, and every
 * {@value #BATCH} records the request is paused while the batch is decoded, parsed and validated (on
 * a worker) and written (pipelined, one atomic script per firm), the next batch being parsed while
 * one is written. A spreadsheet is spooled to a temp file first (a zip's directory is at its end) and
 * then read row by row ({@link XlsxImport}). A bad record is reported with its number and field and
 * never stops the others; a firm is written whole or not at all.
 */
public final class Importer {
  static final int BATCH = 500;
  static final int MAX_LINE = 64 * 1024;
  static final int MAX_REPORTED = 1000;
  static final int IN_FLIGHT = 2;

  private final Vertx vertx;
  private final EnterpriseStore store;
  private final EnterpriseValidator validator = EnterpriseValidator.standard();
  private final XlsxImport xlsx;

  public Importer(Vertx vertx, EnterpriseStore store) {
    this.vertx = vertx;
    this.store = store;
    this.xlsx = new XlsxImport(vertx);
  }

  /** The route handler (after the GRID_ADMIN guard); the request arrives paused. */
  public void handle(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    type = type == null ? "" : type.split(";")[0].strip().toLowerCase(Locale.ROOT);
    Principal principal = Guard.principal(ctx);
    switch (type) {
      case "application/x-ndjson", "application/jsonl", "application/jsonlines" ->
          new Run(ctx, principal, false).start();
      case "text/csv" -> new Run(ctx, principal, true).start();
      case XlsxImport.MEDIA_TYPE -> xlsx.start(ctx, new ImportBatches(store, validator, principal, true));
      default -> ctx.fail(new ProblemException(Problem.of(415, "unsupported-media-type",
          Text.of("import.media-type", XlsxImport.MEDIA_TYPE))));
    }
  }

  /** The problem of a file whose text is in none of the encodings accepted: nothing of it is stored. */
  static ProblemException undecodable(long number, TextDecoding decoding) {
    return new ProblemException(Problem.of(415, "unsupported-charset",
        Text.of("import.charset", number, decoding.accepted())));
  }

  /** One text import: its batches, the batch being filled, and the request's flow control. */
  private final class Run {
    private final RoutingContext ctx;
    private final HttpServerRequest req;
    private final boolean csv;
    private final LineSplitter splitter;
    private final ImportBatches batches;
    private final TextDecoding decoding;
    private List<Line> batch = new ArrayList<>();
    private CsvRecords header;
    private boolean parsing;
    private int queued;
    private int parsedBatches;
    private boolean ended;
    private boolean failed;

    Run(RoutingContext ctx, Principal principal, boolean csv) {
      this.ctx = ctx;
      this.req = ctx.request();
      this.csv = csv;
      this.batches = new ImportBatches(store, validator, principal, csv);
      this.decoding = csv ? TextDecoding.csv() : TextDecoding.utf8();
      this.splitter = new LineSplitter(MAX_LINE, csv, (n, bytes) -> batch.add(new Line(n, bytes)));
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
      boolean firstBatch = parsedBatches++ == 0;
      vertx.executeBlocking(() -> parse(lines, today, firstBatch), false).onComplete(ar -> {
        parsing = false;
        if (ar.failed()) {
          fail(ar.cause());
          return;
        }
        queued++;
        batches.write(ar.result()).onComplete(w -> {
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

    /**
     * Decodes, parses and validates one batch. An undecodable record in the first batch (which is
     * parsed before anything is written) refuses the file when it was to decide the encoding: the
     * whole file is then in another one. Later, or once decided, it is rejected on its own.
     */
    private List<ImportBatches.Parsed> parse(List<Line> lines, LocalDate today, boolean firstBatch) {
      List<ImportBatches.Parsed> out = new ArrayList<>(lines.size());
      for (Line l : lines) {
        if (l.bytes() == null) {
          out.add(ImportBatches.Parsed.bad(l.number(), "", Text.of("import.line-too-long", MAX_LINE).render(Language.ZH)));
          continue;
        }
        String text;
        try {
          text = decoding.decode(l.bytes(), 0, l.bytes().length);
        } catch (TextDecoding.Undecodable e) {
          if (e.deciding() && (firstBatch || (csv && header == null))) {
            throw undecodable(l.number(), decoding);
          }
          out.add(ImportBatches.Parsed.bad(l.number(), "", e.deciding()
              ? "此行既不是 " + decoding.accepted() + " 编码的文字，未导入"
              : "此行含有不是 " + decoding.charset().name() + " 编码的字节（文件其余部分为 "
                  + decoding.charset().name() + "），未导入"));
          continue;
        }
        if (text.isBlank()) {
          continue;
        }
        if (csv && header == null) {
          try {
            header = CsvRecords.header(text);
          } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("/header", Text.of("import.header", l.number(), e.getMessage()));
          }
          continue;
        }
        JsonObject json;
        try {
          json = csv ? header.row(text) : new JsonObject(text);
        } catch (DecodeException e) {
          out.add(ImportBatches.Parsed.bad(l.number(), "", Text.of("import.line-not-object").render(Language.ZH)));
          continue;
        } catch (IllegalArgumentException e) {
          out.add(ImportBatches.Parsed.bad(l.number(), "", e.getMessage()));
          continue;
        }
        out.add(batches.check(l.number(), json, today));
      }
      return out;
    }

    private void answer() {
      if (!ctx.response().ended()) {
        ctx.json(batches.report());
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

  private record Line(long number, byte[] bytes) {}
}
