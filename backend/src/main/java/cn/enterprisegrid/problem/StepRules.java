package cn.enterprisegrid.problem;

import cn.enterprisegrid.calendar.WorkingCalendar;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.ProblemException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One step on a loaded case: {@link Lifecycle#next} for the status, {@link CaseClock} for the
 * deadlines, and the fields each step records. A transfer is two steps of {@link Step#TRANSFER}:
 * the proposal records {@code pendingDepartment} and leaves status and accountable department as
 * they are; the receiver accepts ({@link StepArgs#receive()}: it becomes the department) or
 * declines ({@link StepArgs#decline}: the proposal is cleared). A case merged into another
 * ({@code mergedInto}) takes only its own firm's steps ({@link #OWN_WHEN_MERGED}); the rest it
 * follows from its target ({@link #follow}). Appeals: one per rating ({@code ratedAt}), kept in
 * {@code appeals}; an upheld one sets {@code ratingExcluded}.
 */
final class StepRules {
  /** The steps a merged case still takes itself: its firm's rating and what follows from it. */
  static final Set<Step> OWN_WHEN_MERGED = EnumSet.of(Step.RATE, Step.VERIFY, Step.CLOSE, Step.APPEAL,
      Step.APPEAL_DECISION, Step.MERGE);
  /** History steps of a target that its merged cases follow (the ones the firm must hear of). */
  static final Set<String> LEADS = Set.of("DISPATCH", "TRANSFER_ACCEPT", "RESOLVE", "REOPEN", "VERIFY");

  private StepRules() {}

  static Change apply(Map<String, String> h, Step step, StepArgs a, WorkingCalendar cal, Categories categories,
      Instant now) {
    ProblemStatus status = ProblemStatus.valueOf(h.get("status"));
    String before = h.get("beforeSuspension");
    ProblemStatus beforeSuspension = before == null || before.isEmpty() ? null : ProblemStatus.valueOf(before);
    String mergedInto = h.getOrDefault("mergedInto", "");
    if (!mergedInto.isEmpty() && !OWN_WHEN_MERGED.contains(step)) {
      throw ProblemException.conflict("merged", Text.of("problem.merged-step", mergedInto, step));
    }
    if (step == Step.RATE && a.rating() == null) {
      throw ProblemException.invalid("/level", Text.of("problem.level-required"));
    }
    if (step == Step.VERIFY && a.outcome() == null) {
      throw ProblemException.invalid("/outcome", Text.of("problem.outcome-required"));
    }
    ProblemStatus next = Lifecycle.next(status, step, beforeSuspension, a.rating(), a.outcome());
    CaseClock c = ClockJson.decode(new JsonObject(h.get("clock")));
    ServiceLevels levels = levels(h, categories);
    LocalDate today = LocalDate.ofInstant(now, WorkingCalendar.ZONE);
    Map<String, String> set = new LinkedHashMap<>();
    List<String> del = new ArrayList<>();
    Map<String, String> detail = new LinkedHashMap<>();
    boolean draw = false;
    String historyStep = step.name();
    String historyLabel = step.label();
    switch (step) {
      case ACCEPT -> c = c.accepted();
      case REJECT -> {
        require(a.note(), "/reason", "problem.reject-reason");
        c = c.accepted();
        set.put("reason", a.note());
      }
      case DISPATCH -> {
        String department = a.department() != null ? a.department()
            : categories.byCode(h.get("category")).map(Category::defaultDepartment).orElse(null);
        require(department, "/department", "problem.department-required");
        Complexity complexity = a.complexity() == null ? Complexity.ORDINARY : a.complexity();
        c = c.dispatched(today, complexity, levels, cal);
        set.put("department", department);
        set.put("complexity", complexity.name());
        del.add("pendingDepartment");
        if (a.handler() != null) {
          set.put("handler", a.handler());
          detail.put("handler", a.handler());
        } else {
          del.add("handler");
        }
        detail.put("department", department);
        detail.put("complexity", complexity.name());
        draw = true;
      }
      case PROGRESS -> {
        require(a.note(), "/note", "problem.progress-required");
        c = c.reported();
      }
      case RESOLVE -> {
        require(a.note(), "/resolution", "problem.resolution-required");
        c = c.resolved();
        resolved(set, a.note(), now, today, levels, cal);
      }
      case SUSPEND -> {
        require(a.note(), "/reason", "problem.suspend-reason");
        c = c.suspended(today);
        set.put("beforeSuspension", status.name());
        set.put("reason", a.note());
      }
      case RESUME -> {
        c = c.resumed(today, cal);
        del.add("beforeSuspension");
      }
      case EXTEND -> {
        if (a.workingDays() == null || a.workingDays() < 1 || a.workingDays() > 60) {
          throw ProblemException.invalid("/workingDays", Text.of("problem.extend-days"));
        }
        require(a.note(), "/reason", "problem.extend-reason");
        Deadline resolve = c.resolve();
        if (a.request()) {
          // a department asks before its deadline passes; a grid admin approves (or extends directly)
          if (h.get("extensionRequest") != null) {
            throw ProblemException.conflict("extension-pending", Text.of("problem.extension-pending"));
          }
          if (resolve == null || !now.isBefore(resolve.passesAt())) {
            throw ProblemException.conflict("deadline-passed", Text.of("problem.deadline-passed"));
          }
          next = status;
          set.put("extensionRequest", new io.vertx.core.json.JsonObject().put("workingDays", a.workingDays())
              .put("reason", a.note()).put("at", now.toString()).encode());
          historyStep = "EXTEND_REQUEST";
          historyLabel = "申请延期";
        } else {
          c = c.extended(a.workingDays(), cal);
          del.add("extensionRequest");
        }
        detail.put("workingDays", String.valueOf(a.workingDays()));
      }
      case TRANSFER -> {
        String pending = h.getOrDefault("pendingDepartment", "");
        if (a.acceptTransfer() || a.declineTransfer()) {
          if (pending.isEmpty()) {
            throw ProblemException.conflict("no-pending-transfer", Text.of("problem.no-pending-transfer"));
          }
          del.add("pendingDepartment");
          detail.put("from", h.getOrDefault("department", ""));
          if (a.acceptTransfer()) {
            set.put("department", pending);
            detail.put("department", pending);
            historyStep = "TRANSFER_ACCEPT";
            historyLabel = "接收转办";
          } else {
            require(a.note(), "/note", "problem.decline-reason");
            // refused: the first department stays accountable and the case stays where it was
            next = status;
            detail.put("declinedBy", pending);
            historyStep = "TRANSFER_DECLINE";
            historyLabel = "拒绝接收转办";
          }
        } else {
          require(a.department(), "/department", "problem.transfer-department");
          if (!pending.isEmpty()) {
            throw ProblemException.conflict("transfer-pending", Text.of("problem.transfer-pending", pending));
          }
          if (a.department().equals(h.get("department"))) {
            throw ProblemException.invalid("/department", Text.of("problem.already-handled-by", a.department()));
          }
          next = status;
          set.put("pendingDepartment", a.department());
          detail.put("department", a.department());
        }
      }
      case RATE -> {
        set.put("rating", a.rating().name());
        set.put("ratedAt", now.toString());
        // a new rating counts until it is appealed in its turn
        del.add("ratingExcluded");
        del.add("autoCloseOn");
        detail.put("rating", a.rating().name());
        if (a.rating().bad()) {
          c = c.verifying(today, levels, cal);
        }
      }
      case VERIFY -> {
        if (!mergedInto.isEmpty() && a.outcome() == Lifecycle.VerifyOutcome.RECTIFY) {
          throw ProblemException.conflict("merged", Text.of("problem.merged-rectify", mergedInto));
        }
        c = c.verified();
        detail.put("outcome", a.outcome().name());
        if (a.outcome() == Lifecycle.VerifyOutcome.RECTIFY) {
          Complexity complexity = Complexity.valueOf(h.getOrDefault("complexity", Complexity.ORDINARY.name()));
          c = c.dispatched(today, complexity, levels, cal);
          draw = true;
        }
      }
      case MERGE -> {
        require(a.into(), "/into", "problem.into-required");
        if (a.into().equals(h.get("id"))) {
          throw ProblemException.invalid("/into", Text.of("problem.merge-self"));
        }
        if (!mergedInto.isEmpty()) {
          throw ProblemException.conflict("already-merged", Text.of("problem.already-merged", mergedInto));
        }
        List<String> followers = merged(h);
        if (!followers.isEmpty()) {
          throw ProblemException.conflict("has-merged", Text.of("problem.has-merged", String.join(", ", followers)));
        }
        set.put("mergedInto", a.into());
        set.put("mergedAt", now.toString());
        detail.put("into", a.into());
        historyLabel = "合并（并入诉求" + a.into() + "）";
      }
      case APPEAL -> appeal(h, a, status, c, now, set, detail);
      case APPEAL_DECISION -> decide(h, a, now, set, del, detail);
      case CLOSE, REOPEN -> {
        del.add("autoCloseOn");
      }
      default -> throw new IllegalStateException("unhandled step " + step);
    }
    return new Change(next, c, set, del, draw, historyStep, historyLabel, a.note(), detail);
  }

  /**
   * The merge target's check, on the target as read: it must exist (422), be open and not merged
   * itself (409, in Chinese).
   */
  static void checkTarget(Map<String, String> target, String into) {
    if (target.isEmpty()) {
      throw ProblemException.invalid("/into", Text.of("problem.no-problem", into));
    }
    ProblemStatus s = ProblemStatus.valueOf(target.get("status"));
    if (!s.open()) {
      throw ProblemException.conflict("merge-target-closed", Text.of("problem.merge-target-closed", into, s));
    }
    String further = target.getOrDefault("mergedInto", "");
    if (!further.isEmpty()) {
      throw ProblemException.conflict("merge-target-merged", Text.of("problem.merge-target-merged", into, further));
    }
  }

  /** The case's merged followers (the {@code merged} field), in merge order. */
  static List<String> merged(Map<String, String> h) {
    List<String> out = new ArrayList<>();
    new JsonArray(h.getOrDefault("merged", "[]")).forEach(x -> out.add(x.toString()));
    return out;
  }

  /**
   * What the target's step {@code historyStep} leaves for its followers to take (null when they
   * follow nothing): the status, department and note, at the target's new {@code version}.
   */
  static JsonObject lead(String historyStep, ProblemStatus next, Map<String, String> after, String note,
      String actor, Instant now, int version) {
    if (!LEADS.contains(historyStep) || ("VERIFY".equals(historyStep) && next != ProblemStatus.DISPATCHED)) {
      return null;
    }
    return new JsonObject().put("version", version).put("step", historyStep).put("status", next.name())
        .put("department", after.getOrDefault("department", "")).put("note", note == null ? "" : note)
        .put("actor", actor).put("at", now.toString());
  }

  /**
   * The step a case merged into {@code target} takes to follow the target's {@code lead}, or null
   * when it already followed it (its {@code followed} version is as new): the same status, the
   * target's department and, on a resolution, the same resolution, so its own firm hears it and
   * rates its own case. Not a person's step: the lifecycle table is the target's.
   */
  static Change follow(Map<String, String> h, String target, JsonObject lead, WorkingCalendar cal,
      Categories categories, Instant now) {
    int version = lead.getInteger("version");
    if (!target.equals(h.getOrDefault("mergedInto", ""))
        || Integer.parseInt(h.getOrDefault("followed", "0")) >= version) {
      return null;
    }
    ProblemStatus next = ProblemStatus.valueOf(lead.getString("status"));
    CaseClock c = ClockJson.decode(new JsonObject(h.get("clock")));
    LocalDate today = LocalDate.ofInstant(now, WorkingCalendar.ZONE);
    Map<String, String> set = new LinkedHashMap<>();
    List<String> del = new ArrayList<>();
    Map<String, String> detail = new LinkedHashMap<>();
    String step = lead.getString("step");
    String department = lead.getString("department", "");
    if (!department.isEmpty()) {
      set.put("department", department);
    }
    del.add("pendingDepartment");
    if (c.suspendedSince() != null) {
      // the target does the work now: a merged case's own suspension ends with its merge's next step
      c = c.resumed(today, cal);
      del.add("beforeSuspension");
    }
    if (next != ProblemStatus.REOPENED) {
      // dispatched or resolved again: the target's new round supersedes a verification of its own
      c = c.verified();
    }
    if (next == ProblemStatus.RESOLVED) {
      c = c.resolved();
      resolved(set, lead.getString("note"), now, today, levels(h, categories), cal);
    } else {
      del.add("autoCloseOn");
    }
    set.put("followed", String.valueOf(version));
    detail.put("followed", target);
    String label = switch (step) {
      case "TRANSFER_ACCEPT" -> "接收转办";
      case "VERIFY" -> "重新交办";
      default -> Step.valueOf(step).label();
    };
    return new Change(next, c, set, del, false, step, label + "（随合并诉求" + target + "）", lead.getString("note"),
        detail);
  }

  /**
   * The clock's close of a resolved case its firm did not rate within the auto-close working days
   * ({@code autoCloseOn} passed), or null when it is no longer RESOLVED or not yet due.
   */
  static Change autoClose(Map<String, String> h, Categories categories, Instant now) {
    String on = h.get("autoCloseOn");
    if (!ProblemStatus.RESOLVED.name().equals(h.get("status")) || on == null
        || !now.isAfter(WorkingCalendar.endOf(LocalDate.parse(on)))) {
      return null;
    }
    CaseClock c = ClockJson.decode(new JsonObject(h.get("clock")));
    int days = levels(h, categories).autoCloseDays();
    Map<String, String> set = new LinkedHashMap<>();
    set.put("autoClosedAt", now.toString());
    Map<String, String> detail = new LinkedHashMap<>();
    detail.put("workingDays", String.valueOf(days));
    return new Change(ProblemStatus.CLOSED, c, set, List.of("autoCloseOn"), false, "AUTO_CLOSE", "自动关闭",
        "办结后" + days + "个工作日内未评价，系统自动关闭", detail);
  }

  private static void resolved(Map<String, String> set, String resolution, Instant now,
      LocalDate today, ServiceLevels levels, WorkingCalendar cal) {
    set.put("resolution", resolution);
    set.put("resolvedAt", now.toString());
    // unrated after this many working days, the clock closes it
    set.put("autoCloseOn", cal.addWorkingDays(today, levels.autoCloseDays()).toString());
  }

  private static void appeal(Map<String, String> h, StepArgs a, ProblemStatus status, CaseClock c, Instant now,
      Map<String, String> set, Map<String, String> detail) {
    require(a.note(), "/reason", "problem.appeal-reason");
    String rating = h.get("rating");
    String ratedAt = h.get("ratedAt");
    if (rating == null || ratedAt == null) {
      throw ProblemException.conflict("no-rating", Text.of("problem.no-rating"));
    }
    boolean verifying = c.verify() != null && !c.verify().met();
    if (status == ProblemStatus.REOPENED && !(Rating.valueOf(rating).bad() && verifying)) {
      throw ProblemException.conflict("appeal-not-offered", Text.of("problem.appeal-not-offered"));
    }
    JsonArray appeals = new JsonArray(h.getOrDefault("appeals", "[]"));
    for (Object o : appeals) {
      if (ratedAt.equals(((JsonObject) o).getString("ratedAt"))) {
        throw ProblemException.conflict("appeal-exists", Text.of("problem.appeal-exists"));
      }
    }
    appeals.add(new JsonObject().put("rating", rating).put("ratedAt", ratedAt).put("reason", a.note())
        .put("department", h.getOrDefault("department", "")).put("at", now.toString()).put("status", "PENDING"));
    set.put("appeals", appeals.encode());
    detail.put("rating", rating);
  }

  private static void decide(Map<String, String> h, StepArgs a, Instant now, Map<String, String> set,
      List<String> del, Map<String, String> detail) {
    if (a.upheld() == null) {
      throw ProblemException.invalid("/upheld", Text.of("problem.upheld-required"));
    }
    require(a.note(), "/note", "problem.decision-reason");
    JsonArray appeals = new JsonArray(h.getOrDefault("appeals", "[]"));
    JsonObject last = appeals.isEmpty() ? null : appeals.getJsonObject(appeals.size() - 1);
    if (last == null || !"PENDING".equals(last.getString("status"))) {
      throw ProblemException.conflict("no-pending-appeal", Text.of("problem.no-pending-appeal"));
    }
    last.put("status", a.upheld() ? "UPHELD" : "DISMISSED").put("decision", a.note()).put("decidedAt", now.toString());
    set.put("appeals", appeals.encode());
    if (a.upheld() && last.getString("ratedAt").equals(h.get("ratedAt"))) {
      set.put("ratingExcluded", "1");
    } else if (!a.upheld()) {
      del.add("ratingExcluded");
    }
    detail.put("upheld", String.valueOf(a.upheld()));
    detail.put("rating", last.getString("rating"));
  }

  private static ServiceLevels levels(Map<String, String> h, Categories categories) {
    return categories.byCode(h.get("category")).map(Category::levels).orElse(ServiceLevels.RULE_13710);
  }

  /** A 422 naming {@code pointer} with the catalog's text {@code key} when the value is blank. */
  private static void require(String value, String pointer, String key) {
    if (value == null || value.isBlank()) {
      throw ProblemException.invalid(pointer, Text.of(key));
    }
  }
}
