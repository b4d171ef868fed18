package cn.enterprisegrid.problem;

import io.vertx.core.buffer.Buffer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ReportTable} as CSV: UTF-8 with a byte-order mark (Excel on a Chinese Windows reads a
 * file without one as GBK), the header row first so that the file stays a plain table, shares as
 * percentages ({@code 85.7%}, which Excel reads as numbers), nothing to divide as an empty cell.
 */
public final class ReportCsv {
  public static final String MEDIA_TYPE = "text/csv";

  private ReportCsv() {}

  public static Buffer write(ReportTable t) {
    StringWriter out = new StringWriter();
    out.write('\uFEFF');
    try (CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT)) {
      p.printRecord(t.columns().stream().map(ReportTable.Column::header).toList());
      for (List<Object> row : t.rows()) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
          cells.add(cell(t.columns().get(i).kind(), row.get(i)));
        }
        p.printRecord(cells);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Buffer.buffer(out.toString());
  }

  private static String cell(ReportTable.Kind kind, Object v) {
    if (v == null) {
      return "";
    }
    return switch (kind) {
      case PERCENT -> String.format("%.1f%%", (Double) v * 100);
      case DECIMAL -> String.format("%.2f", (Double) v);
      default -> v.toString();
    };
  }
}
