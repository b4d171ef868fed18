package cn.enterprisegrid.problem;

import cn.enterprisegrid.calendar.WorkingCalendar;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One deadline of a case: what it is for, the day its clock started, how many working days it
 * allows and the day it falls due (its end, in Asia/Shanghai). {@code met} once the step it waits
 * for was taken. Immutable; suspension and extension answer a moved copy.
 */
public record Deadline(Kind kind, LocalDate start, int workingDays, LocalDate due, LocalDate warnOn, boolean met) {

  /** What a deadline waits for. */
  public enum Kind { ACCEPT, FIRST_REPORT, RESOLVE, VERIFY }

  /** A deadline of {@code workingDays} starting on {@code start}, warned after {@code warnShare} of it. */
  public static Deadline start(Kind kind, LocalDate start, int workingDays, double warnShare, WorkingCalendar cal) {
    LocalDate due = cal.addWorkingDays(start, workingDays);
    LocalDate warnOn = cal.addWorkingDays(start, (int) Math.floor(workingDays * warnShare));
    return new Deadline(kind, start, workingDays, due, warnOn, false);
  }

  /** The instant it passes. */
  public Instant passesAt() {
    return WorkingCalendar.endOf(due);
  }

  /** The instant its handler is warned (the end of {@link #warnOn}, never after it passes). */
  public Instant warnAt() {
    return WorkingCalendar.endOf(warnOn.isAfter(due) ? due : warnOn);
  }

  public boolean overdue(Instant now) {
    return !met && now.isAfter(passesAt());
  }

  public Deadline metNow() {
    return new Deadline(kind, start, workingDays, due, warnOn, true);
  }

  /** Moved later by {@code days} working days (time suspended, or an approved extension). */
  public Deadline later(int days, WorkingCalendar cal) {
    if (met || days == 0) {
      return this;
    }
    return new Deadline(kind, start, workingDays + days, cal.addWorkingDays(due, days),
        cal.addWorkingDays(warnOn, days), false);
  }
}
