package cn.enterprisegrid.problem;

import cn.enterprisegrid.calendar.Schedules;
import cn.enterprisegrid.calendar.WorkingCalendar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Random walks over the lifecycle and its clock through 2026 (Spring Festival, National Day and
 * their make-up Saturdays included): after every step the status is the table's, a refused step
 * changes nothing, suspended time never counts and every deadline allows exactly its working days.
 * {@link CaseWalk} walks several cases at once through the store's rules (merges and their
 * followers, transfers accepted and declined, appeals, the clock's events and auto-close).
 */
class LifecycleSequenceTest {
  private static final WorkingCalendar CAL = WorkingCalendar.of(Schedules.bundled());
  private static final ServiceLevels LEVELS = ServiceLevels.RULE_13710;
  private static final Map<String, Integer> REACHED = new java.util.concurrent.ConcurrentHashMap<>();

  @RepeatedTest(40)
  void randomWalksKeepTheInvariants(RepetitionInfo rep) {
    Random random = new Random(7919L * rep.getCurrentRepetition());
    LocalDate day = LocalDate.parse("2026-01-05").plusDays(random.nextInt(200));
    ProblemStatus status = ProblemStatus.SUBMITTED;
    ProblemStatus beforeSuspension = null;
    CaseClock clock = CaseClock.submitted(day, LEVELS, CAL);
    int resolveAllowance = -1;   // working days the current resolve deadline must allow
    int refused = 0;
    for (int i = 0; i < 60 && day.isBefore(LocalDate.parse("2026-11-01")); i++) {
      day = day.plusDays(random.nextInt(4));
      Step step = Step.values()[random.nextInt(Step.values().length)];
      Rating rating = Rating.values()[random.nextInt(Rating.values().length)];
      Lifecycle.VerifyOutcome outcome = random.nextBoolean() ? Lifecycle.VerifyOutcome.RECTIFY
          : Lifecycle.VerifyOutcome.EXPLAINED;
      if (!step.allowedFrom(status)) {
        ProblemStatus s = status;
        assertThatThrownBy(() -> Lifecycle.next(s, step, null, rating, outcome))
            .isInstanceOf(StepRefused.class).hasMessageContaining(s.name()).hasMessageContaining(step.name());
        refused++;
        continue;
      }
      ProblemStatus next = Lifecycle.next(status, step, beforeSuspension, rating, outcome);
      Complexity complexity = random.nextBoolean() ? Complexity.ORDINARY : Complexity.COMPLEX;
      switch (step) {
        case ACCEPT -> clock = clock.accepted();
        case DISPATCH -> {
          clock = clock.dispatched(day, complexity, LEVELS, CAL);
          resolveAllowance = LEVELS.resolveDays(complexity);
        }
        case PROGRESS -> clock = clock.reported();
        case RESOLVE -> clock = clock.resolved();
        case SUSPEND -> {
          beforeSuspension = status;
          clock = clock.suspended(day);
          assertThat(clock.running()).as("a suspended clock stands").isEmpty();
          assertThat(clock.overdue(Instant.parse("2030-01-01T00:00:00Z"))).isFalse();
        }
        case RESUME -> {
          LocalDate since = clock.suspendedSince();
          clock = clock.resumed(day, CAL);
          if (!clock.resolve().met()) {
            resolveAllowance += CAL.workingDaysBetween(since, day);
          }
          beforeSuspension = null;
        }
        case EXTEND -> {
          int n = 1 + random.nextInt(5);
          clock = clock.extended(n, CAL);
          resolveAllowance += n;
        }
        case RATE -> {
          if (rating.bad()) {
            clock = clock.verifying(day, LEVELS, CAL);
          }
        }
        case VERIFY -> {
          clock = clock.verified();
          if (outcome == Lifecycle.VerifyOutcome.RECTIFY) {
            clock = clock.dispatched(day, complexity, LEVELS, CAL);
            resolveAllowance = LEVELS.resolveDays(complexity);
          }
        }
        default -> { }
      }
      status = next;
      assertThat(status == ProblemStatus.SUSPENDED).isEqualTo(clock.suspendedSince() != null);
      if (clock.resolve() != null && !clock.resolve().met()) {
        Deadline r = clock.resolve();
        assertThat(CAL.workingDaysBetween(r.start(), r.due()))
            .as("suspended and extended time, and nothing else, moves the resolve deadline")
            .isEqualTo(r.workingDays()).isEqualTo(resolveAllowance);
        assertThat(CAL.isWorkingDay(r.due())).isTrue();
      }
    }
    assertThat(refused).as("the walk tried refused steps too").isPositive();
  }

  @RepeatedTest(20)
  void walksOfSeveralCasesKeepTheInvariants(RepetitionInfo rep) {
    CaseWalk walk = new CaseWalk(new Random(104_729L * rep.getCurrentRepetition()), CAL);
    walk.run(4, 120);
    assertThat(walk.refused).as("the walk tried refused steps too").isPositive();
    assertThat(walk.taken).as("and took steps").isPositive();
    walk.reached.forEach((k, v) -> REACHED.merge(k, v, Integer::sum));
  }

  /** Over all walks, every kind of action was reached. */
  @AfterAll
  static void theWalksReachedEveryAction() {
    System.out.println("walks reached " + REACHED);
    assertThat(REACHED.keySet()).contains("MERGE", "FOLLOW", "AUTO_CLOSE", "BREACH", "WARN", "TRANSFER_ACCEPT",
        "TRANSFER_DECLINE", "APPEAL", "APPEAL_DECISION", "SUSPEND", "RESUME");
  }

  @Test
  void aCaseDispatchedBeforeSpringFestivalIsDueAfterIt() {
    CaseClock c = CaseClock.submitted(LocalDate.parse("2026-02-12"), LEVELS, CAL).accepted()
        .dispatched(LocalDate.parse("2026-02-12"), Complexity.ORDINARY, LEVELS, CAL);
    // 13 Fri, 14 Sat (worked), [15-23 off], 24, 25, 26, 27, 28 Sat (worked) = 7
    assertThat(c.resolve().due()).isEqualTo(LocalDate.parse("2026-02-28"));
    assertThat(c.firstReport().due()).isEqualTo(LocalDate.parse("2026-02-24"));
    assertThat(c.resolve().overdue(Instant.parse("2026-02-28T15:59:59Z"))).as("due at the end of the day in Shanghai").isFalse();
    assertThat(c.resolve().overdue(Instant.parse("2026-02-28T16:00:01Z"))).isTrue();
    assertThat(c.overdue(Instant.parse("2026-02-25T00:00:00Z"))).as("no progress reported by 24 February").isTrue();
  }

  @Test
  void suspensionOverNationalDayAddsOnlyTheWorkingDaysSuspended() {
    CaseClock c = CaseClock.submitted(LocalDate.parse("2026-09-21"), LEVELS, CAL).accepted()
        .dispatched(LocalDate.parse("2026-09-21"), Complexity.ORDINARY, LEVELS, CAL).reported();
    // 22, 23, 24, [25-27 off], 28, 29, 30, [1-7 October off], 8 October
    assertThat(c.resolve().due()).isEqualTo(LocalDate.parse("2026-10-08"));
    CaseClock s = c.suspended(LocalDate.parse("2026-09-29")).resumed(LocalDate.parse("2026-10-09"), CAL);
    // suspended 30 Sep, 8 Oct, 9 Oct: three working days (1-7 October are holidays)
    assertThat(s.suspendedWorkingDays()).isEqualTo(3);
    // 9 October, 10 October (a make-up Saturday), 12 October
    assertThat(s.resolve().due()).isEqualTo(LocalDate.parse("2026-10-12"));
  }
}
