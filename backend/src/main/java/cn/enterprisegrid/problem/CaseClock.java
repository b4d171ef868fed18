package cn.enterprisegrid.problem;

import cn.enterprisegrid.calendar.WorkingCalendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The deadlines of one case and its suspension: time suspended does not count (the running
 * deadlines move later by the working days the case spent suspended, as in Znuny's escalation
 * suspend). Immutable; every step answers a new clock. Dates are days in Asia/Shanghai.
 */
public record CaseClock(Deadline accept, Deadline firstReport, Deadline resolve, Deadline verify,
    LocalDate suspendedSince, int suspendedWorkingDays) {

  /** A new case submitted on {@code on}: only the accept deadline runs. */
  public static CaseClock submitted(LocalDate on, ServiceLevels levels, WorkingCalendar cal) {
    return new CaseClock(Deadline.start(Deadline.Kind.ACCEPT, on, levels.acceptDays(), levels.warnShare(), cal),
        null, null, null, null, 0);
  }

  public CaseClock accepted() {
    return new CaseClock(met(accept), firstReport, resolve, verify, suspendedSince, suspendedWorkingDays);
  }

  /** Dispatched on {@code on}: the first-report and resolve deadlines start. */
  public CaseClock dispatched(LocalDate on, Complexity complexity, ServiceLevels levels, WorkingCalendar cal) {
    return new CaseClock(met(accept),
        Deadline.start(Deadline.Kind.FIRST_REPORT, on, levels.firstReportDays(), levels.warnShare(), cal),
        Deadline.start(Deadline.Kind.RESOLVE, on, levels.resolveDays(complexity), levels.warnShare(), cal),
        null, null, suspendedWorkingDays);
  }

  public CaseClock reported() {
    return new CaseClock(accept, met(firstReport), resolve, verify, suspendedSince, suspendedWorkingDays);
  }

  public CaseClock resolved() {
    return new CaseClock(accept, met(firstReport), met(resolve), verify, suspendedSince, suspendedWorkingDays);
  }

  /** Suspended on {@code on}: the clock stops. */
  public CaseClock suspended(LocalDate on) {
    if (suspendedSince != null) {
      throw new IllegalStateException("already suspended since " + suspendedSince);
    }
    return new CaseClock(accept, firstReport, resolve, verify, on, suspendedWorkingDays);
  }

  /** Resumed on {@code on}: the running deadlines move later by the working days suspended. */
  public CaseClock resumed(LocalDate on, WorkingCalendar cal) {
    if (suspendedSince == null) {
      throw new IllegalStateException("not suspended");
    }
    int days = cal.workingDaysBetween(suspendedSince, on);
    return new CaseClock(accept, later(firstReport, days, cal), later(resolve, days, cal), verify, null,
        suspendedWorkingDays + days);
  }

  /** An approved extension of the resolve deadline. */
  public CaseClock extended(int workingDays, WorkingCalendar cal) {
    if (resolve == null || resolve.met()) {
      throw new IllegalStateException("no running resolve deadline to extend");
    }
    return new CaseClock(accept, firstReport, resolve.later(workingDays, cal), verify, suspendedSince,
        suspendedWorkingDays);
  }

  /** A bad rating on {@code on}: verification (回访) is due within the levels' verify days. */
  public CaseClock verifying(LocalDate on, ServiceLevels levels, WorkingCalendar cal) {
    return new CaseClock(accept, firstReport, resolve,
        Deadline.start(Deadline.Kind.VERIFY, on, levels.verifyDays(), levels.warnShare(), cal),
        suspendedSince, suspendedWorkingDays);
  }

  public CaseClock verified() {
    return new CaseClock(accept, firstReport, resolve, met(verify), suspendedSince, suspendedWorkingDays);
  }

  /**
   * The clock of a case merged into another ({@code mergedInto}): its own accept, report and
   * resolve deadlines no longer run (the target's do the work); the verification of its own firm's
   * bad rating still does. Only a view for scoring and overdue: the stored clock keeps its dates.
   */
  public CaseClock following() {
    return new CaseClock(met(accept), met(firstReport), met(resolve), verify, suspendedSince, suspendedWorkingDays);
  }

  /** The running deadlines (not met), earliest first; none while suspended (the clock stands). */
  public List<Deadline> running() {
    List<Deadline> out = new ArrayList<>();
    if (suspendedSince != null) {
      return out;
    }
    for (Deadline d : new Deadline[] {accept, firstReport, resolve, verify}) {
      if (d != null && !d.met()) {
        out.add(d);
      }
    }
    out.sort((a, b) -> a.due().compareTo(b.due()));
    return out;
  }

  /** The next instant something happens on this clock (a warning or a breach), if any. */
  public Optional<Instant> nextEvent(Instant after) {
    return running().stream()
        .flatMap(d -> Stream.of(d.warnAt(), d.passesAt()))
        .filter(t -> t.isAfter(after)).min(Instant::compareTo);
  }

  /** Whether a running deadline has passed. */
  public boolean overdue(Instant now) {
    return running().stream().anyMatch(d -> d.overdue(now));
  }

  private static Deadline met(Deadline d) {
    return d == null ? null : d.metNow();
  }

  private static Deadline later(Deadline d, int days, WorkingCalendar cal) {
    return d == null ? null : d.later(days, cal);
  }
}
