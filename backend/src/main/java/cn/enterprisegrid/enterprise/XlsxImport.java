package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.config.ChinaTime;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.http.ProblemException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.io.File;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The import of an .xlsx workbook: the first sheet's first non-empty row names the columns (like a
 * CSV header: {@link CsvRecords}), each later row is a firm. A zip's directory is at its end, so the
 * upload is first spooled to a temp file (never to memory; at most {@value #MAX_BYTES} bytes), then
 * read row by row on a worker of its own pool (an import of a large sheet outlasts the default
 * pool's blocked-thread warning) and validated there; every {@value Importer#BATCH} rows are handed
 * to the request's event loop to be written, at most {@value Importer#IN_FLIGHT} batches waiting
 * (the reader waits beyond that). The temp file is deleted afterwards, whatever happened.
 */
final class XlsxImport {
  static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  /** Far beyond Excel's own limit of 1,048,576 rows of this record (about 60 MB). */
  static final long MAX_BYTES = 256L << 20;

  private final Vertx vertx;
  private final WorkerExecutor readers;

  XlsxImport(Vertx vertx) {
    this.vertx = vertx;
    this.readers = vertx.createSharedWorkerExecutor("enterprise-xlsx-import", 2, 1, TimeUnit.HOURS);
  }

  /** Runs one import; the request arrives paused. */
  void start(RoutingContext ctx, ImportBatches batches) {
    HttpServerRequest req = ctx.request();
    Context context = vertx.getOrCreateContext();
    vertx.fileSystem().createTempFile("enterprise-import-", ".xlsx")
        .compose(path -> spool(req, path)
            .compose(v -> readers.executeBlocking(() -> read(new File(path), batches, context), false))
            .compose(v -> batches.written())
            .eventually(() -> vertx.fileSystem().delete(path)))
        .onSuccess(v -> {
          if (!ctx.response().ended()) {
            ctx.json(batches.report());
          }
        })
        .onFailure(err -> {
          if (!req.isEnded()) {
            // drain what the client still sends, so that the answer reaches it
            req.handler(b -> { });
            req.endHandler(v -> { });
            req.resume();
          }
          ctx.fail(err);
        });
  }

  /** Writes the body to the file with back-pressure; fails with 413 past {@value #MAX_BYTES} bytes. */
  private Future<Void> spool(HttpServerRequest req, String path) {
    return vertx.fileSystem().open(path, new OpenOptions().setWrite(true).setTruncateExisting(true))
        .compose(file -> {
          Promise<Void> done = Promise.promise();
          long[] size = {0};
          req.handler(buf -> {
            if (done.future().isComplete()) {
              return;
            }
            size[0] += buf.length();
            if (size[0] > MAX_BYTES) {
              done.tryFail(new ProblemException(Problem.of(413, "body-too-large",
                  Text.of("import.xlsx-size", MAX_BYTES >> 20))));
              return;
            }
            file.write(buf);
            if (file.writeQueueFull()) {
              req.pause();
              file.drainHandler(v -> req.resume());
            }
          });
          req.endHandler(v -> done.tryComplete());
          req.exceptionHandler(done::tryFail);
          req.resume();
          return done.future().eventually(file::close);
        });
  }

  /** Reads, validates and hands over the rows (on a reader thread); returns when the sheet is read. */
  private Void read(File file, ImportBatches batches, Context context) throws Exception {
    Handoff handoff = new Handoff(batches, context);
    LocalDate today = ChinaTime.today();
    CsvRecords[] header = {null};
    List<ImportBatches.Parsed> batch = new ArrayList<>();
    try {
      XlsxSheet.read(file, (number, cells, wide) -> {
        int used = used(cells);
        if (used == 0 && !wide) {
          return; // an empty row (formatted, or cleared)
        }
        if (header[0] == null) {
          try {
            header[0] = CsvRecords.header(cells.subList(0, used));
          } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("/header", Text.of("import.header", number, e.getMessage()));
          }
          return;
        }
        int width = header[0].width();
        if (wide || used > width) {
          batch.add(ImportBatches.Parsed.bad(number, "", "此行在表头以外的列中有内容（表头共 " + width + " 列）"));
        } else {
          List<String> row = new ArrayList<>(cells);
          while (row.size() < width) {
            row.add("");
          }
          JsonObject json;
          try {
            json = header[0].row(row);
            batch.add(batches.check(number, json, today));
          } catch (IllegalArgumentException e) {
            batch.add(ImportBatches.Parsed.bad(number, "", e.getMessage()));
          }
        }
        if (batch.size() >= Importer.BATCH) {
          handoff.send(new ArrayList<>(batch));
          batch.clear();
        }
      });
    } catch (XlsxSheet.Unreadable e) {
      throw new ProblemException(Problem.of(400, "unreadable-spreadsheet", e.detail()));
    }
    if (header[0] == null) {
      throw ProblemException.badRequest("/header", Text.of("import.xlsx-empty"));
    }
    if (!batch.isEmpty()) {
      handoff.send(batch);
    }
    handoff.drain();
    return null;
  }

  /** The number of cells up to the last non-blank one. */
  private static int used(List<String> cells) {
    int n = cells.size();
    while (n > 0 && cells.get(n - 1).isBlank()) {
      n--;
    }
    return n;
  }

  /**
   * Passes batches from the reader thread to the event loop, which writes them in order; the reader
   * waits while {@value Importer#IN_FLIGHT} are unwritten, and stops at the first failed write.
   */
  private static final class Handoff {
    private final ImportBatches batches;
    private final Context context;
    private final Semaphore slots = new Semaphore(Importer.IN_FLIGHT);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Handoff(ImportBatches batches, Context context) {
      this.batches = batches;
      this.context = context;
    }

    void send(List<ImportBatches.Parsed> batch) {
      acquire(1);
      context.runOnContext(v -> batches.write(batch).onComplete(ar -> {
        if (ar.failed()) {
          failure.compareAndSet(null, ar.cause());
        }
        slots.release();
      }));
    }

    /** Waits for every batch sent to be written. */
    void drain() {
      acquire(Importer.IN_FLIGHT);
      slots.release(Importer.IN_FLIGHT);
    }

    private void acquire(int n) {
      try {
        slots.acquire(n);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("import interrupted", e);
      }
      Throwable f = failure.get();
      if (f != null) {
        slots.release(n);
        throw f instanceof RuntimeException r ? r : new IllegalStateException(f);
      }
    }
  }
}
