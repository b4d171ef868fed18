package cn.enterprisegrid.demo;

import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.calendar.CalendarStore;
import cn.enterprisegrid.calendar.WorkingCalendar;
import cn.enterprisegrid.enterprise.EnterpriseKeys;
import cn.enterprisegrid.problem.Categories;
import cn.enterprisegrid.problem.Complexity;
import cn.enterprisegrid.problem.ProblemStore;
import cn.enterprisegrid.problem.Rating;
import cn.enterprisegrid.problem.Step;
import cn.enterprisegrid.problem.StepArgs;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * About 300 problems (诉求) of the 开化县 demo firms, through the problem store at instants in the
 * past, so that the reports and the bulletin have real cases: every status, a few overdue and
 * suspended, ratings of every level (bad ones verified, explained or rectified, some appealed),
 * transfers accepted and declined, unrated cases closed by the clock's own auto-close, and two
 * merged groups (共性问题) whose followers heard their target's answer. The stories ({@link
 * DemoStories}) are drawn from a seeded random; the time they end at is now, or 40 days before the
 * end of the last year the working-day calendar holds (a deadline is never guessed past it).
 * Cases run 48 at a time, each its steps in order.
 */
final class DemoProblems {
  private static final Logger LOG = LoggerFactory.getLogger(DemoProblems.class);
  static final int FIRMS = 170;
  private static final int PARALLEL = 48;
  /** How close to the calendar's end the stories may come (the longest deadline is 22 working days). */
  private static final Duration CALENDAR_MARGIN = Duration.ofDays(40);

  private final Store store;
  private final ProblemStore problems;
  private final Random random = new Random(2026_1213);

  DemoProblems(Store store) {
    this.store = store;
    // no views: the loader needs only the ids
    this.problems = ProblemStore.standard(store).answeringIds();
  }

  /** A demo firm: its code, township and the actor its staff files and rates as. */
  record Firm(String uscc, String township, String actor) {}

  Future<Void> load() {
    long started = System.nanoTime();
    return new CalendarStore(store).calendar().compose(cal -> firms().compose(firms -> {
      Instant end = end(cal, Instant.now());
      DemoStories stories = new DemoStories(random, Categories.DEFAULTS, firms, end);
      List<DemoStories.Story> all = stories.all();
      return inLanes(all)
          .compose(v -> merged(stories.mergedGroup(DemoStories.OUTAGE, 4, end.minus(Duration.ofDays(24))), true))
          .compose(v -> merged(stories.mergedGroup(DemoStories.HIRING, 3, end.minus(Duration.ofDays(9))), false))
          .onSuccess(v -> LOG.info("demo problems: {} stories and two merged groups in {} ms, ending {}", all.size(),
              (System.nanoTime() - started) / 1_000_000, end));
    }));
  }

  /** The instant the stories end: now, or {@link #CALENDAR_MARGIN} before the calendar's last day. */
  static Instant end(WorkingCalendar cal, Instant now) {
    int last = cal.years().stream().mapToInt(Integer::intValue).max().orElseThrow();
    Instant limit = LocalDate.of(last, 12, 31).atTime(12, 0).atZone(WorkingCalendar.ZONE).toInstant()
        .minus(CALENDAR_MARGIN);
    return now.isBefore(limit) ? now.minus(Duration.ofMinutes(5)) : limit;
  }

  /** {@link #FIRMS} demo firms drawn from the registry (the demo firm accounts first), with their townships. */
  private Future<List<Firm>> firms() {
    Map<String, String> accounts = new LinkedHashMap<>();
    DemoData.accounts().stream().filter(a -> a.role() == Role.ENTERPRISE)
        .forEach(a -> accounts.put(a.scope().uscc(), a.username()));
    return store.api().smembers(EnterpriseKeys.ALL).compose(r -> {
      List<String> usccs = new ArrayList<>();
      r.forEach(m -> usccs.add(m.toString()));
      usccs.sort(String::compareTo);
      usccs.removeAll(accounts.keySet());
      List<String> chosen = new ArrayList<>(accounts.keySet());
      while (chosen.size() < FIRMS && !usccs.isEmpty()) {
        chosen.add(usccs.remove(random.nextInt(usccs.size())));
      }
      List<Future<Response>> regions = new ArrayList<>();
      chosen.forEach(u -> regions.add(store.api().hget(EnterpriseKeys.firm(u), "region")));
      return Future.all(regions).map(all -> {
        List<Firm> out = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
          Response region = regions.get(i).result();
          String code = region == null ? null : region.toString();
          if (code != null && code.length() >= 9) {
            String u = chosen.get(i);
            out.add(new Firm(u, code.substring(0, 9), accounts.getOrDefault(u, "firm:" + u)));
          }
        }
        return out;
      });
    });
  }

  /** Plays every story, {@link #PARALLEL} at a time: each lane takes the next story when its own is done. */
  private Future<Void> inLanes(List<DemoStories.Story> all) {
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int i = 0; i < PARALLEL; i++) {
      lanes.add(lane(all, next));
    }
    return Future.all(lanes).mapEmpty();
  }

  private Future<Void> lane(List<DemoStories.Story> all, AtomicInteger next) {
    int i = next.getAndIncrement();
    return i >= all.size() ? Future.succeededFuture() : play(all.get(i)).compose(id -> lane(all, next));
  }

  /** Files the story's case and takes its moves in order, each at its instant; answers the case id. */
  private Future<String> play(DemoStories.Story s) {
    Instant filed = s.start();
    return at(filed).file(s.intake(), s.filedBy()).compose(v -> {
      String id = v.getString("id");
      Future<Void> chain = Future.succeededFuture();
      Instant t = filed;
      for (DemoStories.Move m : s.moves()) {
        t = t.plus(m.after());
        Instant when = t;
        chain = chain.compose(x -> m.step() == null
            // the clock's auto-close of an unrated case, at an instant past its day
            ? at(when).tick(id).mapEmpty()
            : at(when).step(id, m.step(), m.args(), m.actor()).mapEmpty());
      }
      return chain.map(id);
    });
  }

  /**
   * A merged group: a target and its followers of other firms (same category and township) merged
   * into it; {@code solved}: the target is resolved and every firm rates its own case, else it is
   * still in progress with its followers dispatched along.
   */
  private Future<Void> merged(DemoStories.Group g, boolean solved) {
    Instant t0 = g.start();
    List<String> ids = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < g.intakes().size(); i++) {
      ProblemStore.Intake in = g.intakes().get(i);
      Instant when = t0.plus(Duration.ofHours(i * 3L));
      String actor = g.actors().get(i);
      chain = chain.compose(v -> at(when).file(in, actor).map(x -> {
        ids.add(x.getString("id"));
        return null;
      }));
    }
    String admin = "kh.admin";
    Instant accepted = t0.plus(Duration.ofHours(20));
    chain = chain.compose(v -> at(accepted).step(ids.get(0), Step.ACCEPT, StepArgs.none(), admin).mapEmpty());
    for (int i = 1; i < g.intakes().size(); i++) {
      int k = i;
      Instant when = accepted.plus(Duration.ofMinutes(10L * i));
      chain = chain.compose(v -> at(when).step(ids.get(k), Step.MERGE, StepArgs.merge(ids.get(0)), admin).mapEmpty());
    }
    String dept = g.department();
    Instant dispatched = accepted.plus(Duration.ofHours(2));
    chain = chain.compose(v -> at(dispatched).step(ids.get(0), Step.DISPATCH,
            StepArgs.dispatch(dept, Complexity.ORDINARY), admin))
        .compose(v -> at(dispatched.plus(Duration.ofDays(1))).step(ids.get(0), Step.PROGRESS,
            StepArgs.note("已现场勘查，制定整体解决方案"), DemoStories.handler(dept)))
        .mapEmpty();
    if (!solved) {
      return chain;
    }
    Instant resolved = dispatched.plus(Duration.ofDays(4));
    chain = chain.compose(v -> at(resolved).step(ids.get(0), Step.RESOLVE, StepArgs.note(g.resolution()),
        DemoStories.handler(dept)).mapEmpty());
    Rating[] ratings = {Rating.VERY_SATISFIED, Rating.SATISFIED, Rating.BASICALLY_SATISFIED, Rating.DISSATISFIED};
    for (int i = 0; i < ids.size(); i++) {
      int k = i;
      Instant when = resolved.plus(Duration.ofHours(5L + 7L * i));
      chain = chain.compose(v -> at(when).step(ids.get(k), Step.RATE,
          StepArgs.rate(ratings[k % ratings.length], k == 3 ? "停电时间比承诺的长" : null), g.actors().get(k)).mapEmpty());
    }
    return chain;
  }

  private ProblemStore at(Instant t) {
    return problems.at(Clock.fixed(t, ZoneOffset.UTC));
  }
}
