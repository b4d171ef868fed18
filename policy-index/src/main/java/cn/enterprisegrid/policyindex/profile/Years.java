package cn.enterprisegrid.policyindex.profile;

import java.time.LocalDate;
import java.time.MonthDay;

/**
 * Whole years completed since a date, the rule every engine uses for {@code yearsSinceEstablished}:
 * the anniversary is the same month and day; a firm established on 29 February completes its years
 * on 1 March in non-leap years.
 */
public final class Years {
  private Years() {}

  /** Whole years completed from {@code from} to {@code at} (negative when {@code from} is later). */
  public static int completed(LocalDate from, LocalDate at) {
    int years = at.getYear() - from.getYear();
    if (MonthDay.from(at).isBefore(MonthDay.from(from))) {
      years--;
    }
    return years;
  }

  /**
   * The latest establishment date that has completed at least {@code years} whole years at {@code
   * at}. Since {@link #completed} decreases as the establishment date grows, "completed ≥ n" is
   * exactly "establishedOn ≤ latestEstablishedFor(n, at)".
   */
  public static LocalDate latestEstablishedFor(int years, LocalDate at) {
    LocalDate d = at.minusYears(years);
    while (completed(d.plusDays(1), at) >= years) {
      d = d.plusDays(1);
    }
    while (completed(d, at) < years) {
      d = d.minusDays(1);
    }
    return d;
  }

  /** The first date at which a firm established on {@code established} has completed {@code years}. */
  public static LocalDate reachedOn(LocalDate established, int years) {
    LocalDate d = established.plusYears(years);
    while (completed(established, d) < years) {
      d = d.plusDays(1);
    }
    while (completed(established, d.minusDays(1)) >= years) {
      d = d.minusDays(1);
    }
    return d;
  }
}
