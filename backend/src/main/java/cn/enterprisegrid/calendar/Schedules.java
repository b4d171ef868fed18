package cn.enterprisegrid.calendar;

import cn.enterprisegrid.http.Language;
import cn.enterprisegrid.http.Text;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads schedules in the State Council file format ({@code date,kind,name}, a header row, lines
 * starting with {@code #} are comments), and the years bundled with the backend.
 */
public final class Schedules {
  /** The years shipped in {@code resources/calendar/cn-YYYY.csv}. */
  static final List<Integer> BUNDLED = List.of(2025, 2026);

  private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
      .setCommentMarker('#').setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true)
      .setIgnoreEmptyLines(true).get();

  private Schedules() {}

  /** A row that cannot be read: its 1-based record number (after the header) and what is wrong. */
  public static final class BadRow extends IllegalArgumentException {
    private final long row;
    private final transient Text detail;

    BadRow(long row, Text detail) {
      this.row = row;
      this.detail = Text.of("calendar.row", row, detail);
    }

    public long row() {
      return row;
    }

    /** What is wrong, with the row, for the person who sent the file. */
    public Text detail() {
      return detail;
    }

    @Override
    public String getMessage() {
      return detail.render(Language.EN);
    }
  }

  /** The schedules bundled with the backend. */
  public static List<YearSchedule> bundled() {
    List<YearSchedule> out = new ArrayList<>();
    for (int year : BUNDLED) {
      String path = "/calendar/cn-" + year + ".csv";
      try (InputStream in = Schedules.class.getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalStateException("missing bundled schedule " + path);
        }
        out.add(parse(year, new InputStreamReader(in, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** Parses one year's rows. @throws BadRow naming the first row that is wrong */
  public static YearSchedule parse(int year, String csv) {
    return parse(year, new StringReader(csv));
  }

  static YearSchedule parse(int year, Reader reader) {
    Map<LocalDate, YearSchedule.Day> days = new LinkedHashMap<>();
    try (CSVParser parser = FORMAT.parse(reader)) {
      if (!parser.getHeaderNames().equals(List.of("date", "kind", "name"))) {
        throw new BadRow(0, Text.of("calendar.header"));
      }
      for (CSVRecord r : parser) {
        long n = r.getRecordNumber();
        if (r.size() != 3) {
          throw new BadRow(n, Text.of("calendar.columns", r.size()));
        }
        YearSchedule.Day day = day(n, r.get("date"), r.get("kind"), r.get("name"));
        if (days.put(day.date(), day) != null) {
          throw new BadRow(n, Text.of("calendar.twice", day.date()));
        }
        // the schedule's own checks, worded for the person who sent the file
        if (day.date().getYear() != year) {
          throw new BadRow(n, Text.of("calendar.not-in-year", day.date(), year));
        }
        try {
          new YearSchedule(year, Map.of(day.date(), day));
        } catch (IllegalArgumentException e) {
          throw new BadRow(n, Text.of("calendar.weekday-workday", day.date()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalStateException | UncheckedIOException e) {
      // commons-csv reports malformed quoting this way
      throw new BadRow(0, Text.of("calendar.unreadable", e.getMessage()));
    }
    return new YearSchedule(year, days);
  }

  private static YearSchedule.Day day(long n, String date, String kind, String name) {
    LocalDate d;
    try {
      d = LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      throw new BadRow(n, Text.of("calendar.date", date));
    }
    YearSchedule.Kind k;
    try {
      k = YearSchedule.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRow(n, Text.of("calendar.kind", kind));
    }
    if (name.isBlank()) {
      throw new BadRow(n, Text.of("calendar.name"));
    }
    return new YearSchedule.Day(d, k, name);
  }
}
