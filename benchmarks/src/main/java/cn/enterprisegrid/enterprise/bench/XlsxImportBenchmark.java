package cn.enterprisegrid.enterprise.bench;

import cn.enterprisegrid.bench.InProcessBackend;
import cn.enterprisegrid.demo.DemoEnterprises;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark of the .xlsx enterprise import (not a unit test; run by {@code backend/bench-import-xlsx.sh}):
 * writes N (default 100,000) firms of 开化县 to a workbook with POI's streaming SXSSF, as Excel stores
 * one (shared strings, date cells, amounts formatted for display), starts the backend in-process on
 * an embedded Redis and POSTs the file streamed to {@code /api/v1/enterprises/import}. Prints the
 * time and the JVM's heap during the import: the peak in use (sampled every 20 ms: garbage not yet
 * collected included) and the peak left after a collection (what the import actually holds).
 *
 * <p>Arguments: {@code [rows]}.
 */
public final class XlsxImportBenchmark {
  private static final String[] COLUMNS = {"uscc", "name", "regionCode", "address", "industryCode", "establishedOn",
      "registeredCapital", "employees", "tags", "creditStatus", "year", "revenue", "assets", "rdExpense", "taxPaid",
      "lat", "lon"};

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Path file = Files.createTempFile("bench-firms-", ".xlsx");
    try (InProcessBackend app = InProcessBackend.start("bench-xlsx", 4, new JsonObject())) {
      long g0 = System.nanoTime();
      write(file, rows);
      double genS = (System.nanoTime() - g0) / 1e9;
      String token = app.http.post("/api/v1/auth/login").sendJsonObject(new JsonObject().put("username", "admin")
          .put("password", InProcessBackend.ADMIN_PASSWORD)).await().bodyAsJsonObject().getString("token");

      Heap heap = new Heap();
      long i0 = System.nanoTime();
      var f = app.vertx.fileSystem().open(file.toString(), new OpenOptions().setRead(true)).await();
      var resp = app.http.post("/api/v1/enterprises/import").putHeader("Authorization", "Bearer " + token)
          .putHeader("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
          .timeout(1_800_000).sendStream(f).await();
      double importS = (System.nanoTime() - i0) / 1e9;
      heap.stop();
      if (resp.statusCode() != 200) {
        throw new IllegalStateException("import failed: " + resp.statusCode() + " " + resp.bodyAsString());
      }
      JsonObject r = resp.bodyAsJsonObject();
      System.out.println();
      System.out.println("| measure | value |");
      System.out.println("|---|---|");
      System.out.printf("| workbook (SXSSF, shared strings) | %,d rows, %.1f MB, written in %.1f s |%n", rows,
          Files.size(file) / 1e6, genS);
      System.out.printf("| import: created / updated / unchanged / rejected | %,d / %,d / %,d / %,d |%n",
          r.getLong("created"), r.getLong("updated"), r.getLong("unchanged"), r.getLong("rejectedCount"));
      System.out.printf("| import time (upload, spool, read, validate, write) | %.1f s (%,.0f rows/s) |%n", importS,
          rows / importS);
      System.out.printf("| heap in use during the import, peak (sampled) | %d MB |%n", heap.peakUsed.get() >> 20);
      System.out.printf("| heap left after a collection during the import, peak | %d MB |%n",
          heap.peakAfterGc.get() >> 20);
      System.out.printf("| JVM heap max (-Xmx) | %d MB |%n", Runtime.getRuntime().maxMemory() >> 20);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Writes the workbook as an office would keep it: the import's columns, one firm per row. */
  private static void write(Path file, int rows) throws Exception {
    DemoEnterprises gen = new DemoEnterprises(7);
    List<String> regions = gen.regions("330824");
    try (SXSSFWorkbook wb = new SXSSFWorkbook(null, 200, true, true); OutputStream out = Files.newOutputStream(file)) {
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
      CellStyle money = wb.createCellStyle();
      money.setDataFormat(wb.createDataFormat().getFormat("#,##0.00"));
      Sheet sheet = wb.createSheet("企业名录");
      Row head = sheet.createRow(0);
      for (int i = 0; i < COLUMNS.length; i++) {
        head.createCell(i).setCellValue(COLUMNS[i]);
      }
      for (int n = 1; n <= rows; n++) {
        JsonObject firm = gen.inCounty("330824", regions);
        JsonArray years = firm.getJsonArray("financials", new JsonArray());
        JsonObject year = years.isEmpty() ? new JsonObject() : years.getJsonObject(years.size() - 1);
        JsonObject location = firm.getJsonObject("location", new JsonObject());
        Row row = sheet.createRow(n);
        for (int i = 0; i < COLUMNS.length; i++) {
          String col = COLUMNS[i];
          Object v = switch (col) {
            case "year", "revenue", "assets", "rdExpense", "taxPaid" -> year.getValue(col);
            case "lat", "lon" -> location.getValue(col);
            case "tags" -> firm.containsKey("tags") ? String.join("|", firm.getJsonArray("tags").getList()) : null;
            default -> firm.getValue(col);
          };
          if (v == null) {
            continue;
          }
          if (col.equals("establishedOn")) {
            row.createCell(i).setCellValue(LocalDate.parse((String) v));
            row.getCell(i).setCellStyle(date);
          } else if (v instanceof Number num) {
            row.createCell(i).setCellValue(num.doubleValue());
            if (!col.equals("year") && !col.equals("employees") && !col.equals("lat") && !col.equals("lon")) {
              row.getCell(i).setCellStyle(money);
            }
          } else {
            row.createCell(i).setCellValue(v.toString());
          }
        }
      }
      wb.write(out);
      wb.dispose();
    }
  }

  /** Samples the heap until stopped; the after-collection figure comes from the pools' collection usage. */
  private static final class Heap {
    final AtomicLong peakUsed = new AtomicLong();
    final AtomicLong peakAfterGc = new AtomicLong();
    private volatile boolean running = true;
    private final Thread sampler;

    Heap() {
      System.gc();
      List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP).toList();
      sampler = new Thread(() -> {
        while (running) {
          long used = 0;
          long afterGc = 0;
          for (MemoryPoolMXBean p : pools) {
            used += p.getUsage().getUsed();
            if (p.getCollectionUsage() != null && p.getName().matches("(?i).*(old|tenured).*")) {
              afterGc += p.getCollectionUsage().getUsed();
            }
          }
          peakUsed.accumulateAndGet(used, Math::max);
          peakAfterGc.accumulateAndGet(afterGc, Math::max);
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "heap-sampler");
      sampler.setDaemon(true);
      sampler.start();
    }

    void stop() throws InterruptedException {
      running = false;
      sampler.join();
    }
  }
}
