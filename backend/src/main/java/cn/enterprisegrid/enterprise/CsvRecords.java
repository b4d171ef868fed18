package cn.enterprisegrid.enterprise;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The flat (CSV or spreadsheet) form of the enterprise record: columns named like the canonical JSON
 * members ({@code uscc,name,regionCode,address,industryCode,establishedOn,registeredCapital,employees,
 * tags,creditStatus}) or by their Chinese labels ({@link #LABELS}, as an office's 台账 heads them), tags
 * separated by {@code |}, one year of financials as {@code year,revenue,assets,rdExpense,taxPaid},
 * location as {@code lat,lon}. An empty cell is an absent value. A CSV record's cells are read by
 * Apache Commons CSV (RFC 4180: quoted cells may hold commas, line breaks and doubled quotes).
 */
final class CsvRecords {
  /** Column name to its Chinese label, in the record's order. */
  static final Map<String, String> LABELS = labels();
  static final Set<String> COLUMNS = LABELS.keySet();
  private static final Set<String> NUMBERS = Set.of("registeredCapital", "employees", "year", "revenue",
      "assets", "rdExpense", "taxPaid", "lat", "lon");
  private static final Set<String> FIGURES = Set.of("revenue", "assets", "rdExpense", "taxPaid");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
  private static final Pattern WHOLE = Pattern.compile("-?\\d{1,15}");
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(false).get();

  private final List<String> header;

  private CsvRecords(List<String> header) {
    this.header = header;
  }

  private static Map<String, String> labels() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("uscc", "统一社会信用代码");
    m.put("name", "企业名称");
    m.put("regionCode", "行政区划代码");
    m.put("address", "地址");
    m.put("industryCode", "行业代码");
    m.put("establishedOn", "成立日期");
    m.put("registeredCapital", "注册资本（万元）");
    m.put("employees", "从业人数");
    m.put("tags", "标签");
    m.put("creditStatus", "信用状态");
    m.put("year", "年度");
    m.put("revenue", "营业收入（万元）");
    m.put("assets", "资产总额（万元）");
    m.put("rdExpense", "研发费用（万元）");
    m.put("taxPaid", "纳税额（万元）");
    m.put("lat", "纬度");
    m.put("lon", "经度");
    return java.util.Collections.unmodifiableMap(m);
  }

  /** Reads a CSV header record; fails naming an unknown or repeated column. */
  static CsvRecords header(String record) {
    return header(cells(record));
  }

  /** Reads a header row's cells (a column name or its Chinese label each); fails naming an unknown or repeated column. */
  static CsvRecords header(List<String> cells) {
    List<String> clean = new ArrayList<>();
    for (String c : cells) {
      String name = column(c.strip());
      if (name == null) {
        throw new IllegalArgumentException("unknown column '" + c.strip() + "'; known: " + String.join(",", COLUMNS));
      }
      if (clean.contains(name)) {
        throw new IllegalArgumentException("column '" + name + "' appears twice");
      }
      clean.add(name);
    }
    return new CsvRecords(clean);
  }

  private static String column(String cell) {
    if (COLUMNS.contains(cell)) {
      return cell;
    }
    for (Map.Entry<String, String> e : LABELS.entrySet()) {
      if (e.getValue().equals(cell)) {
        return e.getKey();
      }
    }
    return null;
  }

  int width() {
    return header.size();
  }

  /** One CSV record as enterprise JSON, or an exception naming the problem with the record's shape. */
  JsonObject row(String record) {
    return row(cells(record));
  }

  /** One row's cells as enterprise JSON, or an exception naming the problem with the row's shape. */
  JsonObject row(List<String> cells) {
    if (cells.size() != header.size()) {
      throw new IllegalArgumentException("the row has " + cells.size() + " cells, the header " + header.size());
    }
    JsonObject json = new JsonObject();
    JsonObject year = new JsonObject();
    JsonObject location = new JsonObject();
    for (int i = 0; i < cells.size(); i++) {
      String col = header.get(i);
      String cell = cells.get(i) == null ? "" : cells.get(i).strip();
      if (cell.isEmpty()) {
        continue;
      }
      Object value = cell;
      if (NUMBERS.contains(col)) {
        value = WHOLE.matcher(cell).matches() ? (Object) Long.parseLong(cell)
            : NUMBER.matcher(cell).matches() ? (Object) Double.parseDouble(cell) : cell;
      }
      if (col.equals("tags")) {
        JsonArray tags = new JsonArray();
        for (String t : cell.split("\\|", -1)) {
          tags.add(t.strip());
        }
        json.put("tags", tags);
      } else if (col.equals("year") || FIGURES.contains(col)) {
        year.put(col, value);
      } else if (col.equals("lat") || col.equals("lon")) {
        location.put(col, value);
      } else {
        json.put(col, value);
      }
    }
    if (!year.isEmpty()) {
      json.put("financials", new JsonArray().add(year));
    }
    if (!location.isEmpty()) {
      json.put("location", location);
    }
    return json;
  }

  /**
   * The cells of one CSV record (as {@link LineSplitter} cut it: whole, line breaks inside quotes
   * included). Malformed quoting fails with a reason in Chinese.
   */
  static List<String> cells(String record) {
    try (CSVParser p = CSVParser.parse(record, FORMAT)) {
      Iterator<CSVRecord> it = p.iterator();
      if (!it.hasNext()) {
        return List.of("");
      }
      CSVRecord r = it.next();
      if (it.hasNext()) {
        throw new IllegalArgumentException("引号不成对：一个单元格内的引号须写成两个（\"\"），带引号的单元格须以引号结束");
      }
      return r.toList();
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalArgumentException("引号不成对或引号后紧跟其他字符（" + e.getMessage() + "）");
    }
  }
}
