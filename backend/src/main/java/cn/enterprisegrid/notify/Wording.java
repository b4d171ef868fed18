package cn.enterprisegrid.notify;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Words a push from its notices: one policy, a digest of several, a liaison's summary ("N of your firms"), an
 * application status, or a problem event ({@link ProblemNotices}). Pure: the values it needs beyond the notices (titles, liaison counts) are passed in.
 */
final class Wording {
  private Wording() {}

  /**
   * @param to       {@code firm:USCC} or {@code liaison:ID}
   * @param items    the notices (JSON objects of the inbox)
   * @param titles   policy id to title, for notices whose payload has none
   * @param counts   policy id to the liaison's firm count (liaison policy summaries)
   */
  static Message render(String to, JsonArray items, Map<String, String> titles, Map<String, Long> counts) {
    JsonObject first = items.getJsonObject(0);
    String kind = first.getString("kind");
    boolean liaison = to.startsWith("liaison:");
    if (kind.startsWith("policy.")) {
      List<String> policies = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        policies.add(items.getJsonObject(i).getString("policy"));
      }
      return items.size() == 1 ? onePolicy(first, liaison, titles, counts, policies)
          : digest(items, liaison, titles, policies);
    }
    if (kind.startsWith("application.")) {
      return application(first, liaison, titles);
    }
    return ProblemNotices.render(first);
  }

  private static Message onePolicy(JsonObject n, boolean liaison, Map<String, String> titles,
      Map<String, Long> counts, List<String> policies) {
    JsonObject p = payload(n);
    String title = title(n, titles);
    boolean unknown = n.getString("kind").equals("policy.unknown");
    String hint;
    String body;
    if (liaison) {
      long count = counts.getOrDefault(n.getString("policy"), 1L);
      hint = unknown ? count + "家包联企业待完善信息" : count + "家包联企业符合条件";
      body = "政策《" + title + "》与您包联的" + count + "家企业相关，"
          + (unknown ? "请协助企业完善信息后确认是否符合。" : "请及时上门讲解。");
    } else if (unknown) {
      hint = "完善企业信息即可查看是否符合";
      body = "政策《" + title + "》可能适用于贵企业，完善企业信息即可查看是否符合。";
    } else {
      hint = "贵企业符合申报条件，点击查看";
      body = "贵企业符合政策《" + title + "》的申报条件，点击查看并申报。";
    }
    return new Message("policy", n.getString("kind"), n.getString("id"), unknown ? "完善信息查看政策" : "惠企政策匹配提醒", body,
        values(title, p.getString("department"), p.getString("closesOn"), hint, null, null), policies);
  }

  private static Message digest(JsonArray items, boolean liaison, Map<String, String> titles,
      List<String> policies) {
    TreeMap<String, String> departments = new TreeMap<>();
    String closesOn = null;
    List<String> names = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonObject n = items.getJsonObject(i);
      JsonObject p = payload(n);
      if (p.getString("department") != null) {
        departments.put(p.getString("department"), "");
      }
      String c = p.getString("closesOn");
      if (c != null && (closesOn == null || c.compareTo(closesOn) < 0)) {
        closesOn = c;
      }
      names.add("《" + title(n, titles) + "》");
    }
    String title = items.size() + "项惠企政策" + (liaison ? "与您包联的企业匹配" : "与您匹配");
    String department = departments.size() == 1 ? departments.firstKey()
        : departments.isEmpty() ? null : departments.firstKey() + "等" + departments.size() + "个部门";
    return new Message("policy", items.getJsonObject(0).getString("kind"), items.getJsonObject(0).getString("id"),
        title,
        String.join("、", names) + "，点击查看。", values(title, department, closesOn, "点击查看全部", null, null),
        policies);
  }

  private static Message application(JsonObject n, boolean liaison, Map<String, String> titles) {
    JsonObject p = payload(n);
    String title = title(n, titles);
    String status = n.getString("kind").substring("application.".length());
    boolean auto = "AUTO_GRANT".equals(p.getString("mode"));
    String phrase;
    String hint;
    switch (status) {
      case "PENDING_REVIEW" -> {
        phrase = "审核中";
        hint = "已受理，请等待审核";
      }
      case "GRANTED" -> {
        phrase = auto ? "待确认" : "已通过";
        hint = auto ? "免申即享，请确认收款信息" : "申请已通过，等待拨付";
      }
      case "REJECTED" -> {
        phrase = "未通过";
        String reason = p.getString("reason");
        hint = reason == null || reason.isBlank() ? "点击查看原因" : reason;
      }
      case "PAID" -> {
        phrase = "已拨付";
        hint = "资金已拨付，请查收";
      }
      default -> {
        phrase = "已更新";
        hint = "点击查看";
      }
    }
    String amount = yuan(p.getString("amount"));
    String who = liaison ? "包联企业" + n.getString("uscc") + "：" : "";
    return new Message("application", n.getString("kind"), n.getString("id"), auto && "GRANTED".equals(status) ? "免申即享兑现通知"
        : "政策兑现进度", who + "《" + title + "》" + phrase + "，" + hint + "。",
        values(title, p.getString("department"), null, hint, phrase, amount), List.of());
  }

  /** 万元 with up to 6 decimals to the template's amount form, e.g. {@code 12.5} to {@code 125000.00元}. */
  static String yuan(String wan) {
    if (wan == null || wan.isBlank()) {
      return null;
    }
    try {
      return new BigDecimal(wan.trim()).movePointRight(4).setScale(2, RoundingMode.HALF_UP).toPlainString() + "元";
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Map<String, String> values(String title, String department, String closesOn, String hint,
      String status, String amount) {
    Map<String, String> v = new TreeMap<>();
    put(v, "title", title);
    put(v, "department", department);
    put(v, "closesOn", closesOn);
    put(v, "deadline", closesOn == null ? "长期有效" : "截止" + closesOn);
    put(v, "hint", hint);
    put(v, "status", status);
    put(v, "amount", amount);
    return v;
  }

  private static void put(Map<String, String> m, String k, String v) {
    if (v != null && !v.isBlank()) {
      m.put(k, v);
    }
  }

  static JsonObject payload(JsonObject n) {
    Object p = n.getValue("payload");
    return p instanceof JsonObject o ? o : new JsonObject();
  }

  static String title(JsonObject n, Map<String, String> titles) {
    String t = payload(n).getString("title");
    if (t == null || t.isBlank()) {
      t = titles.get(n.getString("policy"));
    }
    return t == null || t.isBlank() ? "政策" + n.getString("policy") : t;
  }
}
