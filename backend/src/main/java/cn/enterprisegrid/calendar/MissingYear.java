package cn.enterprisegrid.calendar;

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
}
