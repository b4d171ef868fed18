package cn.enterprisegrid.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * One year's schedule as the State Council publishes it: the days off ({@link Kind#HOLIDAY}, on
 * any weekday) and the weekend days worked in exchange ({@link Kind#WORKDAY}). Every other
 * Monday to Friday is a working day, every other Saturday and Sunday a rest day. Immutable.
 */
public record YearSchedule(int year, Map<LocalDate, Day> days) {

  /** What a listed date is. */
  public enum Kind { HOLIDAY, WORKDAY }

  /** A listed date: its kind and the festival it belongs to (e.g. 春节). */
  public record Day(LocalDate date, Kind kind, String name) {}

  /**
   * Checks the rows belong together: each date inside {@code year}, listed once, and a WORKDAY
   * only on a Saturday or Sunday (a weekday is a working day anyway: listing it is a typo).
   *
   * @throws IllegalArgumentException naming the offending date
   */
  public YearSchedule {
    Map<LocalDate, Day> copy = new TreeMap<>();
    for (Map.Entry<LocalDate, Day> e : days.entrySet()) {
      Day d = e.getValue();
      if (!e.getKey().equals(d.date())) {
        throw new IllegalArgumentException("row of " + d.date() + " filed under " + e.getKey());
      }
      if (d.date().getYear() != year) {
        throw new IllegalArgumentException(d.date() + " is not in " + year);
      }
      if (d.kind() == Kind.WORKDAY && !weekend(d.date())) {
        throw new IllegalArgumentException(d.date() + " is a weekday: only a Saturday or Sunday can be a make-up working day");
      }
      copy.put(d.date(), d);
    }
    days = Map.copyOf(copy);
  }

  /** Whether {@code date} (of this year) is a working day. */
  public boolean isWorkingDay(LocalDate date) {
    Day d = days.get(date);
    if (d != null) {
      return d.kind() == Kind.WORKDAY;
    }
    return !weekend(date);
  }

  static boolean weekend(LocalDate date) {
    DayOfWeek w = date.getDayOfWeek();
    return w == DayOfWeek.SATURDAY || w == DayOfWeek.SUNDAY;
  }
}
