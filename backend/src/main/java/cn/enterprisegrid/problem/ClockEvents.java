package cn.enterprisegrid.problem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What a case's clock has to do, given the events already fired (the case hash's {@code fired}):
 * a warning at {@link Deadline#warnAt} and a breach at {@link Deadline#passesAt} of every running
 * deadline, each fired once. An event is named by its type, the deadline's kind and the day the
 * deadline started ({@code BREACH:RESOLVE:2026-02-10}): suspension and extension keep the start (a
 * moved deadline does not fire again), a new dispatch starts a new deadline (which may).
 */
final class ClockEvents {
  private ClockEvents() {}

  /** One warning or breach of one deadline. */
  record Event(String type, Deadline deadline, Instant at) {
    String name() {
      return type + ":" + deadline.kind() + ":" + deadline.start();
    }
  }

  /** Every event of the running deadlines not fired yet, earliest first. */
  static List<Event> pending(CaseClock clock, Collection<String> fired) {
    List<Event> out = new ArrayList<>();
    for (Deadline d : clock.running()) {
      for (Event e : List.of(new Event("WARN", d, d.warnAt()), new Event("BREACH", d, d.passesAt()))) {
        if (!fired.contains(e.name())) {
          out.add(e);
        }
      }
    }
    out.sort((a, b) -> a.at().compareTo(b.at()));
    return out;
  }

  /** The events due at {@code now}. */
  static List<Event> due(CaseClock clock, Collection<String> fired, Instant now) {
    return pending(clock, fired).stream().filter(e -> !e.at().isAfter(now)).toList();
  }

  /**
   * The instant the clock next has something to do: its earliest unfired event (already past when
   * one is due), or none (nothing running: the case leaves {@code problems:clock}).
   */
  static Optional<Instant> next(CaseClock clock, Collection<String> fired) {
    return pending(clock, fired).stream().map(Event::at).findFirst();
  }

  /** The next instant after the events {@code firing} now are fired. */
  static Optional<Instant> nextAfter(CaseClock clock, Collection<String> fired, List<Event> firing) {
    List<String> all = new ArrayList<>(fired);
    firing.forEach(e -> all.add(e.name()));
    return next(clock, all);
  }
}
