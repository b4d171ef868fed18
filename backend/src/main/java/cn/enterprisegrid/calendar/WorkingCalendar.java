package cn.enterprisegrid.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The PRC working-day calendar over the years it holds. Deadlines are counted in working days
 * ("N working days after D": D itself does not count) and end at the end of their day in
 * Asia/Shanghai. A computation that needs a year the calendar lacks fails with {@link MissingYear}
 * rather than guessing weekdays only. Immutable; {@link #with} answers a new calendar.
 */
public final class WorkingCalendar {
  /** The zone deadlines end in: the governments' and the firms' day. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  /** More than a year of working days: no deadline of this product is that long. */
  static final int MAX_WORKING_DAYS = 400;

  private final Map<Integer, YearSchedule> years;

  private WorkingCalendar(Map<Integer, YearSchedule> years) {
    this.years = Map.copyOf(years);
  }

  public static WorkingCalendar of(Collection<YearSchedule> schedules) {
    Map<Integer, YearSchedule> m = new TreeMap<>();
    schedules.forEach(s -> m.put(s.year(), s));
    return new WorkingCalendar(m);
  }

  /** This calendar with {@code schedule} added, or replacing the year it had. */
  public WorkingCalendar with(YearSchedule schedule) {
    Map<Integer, YearSchedule> m = new TreeMap<>(years);
    m.put(schedule.year(), schedule);
    return new WorkingCalendar(m);
  }

  public boolean covers(int year) {
    return years.containsKey(year);
  }

  /** The years held, ascending. */
  public Collection<Integer> years() {
    return new TreeMap<>(years).keySet();
  }

  /** The dates {@code year}'s schedule lists (holidays and make-up working days), by date. */
  public java.util.List<YearSchedule.Day> listed(int year) {
    return schedule(year).days().values().stream().sorted(java.util.Comparator.comparing(YearSchedule.Day::date))
        .toList();
  }

  public boolean isWorkingDay(LocalDate date) {
    return schedule(date.getYear()).isWorkingDay(date);
  }

  /**
   * The date {@code workingDays} working days after {@code from} ({@code from} itself does not
   * count; 0 answers {@code from}).
   *
   * @throws MissingYear when a day to count lies in a year the calendar lacks
   * @throws IllegalArgumentException when {@code workingDays} is negative or over a year's worth
   */
  public LocalDate addWorkingDays(LocalDate from, int workingDays) {
    if (workingDays < 0 || workingDays > MAX_WORKING_DAYS) {
      throw new IllegalArgumentException("workingDays must lie within 0.." + MAX_WORKING_DAYS);
    }
    LocalDate d = from;
    int left = workingDays;
    while (left > 0) {
      d = d.plusDays(1);
      if (isWorkingDay(d)) {
        left--;
      }
    }
    return d;
  }

  /** The working days after {@code from} up to and including {@code to} (0 when {@code to} is not after). */
  public int workingDaysBetween(LocalDate from, LocalDate to) {
    int n = 0;
    for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
      if (isWorkingDay(d)) {
        n++;
      }
    }
    return n;
  }

  /** The instant a deadline on {@code due} passes: the end of that day in Asia/Shanghai. */
  public static Instant endOf(LocalDate due) {
    return due.plusDays(1).atStartOfDay(ZONE).toInstant();
  }

  private YearSchedule schedule(int year) {
    YearSchedule s = years.get(year);
    if (s == null) {
      throw new MissingYear(year);
    }
    return s;
  }
}
