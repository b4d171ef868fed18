package cn.enterprisegrid.problem;

import cn.enterprisegrid.calendar.WorkingCalendar;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the store reads from and writes into a case's hash besides the step itself: who is
 * accountable, the fired events, the clock as it runs, the instants its scores stand for, the
 * history entry, the change payload and the flat arrays the scripts take.
 */
final class CaseFields {
  private CaseFields() {}

  /** Who a breach counts against: the department accountable now, or the township's intake before dispatch. */
  static String accountable(Map<String, String> h) {
    String d = h.get("department");
    return d == null || d.isEmpty() ? "intake:" + h.getOrDefault("township", "") : d;
  }

  static Set<String> fired(Map<String, String> h) {
    Set<String> out = new LinkedHashSet<>();
    new JsonArray(h.getOrDefault("fired", "[]")).forEach(x -> out.add(x.toString()));
    return out;
  }

  /** The clock as it runs: a merged case's own deadlines stand while its target does the work. */
  static CaseClock effective(Map<String, String> h, CaseClock c) {
    String into = h.get("mergedInto");
    return into == null || into.isEmpty() ? c : c.following();
  }

  /** When the clock closes an unrated RESOLVED case ({@code autoCloseOn}'s end). */
  static Optional<Instant> autoCloseAt(Map<String, String> h) {
    String on = h.get("autoCloseOn");
    return ProblemStatus.RESOLVED.name().equals(h.get("status")) && on != null
        ? Optional.of(WorkingCalendar.endOf(LocalDate.parse(on))) : Optional.empty();
  }

  static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : Optional.of(a.get().isBefore(b.get()) ? a.get() : b.get());
  }


  /** The instant the earliest running deadline passed, when one has by {@code now}. */
  static Optional<Instant> overdueSince(CaseClock c, Instant now) {
    return c.running().stream().map(Deadline::passesAt).filter(t -> !t.isAfter(now)).min(Instant::compareTo);
  }

  static String label(ClockEvents.Event e) {
    String what = switch (e.deadline().kind()) {
      case ACCEPT -> "受理";
      case FIRST_REPORT -> "首次报告进展";
      case RESOLVE -> "办结";
      case VERIFY -> "核实";
    };
    return ("WARN".equals(e.type()) ? "临期预警：" : "超期：") + what + "时限 " + e.deadline().due();
  }

  static JsonObject payload(String id, ProblemStatus status, int version, String category, String uscc,
      String department, String dispatchNo) {
    return new JsonObject().put("id", id).put("status", status.name()).put("version", version)
        .put("category", category).put("uscc", uscc).put("department", department).put("dispatchNo", dispatchNo);
  }

  static JsonArray entry(String step, String label, String actor, Instant at, ProblemStatus status, String note) {
    return new JsonArray().add("step").add(step).add("label").add(label).add("actor").add(actor)
        .add("at").add(at.toString()).add("status").add(status.name()).add("note").add(note == null ? "" : note);
  }

  static JsonArray flat(Map<String, String> m) {
    JsonArray out = new JsonArray();
    m.forEach((k, v) -> out.add(k).add(v));
    return out;
  }

  static String score(Optional<Instant> at) {
    return at.map(t -> String.valueOf(t.toEpochMilli())).orElse("");
  }


  static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
