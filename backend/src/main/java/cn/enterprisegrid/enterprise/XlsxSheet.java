package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.http.Language;
import cn.enterprisegrid.http.Text;
import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OLE2NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import javax.xml.parsers.ParserConfigurationException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads the first sheet of an .xlsx file row by row with POI's SAX event API ({@link XSSFReader}
 * and {@link XSSFSheetXMLHandler}): the sheet's XML is never held, only the row being read; the
 * shared strings are a read-only table (one string per distinct text, as Excel stores them). A cell
 * comes as its value, not as it is displayed: a number in plain digits whatever its format (a
 * 12-digit village code is not {@code 3.30824E+11}, an amount is not rounded to the format's
 * decimals), a date as {@code yyyy-MM-dd}. Blocking: call it on a worker.
 */
final class XlsxSheet {
  /** Columns past this one are not kept (the record has 17); a row that has any is marked wide. */
  static final int MAX_COLUMNS = 64;

  /** Receives each non-empty row of the sheet. */
  interface Rows {
    /**
     * @param number the row's number as Excel shows it (from 1)
     * @param cells  the cells from column A on, "" where a cell is missing
     * @param wide   whether the row has a value beyond {@value #MAX_COLUMNS} columns
     */
    void row(long number, List<String> cells, boolean wide);
  }

  /** The file is no .xlsx workbook, or its parts cannot be read; the message is for a person. */
  static final class Unreadable extends Exception {
    private final transient Text detail;

    Unreadable(Text detail, Throwable cause) {
      super(detail.render(Language.EN), cause);
      this.detail = detail;
    }

    /** What is wrong, for the person who sent the file. */
    Text detail() {
      return detail;
    }
  }

  private XlsxSheet() {}

  static void read(File file, Rows rows) throws Unreadable {
    OPCPackage pkg = null;
    try {
      pkg = OPCPackage.open(file, PackageAccess.READ);
      XSSFReader reader = new XSSFReader(pkg);
      StylesTable styles = reader.getStylesTable();
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
      Iterator<InputStream> sheets = reader.getSheetsData();
      if (!sheets.hasNext()) {
        throw new Unreadable(Text.of("import.xlsx-no-sheet"), null);
      }
      try (InputStream sheet = sheets.next()) {
        XMLReader parser = XMLHelper.newXMLReader();
        parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, new Collector(rows),
            new ValueFormatter(), false));
        parser.parse(new InputSource(sheet));
      }
    } catch (OLE2NotOfficeXmlFileException e) {
      throw new Unreadable(Text.of("import.xlsx-legacy"), e);
    } catch (NotOfficeXmlFileException | InvalidFormatException e) {
      throw new Unreadable(Text.of("import.xlsx-not-workbook"), e);
    } catch (IOException | SAXException | OpenXML4JException | ParserConfigurationException | POIXMLException e) {
      throw new Unreadable(Text.of("import.xlsx-unreadable", e.getMessage()), e);
    } finally {
      if (pkg != null) {
        pkg.revert(); // close() would try to save a package opened read-only
      }
    }
  }

  /** Gathers one row's cells by column. */
  private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {
    private final Rows rows;
    private List<String> cells = new ArrayList<>();
    private boolean wide;

    Collector(Rows rows) {
      this.rows = rows;
    }

    @Override
    public void startRow(int rowNum) {
      cells = new ArrayList<>();
      wide = false;
    }

    @Override
    public void endRow(int rowNum) {
      rows.row(rowNum + 1L, cells, wide);
    }

    @Override
    public void cell(String ref, String value, XSSFComment comment) {
      int col = ref == null ? cells.size() : column(ref);
      if (value == null || value.isEmpty()) {
        return;
      }
      if (col >= MAX_COLUMNS) {
        wide = true;
        return;
      }
      while (cells.size() <= col) {
        cells.add("");
      }
      cells.set(col, value);
    }
  }

  /** The column of a reference like {@code AB12}, from 0. */
  static int column(String ref) {
    int col = 0;
    for (int i = 0; i < ref.length(); i++) {
      char c = ref.charAt(i);
      if (c < 'A' || c > 'Z') {
        break;
      }
      col = col * 26 + (c - 'A' + 1);
      if (col > MAX_COLUMNS) {
        return MAX_COLUMNS;
      }
    }
    return col - 1;
  }

  /** Formats a numeric cell as its value: a date as ISO, anything else in plain digits. */
  private static final class ValueFormatter extends DataFormatter {
    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString) {
      if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
        return DateUtil.getLocalDateTime(value).toLocalDate().toString();
      }
      return plain(value);
    }
  }

  static String plain(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
