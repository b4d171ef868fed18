package cn.enterprisegrid.problem;

import cn.enterprisegrid.calendar.CalendarStore;
import cn.enterprisegrid.store.Store;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The problems' clock on this node: every {@code periodMs} reads the cases due in {@code
 * problems:clock} (a ZRANGEBYSCORE up to now, never a scan) and ticks each ({@link
 * ProblemStore#tick}: {@code problem_tick.lua} fires every warning and breach once). Every node
 * runs one; all state is in Redis, so two nodes or a restart never fire an event twice. It also
 * completes the following of merge targets left on {@code problems:follow} by a crash ({@link
 * ProblemStore#follow}, idempotent).
 */
public final class ProblemClock extends AbstractVerticle {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemClock.class);
  /** Cases ticked per poll at most. */
  static final int BATCH = 200;
  /** How old a problems:follow entry must be before the clock takes it (the step's own request follows at once). */
  static final long FOLLOW_GRACE_MS = 5000;
  /** How often the backend's clock polls. */
  public static final long PERIOD_MS = 2000;

  private final String redisUrl;
  private final Clock clock;
  private final long periodMs;
  private final Categories categories;
  private Store store;
  private ProblemStore problems;
  private long timer = -1;
  private boolean busy;

  /**
   * Whether this node runs the clock ({@code PROBLEM_CLOCK_ENABLED}, default true): off e.g. for
   * tests that step cases at fixed past instants and run clocks of their own.
   */
  public static boolean enabled(io.vertx.core.json.JsonObject settings) {
    return !"false".equalsIgnoreCase(String.valueOf(settings.getValue("PROBLEM_CLOCK_ENABLED", "true")));
  }

  public ProblemClock(String redisUrl, Clock clock, long periodMs) {
    this(redisUrl, clock, periodMs, Categories.DEFAULTS);
  }

  /** A clock counting each case's deadlines by the service levels of {@code categories}. */
  public ProblemClock(String redisUrl, Clock clock, long periodMs, Categories categories) {
    this.redisUrl = redisUrl;
    this.clock = clock;
    this.periodMs = periodMs;
    this.categories = categories;
  }

  @Override
  public void start() {
    store = Store.connect(vertx, redisUrl);
    problems = new ProblemStore(store, new CalendarStore(store), categories, clock);
    timer = vertx.setPeriodic(periodMs, t -> poll());
  }

  /** One poll: the due cases, ticked one after the other; a poll still running skips the next. */
  void poll() {
    if (busy) {
      return;
    }
    busy = true;
    String now = String.valueOf(clock.millis());
    store.api().zrangebyscore(List.of(ProblemKeys.CLOCK, "-inf", now, "LIMIT", "0", String.valueOf(BATCH)))
        .compose(r -> {
          List<String> ids = new ArrayList<>();
          r.forEach(m -> ids.add(m.toString()));
          return tick(ids, 0);
        })
        .compose(v -> store.api().zrangebyscore(List.of(ProblemKeys.FOLLOW, "-inf",
            String.valueOf(clock.millis() - FOLLOW_GRACE_MS), "LIMIT", "0", String.valueOf(BATCH))))
        .compose(r -> {
          List<String> ids = new ArrayList<>();
          r.forEach(m -> ids.add(m.toString()));
          return follow(ids, 0);
        })
        .onFailure(err -> LOG.warn("problem clock poll failed: {}", err.toString()))
        .onComplete(x -> busy = false);
  }

  private Future<Void> tick(List<String> ids, int i) {
    if (i >= ids.size()) {
      return Future.succeededFuture();
    }
    return problems.tick(ids.get(i))
        .recover(err -> {
          LOG.warn("problem {} clock tick failed: {}", ids.get(i), err.toString());
          return Future.succeededFuture(0);
        })
        .compose(n -> tick(ids, i + 1));
  }

  private Future<Void> follow(List<String> ids, int i) {
    if (i >= ids.size()) {
      return Future.succeededFuture();
    }
    return problems.follow(ids.get(i))
        .recover(err -> {
          LOG.warn("problem {} followers failed: {}", ids.get(i), err.toString());
          return Future.succeededFuture(0);
        })
        .compose(n -> follow(ids, i + 1));
  }

  @Override
  public void stop(Promise<Void> done) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    (store == null ? Future.<Void>succeededFuture() : store.close()).onComplete(done);
  }
}
