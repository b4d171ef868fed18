package cn.enterprisegrid.problem;

import cn.enterprisegrid.calendar.WorkingCalendar;
import cn.enterprisegrid.http.ProblemException;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step on a loaded case: {@link Lifecycle#next} for the status, {@link CaseClock} for the
 * deadlines, and the fields each step records. A transfer is two steps of {@link Step#TRANSFER}:
 * the proposal records {@code pendingDepartment} and leaves status and accountable department as
 * they are; the receiver's acceptance ({@link StepArgs#receive()}) makes it the department.
 * {@link Step#MERGE} is not offered yet.
 */
final class StepRules {
  private StepRules() {}

  static Change apply(Map<String, String> h, Step step, StepArgs a, WorkingCalendar cal, Categories categories,
      Instant now) {
    ProblemStatus status = ProblemStatus.valueOf(h.get("status"));
    String before = h.get("beforeSuspension");
    ProblemStatus beforeSuspension = before == null || before.isEmpty() ? null : ProblemStatus.valueOf(before);
    if (step == Step.MERGE) {
      throw ProblemException.conflict("step-not-offered", "合并（MERGE）尚未提供");
    }
    if (step == Step.RATE && a.rating() == null) {
      throw ProblemException.invalid("/level", "请选择评价等级");
    }
    if (step == Step.VERIFY && a.outcome() == null) {
      throw ProblemException.invalid("/outcome", "请填写核实结果（RECTIFY 整改或 EXPLAINED 已解释）");
    }
    ProblemStatus next = Lifecycle.next(status, step, beforeSuspension, a.rating(), a.outcome());
    CaseClock c = ClockJson.decode(new io.vertx.core.json.JsonObject(h.get("clock")));
    ServiceLevels levels = categories.byCode(h.get("category")).map(Category::levels).orElse(ServiceLevels.RULE_13710);
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
        require(a.note(), "/reason", "不予受理须说明理由");
        c = c.accepted();
        set.put("reason", a.note());
      }
      case DISPATCH -> {
        String department = a.department() != null ? a.department()
            : categories.byCode(h.get("category")).map(Category::defaultDepartment).orElse(null);
        require(department, "/department", "请填写承办部门");
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
        require(a.note(), "/note", "请填写办理进展");
        c = c.reported();
      }
      case RESOLVE -> {
        require(a.note(), "/resolution", "请填写办理结果");
        c = c.resolved();
        set.put("resolution", a.note());
        set.put("resolvedAt", now.toString());
      }
      case SUSPEND -> {
        require(a.note(), "/reason", "挂起须说明理由");
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
          throw ProblemException.invalid("/workingDays", "延期为 1 到 60 个工作日");
        }
        require(a.note(), "/reason", "申请或批准延期须说明理由");
        Deadline resolve = c.resolve();
        if (a.request()) {
          // a department asks before its deadline passes; a grid admin approves (or extends directly)
          if (h.get("extensionRequest") != null) {
            throw ProblemException.conflict("extension-pending", "已有待批准的延期申请");
          }
          if (resolve == null || !now.isBefore(resolve.passesAt())) {
            throw ProblemException.conflict("deadline-passed", "办结时限已过，不能再申请延期");
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
        if (a.acceptTransfer()) {
          if (pending.isEmpty()) {
            throw ProblemException.conflict("no-pending-transfer", "诉求没有待接收的转办");
          }
          set.put("department", pending);
          del.add("pendingDepartment");
          detail.put("from", h.getOrDefault("department", ""));
          detail.put("department", pending);
          historyStep = "TRANSFER_ACCEPT";
          historyLabel = "接收转办";
        } else {
          require(a.department(), "/department", "请填写接收转办的部门");
          if (!pending.isEmpty()) {
            throw ProblemException.conflict("transfer-pending", "诉求已转办至" + pending + "，待其接收");
          }
          if (a.department().equals(h.get("department"))) {
            throw ProblemException.invalid("/department", "诉求已由" + a.department() + "承办");
          }
          next = status;
          set.put("pendingDepartment", a.department());
          detail.put("department", a.department());
        }
      }
      case RATE -> {
        set.put("rating", a.rating().name());
        detail.put("rating", a.rating().name());
        if (a.rating().bad()) {
          c = c.verifying(today, levels, cal);
        }
      }
      case VERIFY -> {
        c = c.verified();
        detail.put("outcome", a.outcome().name());
        if (a.outcome() == Lifecycle.VerifyOutcome.RECTIFY) {
          Complexity complexity = Complexity.valueOf(h.getOrDefault("complexity", Complexity.ORDINARY.name()));
          c = c.dispatched(today, complexity, levels, cal);
          draw = true;
        }
      }
      case CLOSE, REOPEN -> { }
      default -> throw new IllegalStateException("unhandled step " + step);
    }
    return new Change(next, c, set, del, draw, historyStep, historyLabel, a.note(), detail);
  }

  private static void require(String value, String pointer, String detail) {
    if (value == null || value.isBlank()) {
      throw ProblemException.invalid(pointer, detail);
    }
  }
}
