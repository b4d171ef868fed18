package cn.enterprisegrid.notify;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * No pushes during the quiet hours (e.g. 22:00-08:00 Asia/Shanghai): a push due inside them is deferred to their
 * end, never dropped. A window may wrap midnight.
 */
final class QuietHours {
  private final LocalTime start;
  private final LocalTime end;
  private final ZoneId zone;

  /** {@code start} null means no quiet hours. */
  QuietHours(LocalTime start, LocalTime end, ZoneId zone) {
    this.start = start;
    this.end = end;
    this.zone = zone;
  }

  /** When a push due at {@code at} may go out: {@code at} itself, or the end of the quiet hours it falls in. */
  Instant deferUntil(Instant at) {
    if (start == null || start.equals(end)) {
      return at;
    }
    ZonedDateTime local = at.atZone(zone);
    LocalTime t = local.toLocalTime();
    boolean wraps = start.isAfter(end);
    boolean quiet = wraps ? !t.isBefore(start) || t.isBefore(end) : !t.isBefore(start) && t.isBefore(end);
    if (!quiet) {
      return at;
    }
    ZonedDateTime endToday = local.toLocalDate().atTime(end).atZone(zone);
    // in a wrapping window, a time after the start ends tomorrow morning
    ZonedDateTime until = wraps && !t.isBefore(start) ? endToday.plusDays(1) : endToday;
    return until.toInstant();
  }
}
