package cn.enterprisegrid.calendar;

import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.ProblemException;

/** A deadline would fall in (or pass through) a year whose schedule the calendar does not hold. */
public final class MissingYear extends RuntimeException {
  private final int year;

  public MissingYear(int year) {
    super("the working-day calendar has no schedule for " + year, null, false, false);
    this.year = year;
  }

  public int year() {
    return year;
  }

  /** The 409 {@code calendar-missing-year} every deadline computation answers, in Chinese. */
  public ProblemException problem() {
    return ProblemException.conflict("calendar-missing-year", Text.of("calendar.missing-year", year));
  }
}
