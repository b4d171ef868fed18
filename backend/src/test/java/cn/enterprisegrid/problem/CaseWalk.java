package cn.enterprisegrid.problem;

import cn.enterprisegrid.calendar.WorkingCalendar;
import cn.enterprisegrid.http.ProblemException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A seeded random walk of several cases through the store's rules without Redis: {@link
 * StepRules} computes each step, the walk writes it as {@code problem_step.lua} would (and the
 * merge's link, the followers' steps, the clock's events and auto-close as the store and the clock
 * do), and after every action checks: no case lost (every case is there, every merge link points
 * both ways), exactly one accountable department (a department while one works on it, never the
 * pending one, a follower's the same as its target's), suspended time never counts (nothing fires
 * while suspended, no running deadline) and each breach counted once (per accountable, equal to
 * the breaches fired, no event name twice).
 */
final class CaseWalk {
  private static final String[] DEPARTMENTS = {"开化县财政局", "开化县经济和信息化局", "开化县司法局"};

  private final Random random;
  private final WorkingCalendar cal;
  private final Map<String, Map<String, String>> cases = new LinkedHashMap<>();
  private final Map<String, Integer> breaches = new HashMap<>();
  int refused;
  int taken;
  /** What the walk did besides plain steps (the test checks that walks do reach them). */
  final Map<String, Integer> reached = new HashMap<>();

  CaseWalk(Random random, WorkingCalendar cal) {
    this.random = random;
    this.cal = cal;
  }

  private int count;

  void run(int caseCount, int actions) {
    count = caseCount;
    LocalDate day = LocalDate.parse("2026-01-05").plusDays(random.nextInt(150));
    for (int i = 1; i <= caseCount; i++) {
      cases.put(String.valueOf(i), filed(String.valueOf(i), at(day)));
    }
    for (int i = 0; i < actions && day.isBefore(LocalDate.parse("2026-10-20")); i++) {
      day = day.plusDays(random.nextInt(3));
      Instant now = at(day);
      String id = String.valueOf(1 + random.nextInt(caseCount));
      Step step = step(ProblemStatus.valueOf(cases.get(id).get("status")));
      act(id, step, args(id, step), now);
      clock(now);
      check();
    }
  }

  /** Mostly a step the status allows (a rejection rarely: it ends the case), sometimes any step. */
  private Step step(ProblemStatus status) {
    List<Step> allowed = new ArrayList<>();
    for (Step s : Step.values()) {
      if (s.allowedFrom(status) && (s != Step.REJECT || random.nextInt(5) == 0)) {
        allowed.add(s);
      }
    }
    return allowed.isEmpty() || random.nextInt(4) == 0 ? Step.values()[random.nextInt(Step.values().length)]
        : allowed.get(random.nextInt(allowed.size()));
  }

  private static Instant at(LocalDate day) {
    return day.atTime(LocalTime.of(10, 0)).atZone(WorkingCalendar.ZONE).toInstant();
  }

  private Map<String, String> filed(String id, Instant now) {
    Map<String, String> h = new HashMap<>();
    h.put("id", id);
    h.put("status", ProblemStatus.SUBMITTED.name());
    h.put("category", "FINANCING");
    h.put("township", "330824101");
    h.put("clock", ClockJson.encode(CaseClock.submitted(LocalDate.ofInstant(now, WorkingCalendar.ZONE),
        ServiceLevels.RULE_13710, cal)).encode());
    h.put("version", "1");
    return h;
  }

  private StepArgs args(String id, Step step) {
    String dept = DEPARTMENTS[random.nextInt(DEPARTMENTS.length)];
    return switch (step) {
      case DISPATCH -> StepArgs.dispatch(dept, random.nextBoolean() ? Complexity.ORDINARY : Complexity.COMPLEX);
      case TRANSFER -> switch (cases.get(id).get("pendingDepartment") == null ? random.nextInt(4) : 1 + random.nextInt(2)) {
        case 0 -> StepArgs.transfer(dept, "属其职责");
        case 1 -> StepArgs.receive();
        default -> StepArgs.decline("不属本部门职责");
      };
      case EXTEND -> StepArgs.extend(1 + random.nextInt(5), "需审批");
      case RATE -> StepArgs.rate(Rating.values()[random.nextInt(Rating.values().length)], null);
      case VERIFY -> StepArgs.verify(random.nextBoolean() ? Lifecycle.VerifyOutcome.RECTIFY
          : Lifecycle.VerifyOutcome.EXPLAINED, "回访");
      case MERGE -> StepArgs.merge(String.valueOf(1 + random.nextInt(cases.size())));
      case APPEAL -> StepArgs.appeal("评价与事实不符");
      case APPEAL_DECISION -> StepArgs.decide(random.nextBoolean(), "裁定");
      default -> StepArgs.note("说明");
    };
  }

  /** One step as the store takes it; a refusal must leave every case as it was. */
  private void act(String id, Step step, StepArgs a, Instant now) {
    Map<String, Map<String, String>> before = snapshot();
    Map<String, String> h = cases.get(id);
    try {
      Change ch = StepRules.apply(h, step, a, cal, Categories.DEFAULTS, now);
      if (step == Step.MERGE) {
        Map<String, String> target = cases.get(a.into());
        StepRules.checkTarget(target, a.into());
        List<String> merged = StepRules.merged(target);
        merged.add(id);
        target.put("merged", new JsonArray(merged).encode());
        bump(target);
      }
      write(h, ch, "admin", now);
      taken++;
      reached.merge(ch.historyStep(), 1, Integer::sum);
      String target = step == Step.MERGE ? a.into() : id;
      follow(target, now);
    } catch (StepRefused | ProblemException e) {
      refused++;
      require(snapshot().equals(before), "a refused " + step + " changes nothing");
    }
  }

  /** What {@code problem_step.lua} writes, with the lead the store records. */
  private void write(Map<String, String> h, Change ch, String actor, Instant now) {
    ch.del().forEach(h::remove);
    h.putAll(ch.set());
    h.put("status", ch.next().name());
    h.put("clock", ClockJson.encode(ch.clock()).encode());
    int version = bump(h);
    JsonObject lead = StepRules.lead(ch.historyStep(), ch.next(), h, ch.note(), actor, now, version);
    if (lead != null) {
      h.put("lead", lead.encode());
    }
  }

  private static int bump(Map<String, String> h) {
    int v = Integer.parseInt(h.get("version")) + 1;
    h.put("version", String.valueOf(v));
    return v;
  }

  private void follow(String target, Instant now) {
    Map<String, String> t = cases.get(target);
    if (t.get("lead") == null) {
      return;
    }
    JsonObject lead = new JsonObject(t.get("lead"));
    for (String f : StepRules.merged(t)) {
      for (int round = 0; round < 2; round++) {
        // the second round is a retry after a crash: it must change nothing
        Change ch = StepRules.follow(cases.get(f), target, lead, cal, Categories.DEFAULTS, now);
        if (round == 1) {
          require(ch == null, "a follower takes a lead once");
        } else if (ch != null) {
          write(cases.get(f), ch, lead.getString("actor"), now);
          reached.merge("FOLLOW", 1, Integer::sum);
        }
      }
    }
  }

  /** The clock at {@code now}: auto-close, else every due warning and breach once. */
  private void clock(Instant now) {
    for (Map.Entry<String, Map<String, String>> e : cases.entrySet()) {
      Map<String, String> h = e.getValue();
      Change close = StepRules.autoClose(h, Categories.DEFAULTS, now);
      if (close != null) {
        write(h, close, ProblemStore.SYSTEM, now);
        reached.merge("AUTO_CLOSE", 1, Integer::sum);
        require(StepRules.autoClose(h, Categories.DEFAULTS, now) == null, "closed once");
        continue;
      }
      CaseClock c = CaseFields.effective(h, ClockJson.decode(new JsonObject(h.get("clock"))));
      Set<String> fired = CaseFields.fired(h);
      List<ClockEvents.Event> due = ClockEvents.due(c, fired, now);
      if (ProblemStatus.SUSPENDED.name().equals(h.get("status"))) {
        require(c.running().isEmpty() && due.isEmpty(), "a suspended clock stands, nothing fires");
      }
      List<String> all = new ArrayList<>(fired);
      for (ClockEvents.Event ev : due) {
        all.add(ev.name());
        reached.merge(ev.type(), 1, Integer::sum);
        if (ev.type().equals("BREACH")) {
          breaches.merge(CaseFields.accountable(h), 1, Integer::sum);
        }
      }
      h.put("fired", new JsonArray(all).encode());
      require(ClockEvents.due(c, CaseFields.fired(h), now).isEmpty(), "a tick again fires nothing");
    }
  }

  private void check() {
    require(cases.size() == count, "no case lost");
    int fired = 0;
    for (Map.Entry<String, Map<String, String>> e : cases.entrySet()) {
      String id = e.getKey();
      Map<String, String> h = e.getValue();
      ProblemStatus status = ProblemStatus.valueOf(h.get("status"));
      require(id.equals(h.get("id")), "the case is where it was filed");
      String into = h.getOrDefault("mergedInto", "");
      if (!into.isEmpty()) {
        Map<String, String> target = cases.get(into);
        require(target != null && StepRules.merged(target).contains(id), "a follower's target lists it");
        require(target.getOrDefault("mergedInto", "").isEmpty(), "one level of merge");
        require(h.get("department") == null || target.get("department") == null
            || h.get("department").equals(target.get("department")), "a follower's department is its target's");
      }
      for (String f : StepRules.merged(h)) {
        require(id.equals(cases.get(f).get("mergedInto")), "a link points both ways");
      }
      String department = h.get("department");
      if (status.withDepartment()) {
        require(department != null && !department.isBlank(), "one department accountable while it works on " + id);
      }
      require(!CaseFields.accountable(h).isBlank(), "someone is accountable");
      require(h.get("pendingDepartment") == null || !h.get("pendingDepartment").equals(department),
          "the pending department is not yet accountable");
      CaseClock c = ClockJson.decode(new JsonObject(h.get("clock")));
      require((status == ProblemStatus.SUSPENDED) == (c.suspendedSince() != null), "suspended when its clock is");
      require(c.resolve() == null || c.resolve().met()
          || cal.workingDaysBetween(c.resolve().start(), c.resolve().due()) == c.resolve().workingDays(),
          "the resolve deadline allows exactly its working days");
      List<String> names = new ArrayList<>(CaseFields.fired(h));
      require(new HashSet<>(names).size() == new JsonArray(h.getOrDefault("fired", "[]")).size(), "no event fired twice");
      fired += (int) names.stream().filter(n -> n.startsWith("BREACH:")).count();
      JsonArray appeals = new JsonArray(h.getOrDefault("appeals", "[]"));
      Set<String> rated = new HashSet<>();
      for (Object o : appeals) {
        require(rated.add(((JsonObject) o).getString("ratedAt")), "one appeal per rating");
      }
    }
    require(breaches.values().stream().mapToInt(Integer::intValue).sum() == fired, "each breach counted once");
  }

  private void require(boolean condition, String what) {
    if (!condition) {
      throw new AssertionError(what + ": " + cases);
    }
  }

  private Map<String, Map<String, String>> snapshot() {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    cases.forEach((k, v) -> out.put(k, new HashMap<>(v)));
    return out;
  }
}
