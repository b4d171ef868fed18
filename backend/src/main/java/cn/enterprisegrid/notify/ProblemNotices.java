package cn.enterprisegrid.notify;

import cn.enterprisegrid.problem.ProblemStatus;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Words the notice of a problem event for the role its recipient hears it in ({@code as}: firm, handler, head,
 * admin, liaison). Pure. The values for templates: {@code title} (the case's title), {@code status} (at most five
 * Chinese characters), {@code hint}, {@code date} (yyyy-MM-dd: the due date of a warning or breach, else the day of
 * the notice), {@code dispatchNo}, {@code problemId}, {@code deadline} (what the deadline is for, e.g. 办结) and
 * {@code due} for SMS templates.
 */
final class ProblemNotices {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private ProblemNotices() {}

  /** The {@code policy} field of a problem's notices: a subject that never collides with a policy id. */
  static String subject(String problemId) {
    return "problem:" + problemId;
  }

  /** Whether an inbox item is a problem notice. */
  static boolean isProblem(JsonObject item) {
    String kind = item.getString("kind", "");
    return kind.equals("problem") || kind.startsWith("problem.");
  }

  static Message render(JsonObject n) {
    JsonObject p = Wording.payload(n);
    String kind = n.getString("kind");
    String as = p.getString("as", "firm");
    String title = p.getString("title", "");
    String quoted = "《" + title + "》";
    String no = p.getString("dispatchNo", "");
    String ref = no.isEmpty() ? "" : "（交办单号" + no + "）";
    String department = p.getString("department", "");
    String deadline = deadlineLabel(p.getString("deadline", ""));
    String due = p.getString("due", "");
    String heading;
    String body;
    String status;
    String hint;
    switch (kind) {
      case "problem.dispatch" -> {
        heading = "新交办诉求";
        status = "待办理";
        hint = "请及时受理办理";
        body = "诉求" + quoted + ref + "已交由贵部门办理，请及时处理。";
      }
      case "problem.transfer" -> {
        heading = "转办待接收";
        status = "待接收";
        hint = "请确认接收转办";
        body = "诉求" + quoted + "拟转由贵部门（" + p.getString("pendingDepartment", "") + "）办理，请确认接收。";
      }
      case "problem.warning" -> {
        heading = "诉求临期预警";
        status = "临期";
        hint = deadline + "时限" + due + "到期";
        body = "诉求" + quoted + ref + "的" + deadline + "时限将于" + due + "到期，请及时办理。";
      }
      case "problem.breach" -> {
        heading = "诉求超期督办";
        status = "已超期";
        hint = "已超" + deadline + "时限，请督办";
        body = switch (as) {
          case "head" -> "贵部门办理的诉求" + quoted + ref + "已超过" + deadline + "时限（" + due + "），请督促办理。";
          case "admin" -> (department.isEmpty() ? "乡镇受理的" : department + "办理的") + "诉求" + quoted + ref
              + "已超过" + deadline + "时限（" + due + "），已升级督办。";
          case "liaison" -> "包联企业" + p.getString("uscc", "") + "的诉求" + quoted + "已超过" + deadline + "时限（"
              + due + "），请跟进。";
          default -> "诉求" + quoted + ref + "已超过" + deadline + "时限（" + due + "），请立即办理。";
        };
      }
      default -> {
        ProblemStatus s = status(kind);
        heading = "liaison".equals(as) ? "包联企业诉求" : "诉求办理进展";
        status = s == null ? "已更新" : s.label();
        hint = hint(s, department);
        body = "liaison".equals(as)
            ? "包联企业" + p.getString("uscc", "") + "的诉求" + quoted + status + "：" + hint + "。"
            : "您的诉求" + quoted + status + "：" + hint + "。";
      }
    }
    String date = kind.equals("problem.warning") || kind.equals("problem.breach") ? due : day(n.getLong("at"));
    Map<String, String> values = new TreeMap<>();
    put(values, "title", title.isEmpty() ? "企业诉求" : title);
    put(values, "status", status);
    put(values, "hint", hint);
    put(values, "date", date);
    put(values, "dispatchNo", no.isEmpty() ? "无" : no);
    put(values, "problemId", p.getString("id", ""));
    put(values, "deadline", deadline);
    put(values, "due", due);
    put(values, "department", department);
    return new Message("problem", kind, n.getString("id"), heading, body, values, List.of());
  }

  private static ProblemStatus status(String kind) {
    try {
      return ProblemStatus.valueOf(kind.substring(kind.indexOf('.') + 1));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String hint(ProblemStatus s, String department) {
    if (s == null) {
      return "点击查看办理进展";
    }
    return switch (s) {
      case SUBMITTED -> "已提交，等待受理";
      case ACCEPTED -> "已受理，即将交办";
      case REJECTED -> "不予受理，点击查看原因";
      case DISPATCHED -> department.isEmpty() ? "已交办相关部门办理" : "已交" + department + "办理";
      case IN_PROGRESS -> "部门正在办理";
      case SUSPENDED -> "暂停办理，点击查看原因";
      case RESOLVED -> "已办结，请评价办理结果";
      case RATED -> "感谢您的评价";
      case REOPENED -> "已重新启动办理";
      case CLOSED -> "诉求已关闭";
    };
  }

  static String deadlineLabel(String kind) {
    return switch (kind) {
      case "ACCEPT" -> "受理";
      case "FIRST_REPORT" -> "首次报告进展";
      case "RESOLVE" -> "办结";
      case "VERIFY" -> "核实";
      default -> "办理";
    };
  }

  private static String day(Long ms) {
    return LocalDate.ofInstant(ms == null ? Instant.now() : Instant.ofEpochMilli(ms), ZONE).toString();
  }

  private static void put(Map<String, String> m, String k, String v) {
    if (v != null && !v.isBlank()) {
      m.put(k, v);
    }
  }
}
