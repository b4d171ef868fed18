package cn.enterprisegrid.problem;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The red/green bulletin (双色通报) of a report: every row RED (通报批评), GREEN (通报表扬) or NONE
 * (未列入) by {@link BulletinThresholds}, with the reasons in Chinese, ranked (green first, then
 * neither, then red; within each by resolution, satisfaction and response rate, higher first, then
 * fewer overdue cases), under a Chinese title with the period and the publication date: the
 * document an office publishes. The rates are compared unrounded (from the row's counts).
 */
public final class Bulletin {
  /** A row's colour. */
  public enum Colour {
    GREEN("通报表扬"), NONE("未列入"), RED("通报批评");

    private final String label;

    Colour(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private Bulletin() {}

  /** The bulletin of {@code report} ({@link ProblemReports#report}) by {@code t}, published on {@code on}. */
  public static JsonObject of(JsonObject report, BulletinThresholds t, LocalDate on) {
    List<JsonObject> rows = new ArrayList<>();
    for (Object o : report.getJsonArray("rows")) {
      JsonObject row = ((JsonObject) o).copy();
      JsonArray reasons = new JsonArray();
      Colour c = colour(row, t, reasons);
      rows.add(row.put("colour", c.name()).put("colourLabel", c.label()).put("reasons", reasons));
    }
    rows.sort(Comparator.comparing((JsonObject r) -> Colour.valueOf(r.getString("colour")))
        .thenComparing(r -> -rateOr(r, "resolved", "accepted"))
        .thenComparing(r -> -rateOr(r, "satisfied", "rated"))
        .thenComparing(r -> -rateOr(r, "respondedOnTime", "responseDue"))
        .thenComparing(r -> r.getLong("overdue"))
        .thenComparing(r -> r.getString("key")));
    JsonArray items = new JsonArray();
    long red = 0;
    long green = 0;
    for (int i = 0; i < rows.size(); i++) {
      JsonObject r = rows.get(i).put("rank", i + 1);
      red += "RED".equals(r.getString("colour")) ? 1 : 0;
      green += "GREEN".equals(r.getString("colour")) ? 1 : 0;
      items.add(r);
    }
    JsonObject period = report.getJsonObject("period");
    String units = ProblemReports.GroupBy.DEPARTMENT.name().equals(report.getString("groupBy")) ? "部门" : "乡镇（街道）";
    return new JsonObject()
        .put("title", report.getJsonObject("scope").getString("name") + "企业诉求办理" + units + "双色通报")
        .put("period", period)
        .put("periodLabel", chinese(LocalDate.parse(period.getString("from"))) + "至"
            + chinese(LocalDate.parse(period.getString("to"))))
        .put("publishedOn", on.toString()).put("groupBy", report.getString("groupBy"))
        .put("scope", report.getJsonObject("scope")).put("thresholds", t.toJson())
        .put("red", red).put("green", green).put("items", items).put("totals", report.getJsonObject("totals"));
  }

  /** 2026年3月1日 */
  static String chinese(LocalDate d) {
    return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
  }

  static Colour colour(JsonObject row, BulletinThresholds t, JsonArray reasons) {
    if (row.getLong("received") < t.minReceived()) {
      reasons.add(reason("FEW_CASES", "诉求不足 " + t.minReceived() + " 件，不参与通报"));
      return Colour.NONE;
    }
    Double response = ReportTally.rate(row.getLong("respondedOnTime"), row.getLong("responseDue"));
    Double resolution = ReportTally.rate(row.getLong("resolved"), row.getLong("accepted"));
    Double satisfaction = ReportTally.rate(row.getLong("satisfied"), row.getLong("rated"));
    long overdue = row.getLong("overdue");
    below(reasons, "RESPONSE", "响应率", response, t.redResponse());
    below(reasons, "RESOLUTION", "办结率", resolution, t.redResolution());
    below(reasons, "SATISFACTION", "满意率", satisfaction, t.redSatisfaction());
    if (overdue > t.redOverdue()) {
      reasons.add(reason("OVERDUE", "超期 " + overdue + " 件，超过 " + t.redOverdue() + " 件"));
    }
    if (!reasons.isEmpty()) {
      return Colour.RED;
    }
    if (atLeast(response, t.greenResponse()) && atLeast(resolution, t.greenResolution())
        && atLeast(satisfaction, t.greenSatisfaction()) && overdue <= t.greenOverdue()) {
      return Colour.GREEN;
    }
    return Colour.NONE;
  }

  private static void below(JsonArray reasons, String code, String what, Double rate, double red) {
    if (rate != null && rate < red) {
      reasons.add(reason(code, what + " " + percent(rate) + "，低于 " + percent(red)));
    }
  }

  private static boolean atLeast(Double rate, double green) {
    return rate != null && rate >= green;
  }

  private static JsonObject reason(String code, String text) {
    return new JsonObject().put("code", code).put("text", text);
  }

  static String percent(double share) {
    return String.format("%.1f%%", share * 100);
  }

  private static double rateOr(JsonObject row, String part, String whole) {
    Double r = ReportTally.rate(row.getLong(part), row.getLong(whole));
    return r == null ? -1 : r;
  }
}
