package cn.enterprisegrid.problem;

import cn.enterprisegrid.audit.AuditKeys;
import cn.enterprisegrid.calendar.CalendarStore;
import cn.enterprisegrid.calendar.MissingYear;
import cn.enterprisegrid.calendar.WorkingCalendar;
import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.store.Hashes;
import cn.enterprisegrid.store.ScriptResult;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Problems (诉求) on Redis (docs/problems.md). The rule is Java's: a step loads the case, computes
 * the next status ({@link Lifecycle#next}) and the next clock ({@link CaseClock}) and runs {@code
 * problem_step.lua} with the version it read; the script writes hash, history, clock score, overdue
 * score and journal atomically, or answers {@code stale} (the step is reloaded and retried, at most
 * {@link #ATTEMPTS} times). The clock's warnings and breaches are {@link #tick} ({@link ProblemClock}).
 */
public final class ProblemStore {
  static final int ATTEMPTS = 3;
  /** Steps retried after a stale version, since start (for tests and metrics). */
  static final java.util.concurrent.atomic.AtomicLong RETRIES = new java.util.concurrent.atomic.AtomicLong();

  /** Who files a problem. */
  public enum Source { FIRM, LIAISON, ADMIN }

  /** A problem filed: the firm, who files it, its category code, text, attachments and township. */
  public record Intake(String uscc, String township, Source source, String category, String title,
      String description, List<String> attachments, boolean anonymous) {}

  private final Store store;
  private final CalendarStore calendars;
  private final Categories categories;
  private final Clock clock;

  public ProblemStore(Store store, CalendarStore calendars, Categories categories, Clock clock) {
    this.store = store;
    this.calendars = calendars;
    this.categories = categories;
    this.clock = clock;
  }

  /** The same store reading the time from {@code other}. */
  public ProblemStore at(Clock other) {
    return new ProblemStore(store, calendars, categories, other);
  }

  /** Files a new case, SUBMITTED with its accept deadline; answers its view. */
  public Future<JsonObject> file(Intake in, String actor) {
    Category category = categories.byCode(in.category() == null ? "" : in.category()).orElse(null);
    if (category == null) {
      return Future.failedFuture(ProblemException.invalid("/category", "unknown category " + in.category()));
    }
    if (blank(in.uscc()) || blank(in.township()) || in.source() == null) {
      return Future.failedFuture(ProblemException.invalid("/uscc", "the firm, its township and the source are required"));
    }
    if (blank(in.title()) || in.title().length() > 100 || blank(in.description())) {
      return Future.failedFuture(ProblemException.invalid("/title", "a title (at most 100 characters) and a description are required"));
    }
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, WorkingCalendar.ZONE);
    return calendars.calendar().compose(cal -> {
      CaseClock c;
      try {
        c = CaseClock.submitted(today, category.levels(), cal);
      } catch (MissingYear e) {
        return Future.failedFuture(missingYear(e));
      }
      return store.api().incr(ProblemKeys.SEQUENCE).compose(n -> {
        String id = n.toString();
        Map<String, String> h = new LinkedHashMap<>();
        h.put("id", id);
        h.put("status", ProblemStatus.SUBMITTED.name());
        h.put("category", category.code());
        h.put("uscc", in.uscc());
        h.put("township", in.township());
        h.put("source", in.source().name());
        h.put("title", in.title());
        h.put("description", in.description());
        h.put("attachments", new JsonArray(in.attachments() == null ? List.of() : in.attachments()).encode());
        h.put("anonymous", in.anonymous() ? "1" : "0");
        h.put("clock", ClockJson.encode(c).encode());
        h.put("filedAt", now.toString());
        h.put("filedBy", actor);
        h.put("updatedAt", now.toString());
        h.put("version", "1");
        JsonArray history = entry("FILE", "提交", actor, now, ProblemStatus.SUBMITTED, in.title());
        List<String> keys = AuditKeys.with(List.of(ProblemKeys.problem(id), ProblemKeys.history(id), ProblemKeys.CLOCK,
            ProblemKeys.ofFirm(in.uscc())), AuditKeys.journal(actor, ProblemKeys.target(id)));
        List<String> args = List.of(id, flat(h).encode(), score(ClockEvents.next(c, Set.of())), history.encode(), actor,
            String.valueOf(now.toEpochMilli()), payload(id, ProblemStatus.SUBMITTED, 1, category.code(), in.uscc(), "", "")
                .put("step", "FILE").put("statusBefore", "").put("pendingDepartment", "").encode(), ProblemKeys.target(id));
        return store.script("problem_file", keys, args)
            .compose(r -> r.ok() ? view(id, now) : Future.failedFuture(ProblemException.conflict(r.error(), r.detail())));
      });
    });
  }

  /**
   * Takes {@code step} on case {@code id} as {@code actor}; answers the case's view. Fails with a
   * 409 {@code step-not-allowed} naming the status and the step when the status does not allow it,
   * 404 when there is no such case, 422 when an argument is missing.
   */
  public Future<JsonObject> step(String id, Step step, StepArgs args, String actor) {
    return attempt(id, step, args == null ? StepArgs.none() : args, actor, 1);
  }

  private Future<JsonObject> attempt(String id, Step step, StepArgs args, String actor, int n) {
    Instant now = clock.instant();
    return Future.all(load(id), calendars.calendar()).compose(both -> {
      Map<String, String> h = both.resultAt(0);
      WorkingCalendar cal = both.resultAt(1);
      if (h.isEmpty()) {
        return Future.failedFuture(ProblemException.notFound("no problem " + id));
      }
      Change ch;
      try {
        ch = StepRules.apply(h, step, args, cal, categories, now);
      } catch (StepRefused e) {
        return Future.failedFuture(new ProblemException(Problem.of(409, "step-not-allowed", "Step not allowed",
            e.getMessage()).with(new JsonObject().put("status", e.status().name()).put("step", e.step().name()))));
      } catch (MissingYear e) {
        return Future.failedFuture(missingYear(e));
      }
      return run(id, h, ch, actor, now).compose(r -> {
        if (r.ok()) {
          return view(id, now);
        }
        if ("stale".equals(r.error()) && n < ATTEMPTS) {
          RETRIES.incrementAndGet();
          return attempt(id, step, args, actor, n + 1);
        }
        return Future.failedFuture("not-found".equals(r.error()) ? ProblemException.notFound(r.detail())
            : ProblemException.conflict(r.error(), r.detail()));
      });
    });
  }

  private Future<ScriptResult> run(String id, Map<String, String> h, Change ch, String actor, Instant now) {
    LocalDate today = LocalDate.ofInstant(now, WorkingCalendar.ZONE);
    Set<String> fired = fired(h);
    Map<String, String> set = new LinkedHashMap<>(ch.set());
    set.put("status", ch.next().name());
    set.put("clock", ClockJson.encode(ch.clock()).encode());
    set.put("updatedAt", now.toString());
    int version = Integer.parseInt(h.get("version")) + 1;
    String department = set.getOrDefault("department", h.getOrDefault("department", ""));
    JsonArray history = entry(ch.historyStep(), ch.historyLabel(), actor, now, ch.next(), ch.note());
    ch.detail().forEach((k, v) -> history.add(k).add(v));
    List<String> keys = AuditKeys.with(List.of(ProblemKeys.problem(id), ProblemKeys.history(id), ProblemKeys.CLOCK,
        ProblemKeys.OVERDUE, ProblemKeys.dispatchSequence(today.getYear())),
        AuditKeys.journal(actor, ProblemKeys.target(id)));
    List<String> args = List.of(id, h.get("version"), flat(set).encode(), new JsonArray(ch.del()).encode(),
        score(ClockEvents.next(ch.clock(), fired)), score(overdueSince(ch.clock(), now)), history.encode(), actor,
        "problem." + ch.historyStep().toLowerCase(), h.get("status"), ch.next().name(), ch.drawDispatch() ? "1" : "0",
        String.valueOf(today.getYear()),
        payload(id, ch.next(), version, h.get("category"), h.get("uscc"), department, h.getOrDefault("dispatchNo", ""))
            // what notifications need to tell the step apart: a dispatch, a transfer proposed, a status change
            .put("step", ch.historyStep()).put("statusBefore", h.get("status"))
            .put("pendingDepartment", set.getOrDefault("pendingDepartment",
                ch.del().contains("pendingDepartment") ? "" : h.getOrDefault("pendingDepartment", "")))
            .encode(), ProblemKeys.target(id));
    return store.script("problem_step", keys, args);
  }

  /**
   * Fires the warnings and breaches of case {@code id} due at the store's now, each once (the
   * script refuses a clock that changed since it was read, and skips events already in {@code
   * fired}); moves its {@code problems:clock} score to its next event. Answers how many fired.
   */
  public Future<Integer> tick(String id) {
    Instant now = clock.instant();
    return load(id).compose(h -> {
      if (h.isEmpty() || h.get("clock") == null) {
        return store.api().zrem(List.of(ProblemKeys.CLOCK, id)).map(0);
      }
      CaseClock c = ClockJson.decode(new JsonObject(h.get("clock")));
      Set<String> fired = fired(h);
      List<ClockEvents.Event> due = ClockEvents.due(c, fired, now);
      String accountable = accountable(h);
      JsonArray events = new JsonArray();
      for (ClockEvents.Event e : due) {
        events.add(new JsonObject().put("name", e.name()).put("type", e.type()).put("kind", e.deadline().kind().name())
            .put("due", e.deadline().due().toString()).put("label", label(e)));
      }
      List<String> keys = AuditKeys.with(List.of(ProblemKeys.problem(id), ProblemKeys.history(id), ProblemKeys.CLOCK,
          ProblemKeys.OVERDUE, ProblemKeys.breaches(accountable)), AuditKeys.changesOnly());
      List<String> args = List.of(id, h.get("version"), events.encode(),
          score(ClockEvents.nextAfter(c, fired, due)), score(overdueSince(c, now)), now.toString(), accountable,
          h.getOrDefault("status", ""));
      return store.script("problem_tick", keys, args).map(r -> r.ok() ? r.json().getInteger("fired", 0) : 0);
    });
  }

  /** The case's view, or null. */
  public Future<JsonObject> get(String id) {
    return view(id, clock.instant());
  }

  /**
   * Cases overdue at {@code now} (a running deadline passed), at most {@code limit}: read from
   * {@code problems:overdue} and the clock's due entries not yet ticked, never a scan.
   */
  public Future<JsonArray> overdueNow(Instant now, int limit) {
    String max = String.valueOf(now.toEpochMilli());
    return Future.all(
            store.api().zrangebyscore(List.of(ProblemKeys.OVERDUE, "-inf", max, "LIMIT", "0", String.valueOf(limit))),
            store.api().zrangebyscore(List.of(ProblemKeys.CLOCK, "-inf", max, "LIMIT", "0", String.valueOf(limit))))
        .compose(both -> {
          Set<String> ids = new LinkedHashSet<>();
          for (int i = 0; i < 2; i++) {
            Response r = both.resultAt(i);
            r.forEach(m -> ids.add(m.toString()));
          }
          List<Future<JsonObject>> views = new ArrayList<>();
          ids.forEach(id -> views.add(view(id, now)));
          return Future.all(views).map(all -> {
            JsonArray out = new JsonArray();
            for (int i = 0; i < views.size() && out.size() < limit; i++) {
              JsonObject v = all.resultAt(i);
              if (v != null && v.getBoolean("overdue")) {
                out.add(v);
              }
            }
            return out;
          });
        });
  }

  private Future<Map<String, String>> load(String id) {
    return store.api().hgetall(ProblemKeys.problem(id)).map(Hashes::flat);
  }

  private Future<JsonObject> view(String id, Instant now) {
    return Future.all(load(id), store.api().xrange(List.of(ProblemKeys.history(id), "-", "+"))).map(both -> {
      Map<String, String> h = both.resultAt(0);
      if (h.isEmpty()) {
        return null;
      }
      Response entries = both.resultAt(1);
      return ProblemView.of(h, entries, categories, now);
    });
  }

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

  /** The instant the earliest running deadline passed, when one has by {@code now}. */
  static Optional<Instant> overdueSince(CaseClock c, Instant now) {
    return c.running().stream().map(Deadline::passesAt).filter(t -> !t.isAfter(now)).min(Instant::compareTo);
  }

  private static String label(ClockEvents.Event e) {
    String what = switch (e.deadline().kind()) {
      case ACCEPT -> "受理";
      case FIRST_REPORT -> "首次报告进展";
      case RESOLVE -> "办结";
      case VERIFY -> "核实";
    };
    return ("WARN".equals(e.type()) ? "临期预警：" : "超期：") + what + "时限 " + e.deadline().due();
  }

  private static JsonObject payload(String id, ProblemStatus status, int version, String category, String uscc,
      String department, String dispatchNo) {
    return new JsonObject().put("id", id).put("status", status.name()).put("version", version)
        .put("category", category).put("uscc", uscc).put("department", department).put("dispatchNo", dispatchNo);
  }

  static JsonArray entry(String step, String label, String actor, Instant at, ProblemStatus status, String note) {
    return new JsonArray().add("step").add(step).add("label").add(label).add("actor").add(actor)
        .add("at").add(at.toString()).add("status").add(status.name()).add("note").add(note == null ? "" : note);
  }

  private static JsonArray flat(Map<String, String> m) {
    JsonArray out = new JsonArray();
    m.forEach((k, v) -> out.add(k).add(v));
    return out;
  }

  private static String score(Optional<Instant> at) {
    return at.map(t -> String.valueOf(t.toEpochMilli())).orElse("");
  }

  private static ProblemException missingYear(MissingYear e) {
    return ProblemException.conflict("calendar-missing-year",
        "the working-day calendar has no schedule for " + e.year() + "; an administrator must add it");
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
