package cn.enterprisegrid.enterprise;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The flat CSV form of the enterprise record: columns named like the canonical JSON members
 * ({@code uscc,name,regionCode,address,industryCode,establishedOn,registeredCapital,employees,
 * tags,creditStatus}), tags separated by {@code |}, one year of financials as {@code
 * year,revenue,assets,rdExpense,taxPaid}, location as {@code lat,lon}. RFC 4180 quoting within a
 * line (a quoted field cannot span lines). An empty cell is an absent value.
 */
final class CsvRecords {
  static final Set<String> COLUMNS = Set.of("uscc", "name", "regionCode", "address", "industryCode",
      "establishedOn", "registeredCapital", "employees", "tags", "creditStatus", "year", "revenue",
      "assets", "rdExpense", "taxPaid", "lat", "lon");
  private static final Set<String> NUMBERS = Set.of("registeredCapital", "employees", "year", "revenue",
      "assets", "rdExpense", "taxPaid", "lat", "lon");
  private static final Set<String> FIGURES = Set.of("revenue", "assets", "rdExpense", "taxPaid");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
  private static final Pattern WHOLE = Pattern.compile("-?\\d{1,15}");

  private final List<String> header;

  private CsvRecords(List<String> header) {
    this.header = header;
  }

  /** Reads the header line; fails naming an unknown or repeated column. */
  static CsvRecords header(String line) {
    List<String> cols = split(line);
    List<String> clean = new ArrayList<>();
    for (String c : cols) {
      String name = c.strip();
      if (!COLUMNS.contains(name)) {
        throw new IllegalArgumentException("unknown column '" + name + "'; known: " + String.join(",", COLUMNS));
      }
      if (clean.contains(name)) {
        throw new IllegalArgumentException("column '" + name + "' appears twice");
      }
      clean.add(name);
    }
    return new CsvRecords(clean);
  }

  /** One row as enterprise JSON, or an exception naming the problem with the row's shape. */
  JsonObject row(String line) {
    List<String> cells = split(line);
    if (cells.size() != header.size()) {
      throw new IllegalArgumentException("the row has " + cells.size() + " cells, the header " + header.size());
    }
    JsonObject json = new JsonObject();
    JsonObject year = new JsonObject();
    JsonObject location = new JsonObject();
    for (int i = 0; i < cells.size(); i++) {
      String col = header.get(i);
      String cell = cells.get(i).strip();
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

  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("a quoted cell is not closed on its line");
    }
    out.add(cell.toString());
    return out;
  }
}
