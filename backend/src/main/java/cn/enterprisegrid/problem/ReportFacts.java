package cn.enterprisegrid.problem;

import cn.enterprisegrid.calendar.WorkingCalendar;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * What a case contributes to the reports (docs/problems.md, "Reports"), computed in Java when it
 * is filed, takes a step or ticks, and merged by {@code include/problem_facts.lua} into the hash of
 * its township and filing month in the same script. The fields are short because a city holds
 * millions: {@code f} filed day, {@code d} accountable department ("" before dispatch), {@code c}
 * accepted (受理), {@code x} rejected, {@code a} intake decided on time (1/0), {@code r} first
 * progress report on time (1/0), {@code s} resolved now, {@code w} working days from filing to the
 * latest resolution less the days suspended, {@code g} the latest rating (1 非常满意 … 5 非常不满意),
 * {@code o} times reopened, {@code b} breaches fired; {@code p} and {@code v} are what the firm's
 * open and overdue counters last counted for the case (the script keeps them).
 */
final class ReportFacts {
  private ReportFacts() {}

  /** The facts' keys of a case (include/problem_facts: five from its base). */
  static List<String> keys(String township, LocalDate filedOn, String department) {
    return List.of(ProblemKeys.facts(township, YearMonth.from(filedOn).toString()), ProblemKeys.FACT_TOWNSHIPS,
        ProblemKeys.factsOfDepartment(department), ProblemKeys.FIRMS, ProblemKeys.OVERDUE);
  }

  /** The keys of a stored case, {@code department} accountable after the step. */
  static List<String> keys(Map<String, String> h, String department) {
    return keys(h.getOrDefault("township", ""), filedOn(h), department);
  }

  /** The first fact of a case filed on {@code on}: open, nothing decided yet. */
  static JsonObject filed(String id, String uscc, String township, LocalDate on) {
    return base(id, uscc, township, "").put("open", 1).put("set", new JsonObject().put("f", on.toString()));
  }

  /** What step {@code ch} (taken at {@code now}) changes in the case's fact. */
  static JsonObject step(String id, Map<String, String> h, Step step, StepArgs args, Change ch, String department,
      WorkingCalendar cal, Instant now) {
    CaseClock before = ClockJson.decode(new JsonObject(h.get("clock")));
    JsonObject set = new JsonObject().put("d", department).put("s", resolved(ch.next()) ? 1 : 0);
    JsonObject once = new JsonObject();
    JsonObject add = new JsonObject();
    switch (step) {
      case ACCEPT -> {
        set.put("c", 1);
        onTime(once, "a", before.accept(), now);
      }
      case REJECT -> {
        set.put("x", 1);
        onTime(once, "a", before.accept(), now);
      }
      case PROGRESS -> onTime(once, "r", before.firstReport(), now);
      case RESOLVE -> {
        // a resolution without a progress report first is the first report too (CaseClock.resolved)
        onTime(once, "r", before.firstReport(), now);
        LocalDate today = LocalDate.ofInstant(now, WorkingCalendar.ZONE);
        int days = cal.workingDaysBetween(filedOn(h), today) - ch.clock().suspendedWorkingDays();
        set.put("w", Math.max(0, days));
      }
      case RATE -> {
        set.put("g", args.rating().ordinal() + 1);
        if (args.rating().bad()) {
          add.put("o", 1);
        }
      }
      case REOPEN -> add.put("o", 1);
      // an upheld appeal takes the rating out of the satisfaction rate (the case counts as unrated)
      case APPEAL_DECISION -> {
        if (Boolean.TRUE.equals(args.upheld())) {
          set.put("g", 0);
        }
      }
      default -> { }
    }
    return base(id, h.get("uscc"), h.get("township"), department).put("open", ch.next().open() ? 1 : 0)
        .put("set", set).put("once", once).put("add", add);
  }

  /** A tick's fact: the script adds the breaches it fires; status and department are unchanged. */
  static JsonObject tick(String id, Map<String, String> h) {
    return base(id, h.get("uscc"), h.get("township"), h.getOrDefault("department", ""));
  }

  /** The day (Asia/Shanghai) a stored case was filed. */
  static LocalDate filedOn(Map<String, String> h) {
    return LocalDate.ofInstant(Instant.parse(h.get("filedAt")), WorkingCalendar.ZONE);
  }

  /** Resolved now: a resolution the firm has not (or no longer) disputed. */
  static boolean resolved(ProblemStatus s) {
    return s == ProblemStatus.RESOLVED || s == ProblemStatus.RATED || s == ProblemStatus.CLOSED;
  }

  private static void onTime(JsonObject once, String field, Deadline d, Instant now) {
    if (d != null) {
      once.put(field, now.isAfter(d.passesAt()) ? 0 : 1);
    }
  }

  private static JsonObject base(String id, String uscc, String township, String department) {
    return new JsonObject().put("id", id).put("uscc", uscc == null ? "" : uscc)
        .put("township", township == null ? "" : township).put("department", department == null ? "" : department);
  }
}
