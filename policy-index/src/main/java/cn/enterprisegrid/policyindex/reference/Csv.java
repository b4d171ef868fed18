package cn.enterprisegrid.policyindex.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Minimal RFC 4180 reader for the bundled reference CSV files (quotes, doubled quotes, embedded newlines). */
final class Csv {

  /** One parsed file: a header and rows addressed by column name. */
  record Table(Map<String, Integer> columns, List<String[]> rows) {
    String get(String[] row, String column) {
      Integer i = columns.get(column);
      if (i == null) {
        throw new IllegalArgumentException("no column " + column);
      }
      return i < row.length ? row[i] : "";
    }
  }

  private Csv() {}

  static Table readResource(String name) {
    String path = "/reference/" + name;
    try (InputStream in = Csv.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + path);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
      List<String[]> records = parse(reader);
      if (records.isEmpty()) {
        throw new IllegalStateException("empty resource " + path);
      }
      String[] header = records.get(0);
      Map<String, Integer> columns = new HashMap<>();
      for (int i = 0; i < header.length; i++) {
        String h = header[i];
        if (i == 0 && !h.isEmpty() && h.charAt(0) == '\uFEFF') {
          h = h.substring(1);
        }
        columns.put(h.trim(), i);
      }
      return new Table(Map.copyOf(columns), List.copyOf(records.subList(1, records.size())));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  static List<String[]> parse(BufferedReader reader) throws IOException {
    List<String[]> out = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean fieldStarted = false;
    int c;
    while ((c = reader.read()) != -1) {
      char ch = (char) c;
      if (quoted) {
        if (ch == '"') {
          reader.mark(1);
          int next = reader.read();
          if (next == '"') {
            field.append('"');
          } else {
            quoted = false;
            if (next != -1) {
              reader.reset();
            }
          }
        } else {
          field.append(ch);
        }
        continue;
      }
      switch (ch) {
        case '"' -> {
          quoted = true;
          fieldStarted = true;
        }
        case ',' -> {
          fields.add(field.toString());
          field.setLength(0);
          fieldStarted = true;
        }
        case '\r' -> { }
        case '\n' -> {
          if (fieldStarted || field.length() > 0 || !fields.isEmpty()) {
            fields.add(field.toString());
            out.add(fields.toArray(String[]::new));
          }
          fields.clear();
          field.setLength(0);
          fieldStarted = false;
        }
        default -> {
          field.append(ch);
          fieldStarted = true;
        }
      }
    }
    if (fieldStarted || field.length() > 0 || !fields.isEmpty()) {
      fields.add(field.toString());
      out.add(fields.toArray(String[]::new));
    }
    return out;
  }
}
