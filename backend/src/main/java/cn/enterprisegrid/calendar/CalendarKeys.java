package cn.enterprisegrid.calendar;

/** Redis keys of the years held on top of the bundled schedules ({@link CalendarStore}). */
public final class CalendarKeys {
  /** Set of the years held in Redis. */
  public static final String YEARS = "calendar:years";

  private CalendarKeys() {}

  /** One year's rows: field date (YYYY-MM-DD), value {@code KIND,name}. */
  public static String year(int year) {
    return "calendar:" + year;
  }

  /** The audit target of a year. */
  public static String target(int year) {
    return "calendar:" + year;
  }
}
