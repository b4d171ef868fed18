package cn.enterprisegrid.problem;

import static cn.enterprisegrid.problem.CaseFields.*;

import cn.enterprisegrid.audit.AuditKeys;
import cn.enterprisegrid.calendar.CalendarStore;
import cn.enterprisegrid.calendar.MissingYear;
import cn.enterprisegrid.calendar.WorkingCalendar;
import cn.enterprisegrid.http.Text;
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
import java.util.Set;

/**
 * Problems (诉求) on Redis (docs/problems.md). The rule is Java's: a step loads the case, computes
 * the next status ({@link Lifecycle#next}) and the next clock ({@link CaseClock}) and runs {@code
 * problem_step.lua} with the version it read; the script writes hash, history, clock score, overdue
 * score and journal atomically, or answers {@code stale} (the step is reloaded and retried, at most
 * {@link #ATTEMPTS} times). The clock's warnings, breaches and auto-closes are {@link #tick} ({@link
 * ProblemClock}). {@link Step#MERGE} and the merged cases' following of their target are {@link
 * ProblemMerges}'.
 */
public final class ProblemStore {
  static final int ATTEMPTS = 3;
  /** The actor of the clock's own steps (auto-close). */
  static final String SYSTEM = "system";
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
  /** Whether a step on a merge target has its merged cases follow at once (off: a simulated crash). */
  private final boolean following;
  /** Whether filings and steps answer the case's view (off: a bulk loader's store answers {@code {id}}). */
  private final boolean views;
  private final ProblemMerges merges;

  public ProblemStore(Store store, CalendarStore calendars, Categories categories, Clock clock) {
    this(store, calendars, categories, clock, true, true);
  }

  private ProblemStore(Store store, CalendarStore calendars, Categories categories, Clock clock, boolean following,
      boolean views) {
    this.store = store;
    this.calendars = calendars;
    this.categories = categories;
    this.clock = clock;
    this.following = following;
    this.views = views;
    this.merges = new ProblemMerges(this);
  }

  /** The store with the default categories, the calendar in Redis and the system clock. */
  public static ProblemStore standard(Store store) {
    return new ProblemStore(store, new CalendarStore(store), Categories.DEFAULTS, Clock.systemUTC());
  }

  /** The same store reading the time from {@code other}. */
  public ProblemStore at(Clock other) {
    return new ProblemStore(store, calendars, categories, other, following, views);
  }

  /**
   * The same store for bulk loading (the demo): filings and steps answer {@code {id}} only, no
   * view is read and built.
   */
  public ProblemStore answeringIds() {
    return new ProblemStore(store, calendars, categories, clock, following, false);
  }

  /** The same store leaving merged cases to follow later ({@link #follow}): a crash between the two, for tests. */
  ProblemStore withoutFollowing() {
    return new ProblemStore(store, calendars, categories, clock, false, views);
  }

  Store store() {
    return store;
  }

  CalendarStore calendars() {
    return calendars;
  }

  Categories categories() {
    return categories;
  }

  Clock clock() {
    return clock;
  }

  /**
   * Files a new case, SUBMITTED with its accept deadline; answers its view. The open cases that
   * may be the same are found after it is indexed ({@link SimilarLinks}).
   */
  public Future<JsonObject> file(Intake in, String actor) {
    Category category = categories.byCode(in.category() == null ? "" : in.category()).orElse(null);
    if (category == null) {
      return Future.failedFuture(ProblemException.invalid("/category", Text.of("problem.no-category", in.category())));
    }
    if (blank(in.uscc()) || blank(in.township()) || in.source() == null) {
      return Future.failedFuture(ProblemException.invalid("/uscc", Text.of("problem.firm-township-required")));
    }
    if (blank(in.title()) || in.title().length() > 100 || blank(in.description())) {
      return Future.failedFuture(ProblemException.invalid(blank(in.description()) && !blank(in.title())
          && in.title().length() <= 100 ? "/description" : "/title", Text.of("problem.title-description")));
    }
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, WorkingCalendar.ZONE);
    return calendars.calendar().compose(cal -> {
      CaseClock c;
      try {
        c = CaseClock.submitted(today, category.levels(), cal);
      } catch (MissingYear e) {
        return Future.failedFuture(e.problem());
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
        List<String> keys = AuditKeys.with(concat(List.of(ProblemKeys.problem(id), ProblemKeys.history(id),
            ProblemKeys.CLOCK, ProblemKeys.ofFirm(in.uscc())), ReportFacts.keys(in.township(), today, "")),
            AuditKeys.journal(actor, ProblemKeys.target(id)));
        List<String> args = List.of(id, flat(h).encode(), score(ClockEvents.next(c, Set.of())), history.encode(), actor,
            String.valueOf(now.toEpochMilli()), payload(id, ProblemStatus.SUBMITTED, 1, category.code(), in.uscc(), "", "")
                .put("step", "FILE").put("statusBefore", "").put("pendingDepartment", "").encode(), ProblemKeys.target(id),
            ReportFacts.filed(id, in.uscc(), in.township(), today).encode());
        // the answer is what the script wrote: no second read
        return store.script("problem_file", keys, args)
            .compose(r -> r.ok() ? Future.succeededFuture(views ? filed(h, c, history) : new JsonObject().put("id", id))
                : Future.failedFuture(ProblemException.conflict(r.error(), Text.refusal("problem", r.error(), r.detail()))));
      });
    });
  }

  private JsonObject filed(Map<String, String> h, CaseClock c, JsonArray entry) {
    JsonObject v = ProblemView.of(h, c, null, categories, clock.instant());
    JsonObject first = new JsonObject();
    for (int i = 0; i + 1 < entry.size(); i += 2) {
      first.put(entry.getString(i), entry.getString(i + 1));
    }
    return v.put("history", new JsonArray().add(first));
  }

  /**
   * Takes {@code step} on case {@code id} as {@code actor}; answers the case's view. Fails with a
   * 409 {@code step-not-allowed} naming the status and the step when the status does not allow it,
   * 404 when there is no such case, 422 when an argument is missing.
   */
  public Future<JsonObject> step(String id, Step step, StepArgs args, String actor) {
    StepArgs a = args == null ? StepArgs.none() : args;
    if (step == Step.MERGE) {
      return merges.merge(id, a, actor);
    }
    return attempt(id, step, a, actor, 1);
  }

  /**
   * Brings every case merged into {@code target} to the target's last step that they follow (its
   * {@code lead}): each its own script run, each once (a follower records the lead's version it
   * took), so a re-run after a crash changes nothing twice. Answers how many followed now.
   */
  public Future<Integer> follow(String target) {
    return merges.follow(target);
  }

  Future<JsonObject> attempt(String id, Step step, StepArgs args, String actor, int n) {
    Instant now = clock.instant();
    return Future.all(load(id), calendars.calendar()).compose(both -> {
      Map<String, String> h = both.resultAt(0);
      WorkingCalendar cal = both.resultAt(1);
      if (h.isEmpty()) {
        return Future.failedFuture(ProblemException.notFound(Text.of("problem.no-problem", id)));
      }
      Change ch;
      JsonObject facts;
      try {
        ch = StepRules.apply(h, step, args, cal, categories, now);
        facts = ReportFacts.step(id, h, step, args, ch, ch.set().getOrDefault("department",
            h.getOrDefault("department", "")), cal, now);
      } catch (StepRefused e) {
        return Future.failedFuture(e.problem());
      } catch (MissingYear e) {
        return Future.failedFuture(e.problem());
      }
      return run(id, h, ch, facts, actor, now).compose(r -> {
        if (r.ok()) {
          boolean leads = r.json().getBoolean("leads", false);
          return (leads && following ? merges.follow(id).otherwise(0) : Future.succeededFuture(0))
              .compose(x -> answer(id, now));
        }
        if ("stale".equals(r.error()) && n < ATTEMPTS) {
          RETRIES.incrementAndGet();
          return attempt(id, step, args, actor, n + 1);
        }
        Text detail = Text.refusal("problem", r.error(), r.detail());
        return Future.failedFuture("not-found".equals(r.error()) ? ProblemException.notFound(detail)
            : ProblemException.conflict(r.error(), detail));
      });
    });
  }

  /**
   * Writes {@code ch} (a step the system takes: a merged case following, an auto-close) on the case
   * read as {@code h}, with the report fact of the step it records.
   */
  Future<ScriptResult> run(String id, Map<String, String> h, Change ch, String actor, Instant now) {
    return calendars.calendar().compose(cal -> {
      Step step = Step.parse(ch.historyStep());
      String department = ch.set().getOrDefault("department", h.getOrDefault("department", ""));
      JsonObject facts = step == null ? ReportFacts.tick(id, h).put("open", ch.next().open() ? 1 : 0)
          : ReportFacts.step(id, h, step, StepArgs.none(), ch, department, cal, now);
      return run(id, h, ch, facts, actor, now);
    });
  }

  /**
   * Writes {@code ch} on the case read as {@code h} ({@code problem_step.lua}, compare-and-set on
   * its version) with the step's report fact. A step its merged cases follow records itself as the
   * case's {@code lead} and puts the case on {@code problems:follow}; the answer's {@code leads} says so.
   */
  Future<ScriptResult> run(String id, Map<String, String> h, Change ch, JsonObject facts, String actor,
      Instant now) {
    LocalDate today = LocalDate.ofInstant(now, WorkingCalendar.ZONE);
    Set<String> fired = fired(h);
    Map<String, String> set = new LinkedHashMap<>(ch.set());
    set.put("status", ch.next().name());
    set.put("clock", ClockJson.encode(ch.clock()).encode());
    set.put("updatedAt", now.toString());
    int version = Integer.parseInt(h.get("version")) + 1;
    Map<String, String> after = new LinkedHashMap<>(h);
    ch.del().forEach(after::remove);
    after.putAll(set);
    JsonObject lead = StepRules.lead(ch.historyStep(), ch.next(), after, ch.note(), actor, now, version);
    if (lead != null) {
      set.put("lead", lead.encode());
    }
    boolean leads = lead != null && !StepRules.merged(h).isEmpty();
    String department = after.getOrDefault("department", "");
    JsonArray history = entry(ch.historyStep(), ch.historyLabel(), actor, now, ch.next(), ch.note());
    ch.detail().forEach((k, v) -> history.add(k).add(v));
    CaseClock running = effective(after, ch.clock());
    List<String> keys = AuditKeys.with(concat(List.of(ProblemKeys.problem(id), ProblemKeys.history(id),
        ProblemKeys.CLOCK, ProblemKeys.OVERDUE, ProblemKeys.dispatchSequence(today.getYear()), ProblemKeys.FOLLOW),
        ReportFacts.keys(h, department)), AuditKeys.journal(actor, ProblemKeys.target(id)));
    List<String> args = List.of(id, h.get("version"), flat(set).encode(), new JsonArray(ch.del()).encode(),
        score(earliest(ClockEvents.next(running, fired), autoCloseAt(after))), score(overdueSince(running, now)),
        history.encode(), actor, "problem." + ch.historyStep().toLowerCase(), h.get("status"), ch.next().name(),
        ch.drawDispatch() ? "1" : "0", String.valueOf(today.getYear()),
        payload(id, ch.next(), version, h.get("category"), h.get("uscc"), department, h.getOrDefault("dispatchNo", ""))
            .put("mergedInto", after.get("mergedInto"))
            // what notifications need to tell the step apart: a dispatch, a transfer proposed, a status change
            .put("step", ch.historyStep()).put("statusBefore", h.get("status"))
            .put("pendingDepartment", after.getOrDefault("pendingDepartment", ""))
            .encode(), ProblemKeys.target(id), leads ? String.valueOf(now.toEpochMilli()) : "", facts.encode());
    return store.script("problem_step", keys, args).map(r -> r.ok() && leads
        ? new ScriptResult(ScriptResult.OK, r.json().put("leads", true).encode()) : r);
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
      if (StepRules.autoClose(h, categories, now) != null) {
        return autoClose(id, 1);
      }
      CaseClock c = effective(h, ClockJson.decode(new JsonObject(h.get("clock"))));
      Set<String> fired = fired(h);
      List<ClockEvents.Event> due = ClockEvents.due(c, fired, now);
      String accountable = accountable(h);
      JsonArray events = new JsonArray();
      for (ClockEvents.Event e : due) {
        events.add(new JsonObject().put("name", e.name()).put("type", e.type()).put("kind", e.deadline().kind().name())
            .put("due", e.deadline().due().toString()).put("label", label(e)));
      }
      List<String> keys = AuditKeys.with(concat(List.of(ProblemKeys.problem(id), ProblemKeys.history(id),
          ProblemKeys.CLOCK, ProblemKeys.OVERDUE, ProblemKeys.breaches(accountable)),
          ReportFacts.keys(h, h.getOrDefault("department", ""))), AuditKeys.changesOnly());
      List<String> args = List.of(id, h.get("version"), events.encode(),
          score(earliest(ClockEvents.nextAfter(c, fired, due), autoCloseAt(h))), score(overdueSince(c, now)),
          now.toString(), accountable, h.getOrDefault("status", ""), ReportFacts.tick(id, h).encode());
      return store.script("problem_tick", keys, args).map(r -> r.ok() ? r.json().getInteger("fired", 0) : 0);
    });
  }

  /**
   * Closes a RESOLVED case its firm did not rate within the auto-close working days, as {@code
   * system}, once: a second clock reads the new version (stale, retried) and finds it CLOSED.
   */
  private Future<Integer> autoClose(String id, int n) {
    Instant now = clock.instant();
    return load(id).compose(h -> {
      Change ch = h.isEmpty() ? null : StepRules.autoClose(h, categories, now);
      if (ch == null) {
        return Future.succeededFuture(0);
      }
      return run(id, h, ch, SYSTEM, now).compose(r -> {
        if ("stale".equals(r.error()) && n < ATTEMPTS) {
          return autoClose(id, n + 1);
        }
        return Future.succeededFuture(r.ok() ? 1 : 0);
      });
    });
  }

  /** The firm's cases still open (not closed or rejected, and not merged into another of its own). */
  public Future<Long> openOf(String uscc) {
    return store.api().zrange(List.of(ProblemKeys.ofFirm(uscc), "0", "-1")).compose(ids -> {
      List<Future<Response>> statuses = new ArrayList<>();
      ids.forEach(id -> statuses.add(store.api().hget(ProblemKeys.problem(id.toString()), "status")));
      return Future.all(statuses).map(all -> statuses.stream().map(Future::result)
          .filter(r -> r != null && ProblemStatus.valueOf(r.toString()).open()).count());
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

  /**
   * The views of {@code ids} without their history (a listing's rows), in order, pipelined; a case
   * that is gone is left out.
   */
  public Future<JsonArray> rows(List<String> ids) {
    Instant now = clock.instant();
    List<Future<Map<String, String>>> loads = new ArrayList<>();
    ids.forEach(id -> loads.add(load(id)));
    return Future.all(loads).map(all -> {
      JsonArray out = new JsonArray();
      for (int i = 0; i < ids.size(); i++) {
        Map<String, String> h = all.resultAt(i);
        if (!h.isEmpty()) {
          JsonObject v = ProblemView.of(h, null, categories, now);
          v.remove("history");
          out.add(v);
        }
      }
      return out;
    });
  }

  /** The firm's cases, newest first: {@code {items, total}}. */
  public Future<JsonObject> ofFirm(String uscc, int page, int pageSize) {
    String key = ProblemKeys.ofFirm(uscc);
    int start = (page - 1) * pageSize;
    return Future.all(store.api().zrevrange(List.of(key, String.valueOf(start), String.valueOf(start + pageSize - 1))),
        store.api().zcard(key)).compose(both -> {
          Response r = both.resultAt(0);
          List<String> ids = new ArrayList<>();
          r.forEach(m -> ids.add(m.toString()));
          long total = ((Response) both.resultAt(1)).toLong();
          return rows(ids).map(items -> new JsonObject().put("items", items).put("total", total)
              .put("page", page).put("pageSize", pageSize));
        });
  }

  /** The stored case hash (empty when there is none), for access checks. */
  Future<Map<String, String>> load(String id) {
    return store.api().hgetall(ProblemKeys.problem(id)).map(Hashes::flat);
  }

  Future<JsonObject> view(String id, Instant now) {
    return Future.all(load(id), store.api().xrange(List.of(ProblemKeys.history(id), "-", "+"))).map(both -> {
      Map<String, String> h = both.resultAt(0);
      if (h.isEmpty()) {
        return null;
      }
      Response entries = both.resultAt(1);
      return ProblemView.of(h, entries, categories, now);
    });
  }

  /** What a filing or step answers: the view, or only the id ({@link #answeringIds()}). */
  Future<JsonObject> answer(String id, Instant now) {
    return views ? view(id, now) : Future.succeededFuture(new JsonObject().put("id", id));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
