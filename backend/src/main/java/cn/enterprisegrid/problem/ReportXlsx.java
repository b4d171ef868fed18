package cn.enterprisegrid.problem;

import io.vertx.core.buffer.Buffer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A {@link ReportTable} as an Excel workbook, written with POI's streaming SXSSF (rows go to a temp
 * file past the window, so a large table does not sit in the heap): the title and its lines above a
 * bold header row in Chinese, counts as numbers, shares as numbers formatted {@code 0.0%}, the
 * totals row bold. Blocking: call it on a worker.
 */
public final class ReportXlsx {
  public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private ReportXlsx() {}

  public static Buffer write(ReportTable t, String sheetName) {
    try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
      try {
        return fill(wb, t, sheetName);
      } finally {
        wb.dispose(); // the temp files of flushed rows
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Buffer fill(SXSSFWorkbook wb, ReportTable t, String sheetName) throws IOException {
    Font bold = wb.createFont();
    bold.setBold(true);
    CellStyle titleStyle = wb.createCellStyle();
    Font big = wb.createFont();
    big.setBold(true);
    big.setFontHeightInPoints((short) 14);
    titleStyle.setFont(big);
    CellStyle header = wb.createCellStyle();
    header.setFont(bold);
    header.setWrapText(true);
    CellStyle percent = wb.createCellStyle();
    percent.setDataFormat(wb.createDataFormat().getFormat("0.0%"));
    CellStyle decimal = wb.createCellStyle();
    decimal.setDataFormat(wb.createDataFormat().getFormat("0.00"));
    CellStyle boldPercent = wb.createCellStyle();
    boldPercent.cloneStyleFrom(percent);
    boldPercent.setFont(bold);
    CellStyle boldDecimal = wb.createCellStyle();
    boldDecimal.cloneStyleFrom(decimal);
    boldDecimal.setFont(bold);
    CellStyle boldPlain = wb.createCellStyle();
    boldPlain.setFont(bold);

    Sheet sheet = wb.createSheet(sheetName);
    int r = 0;
    Cell title = sheet.createRow(r++).createCell(0);
    title.setCellValue(t.title());
    title.setCellStyle(titleStyle);
    sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, t.columns().size() - 1));
    for (String note : t.notes()) {
      sheet.createRow(r++).createCell(0).setCellValue(note);
    }
    Row head = sheet.createRow(r++);
    for (int i = 0; i < t.columns().size(); i++) {
      Cell c = head.createCell(i);
      c.setCellValue(t.columns().get(i).header());
      c.setCellStyle(header);
      sheet.setColumnWidth(i, t.columns().get(i).kind() == ReportTable.Kind.TEXT ? 24 * 256 : 12 * 256);
    }
    for (int n = 0; n < t.rows().size(); n++) {
      boolean totals = n == t.rows().size() - 1;
      List<Object> values = t.rows().get(n);
      Row row = sheet.createRow(r++);
      for (int i = 0; i < values.size(); i++) {
        Object v = values.get(i);
        if (v == null) {
          continue;
        }
        Cell c = row.createCell(i);
        switch (t.columns().get(i).kind()) {
          case TEXT -> c.setCellValue(v.toString());
          case INTEGER -> c.setCellValue(((Long) v).doubleValue());
          case DECIMAL -> {
            c.setCellValue((Double) v);
            c.setCellStyle(totals ? boldDecimal : decimal);
          }
          case PERCENT -> {
            c.setCellValue((Double) v);
            c.setCellStyle(totals ? boldPercent : percent);
          }
        }
        if (totals && (t.columns().get(i).kind() == ReportTable.Kind.TEXT
            || t.columns().get(i).kind() == ReportTable.Kind.INTEGER)) {
          c.setCellStyle(boldPlain);
        }
      }
    }
    sheet.createFreezePane(0, t.notes().size() + 2);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    wb.write(out);
    return Buffer.buffer(out.toByteArray());
  }
}
