package cn.enterprisegrid.problem;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * A report or bulletin as the table an office exports ({@link ReportCsv}, {@link ReportXlsx}): a
 * title, lines under it (period, publication date), Chinese column headers with the kind of their
 * values, one row per unit and the totals row. Values are Long, Double (a share for PERCENT), String
 * or null (nothing to divide: shown empty).
 */
public record ReportTable(String title, List<String> notes, List<Column> columns, List<List<Object>> rows) {

  /** How a column's values are written. */
  public enum Kind { TEXT, INTEGER, DECIMAL, PERCENT }

  /** One column: its Chinese header, the JSON member it shows and its kind. */
  public record Column(String header, String member, Kind kind) {}

  /** The figures' columns, in the report's order. */
  static final List<Column> FIGURES = List.of(
      new Column("收到诉求数", "received", Kind.INTEGER),
      new Column("受理数", "accepted", Kind.INTEGER),
      new Column("不予受理数", "rejected", Kind.INTEGER),
      new Column("按时受理数", "acceptedOnTime", Kind.INTEGER),
      new Column("应首次报告数", "responseDue", Kind.INTEGER),
      new Column("按时首次报告数", "respondedOnTime", Kind.INTEGER),
      new Column("响应率", "responseRate", Kind.PERCENT),
      new Column("办结数", "resolved", Kind.INTEGER),
      new Column("办结率", "resolutionRate", Kind.PERCENT),
      new Column("评价数", "rated", Kind.INTEGER),
      new Column("满意数（含基本满意）", "satisfied", Kind.INTEGER),
      new Column("满意率", "satisfactionRate", Kind.PERCENT),
      new Column("超期件数", "overdue", Kind.INTEGER),
      new Column("平均办结工作日", "averageResolveDays", Kind.DECIMAL),
      new Column("办结工作日90%分位", "p90ResolveDays", Kind.INTEGER),
      new Column("重启件数", "reopened", Kind.INTEGER),
      new Column("重启率", "reopenRate", Kind.PERCENT));

  /** The table of a report ({@link ProblemReports#report}). */
  public static ReportTable ofReport(JsonObject report) {
    List<Column> columns = new ArrayList<>();
    columns.add(new Column(unit(report), "name", Kind.TEXT));
    columns.add(new Column("代码", "key", Kind.TEXT));
    columns.addAll(FIGURES);
    List<List<Object>> rows = new ArrayList<>();
    for (Object o : report.getJsonArray("rows")) {
      rows.add(values(columns, (JsonObject) o));
    }
    rows.add(values(columns, report.getJsonObject("totals").copy().put("name", "合计").put("key", "")));
    JsonObject p = report.getJsonObject("period");
    String title = report.getJsonObject("scope").getString("name") + "企业诉求办理情况统计表";
    return new ReportTable(title, List.of("统计期间：" + Bulletin.chinese(java.time.LocalDate.parse(p.getString("from")))
        + "至" + Bulletin.chinese(java.time.LocalDate.parse(p.getString("to"))) + "（按提交日期）"), columns, rows);
  }

  /** The table of a bulletin ({@link Bulletin#of}). */
  public static ReportTable ofBulletin(JsonObject bulletin) {
    List<Column> columns = new ArrayList<>();
    columns.add(new Column("排名", "rank", Kind.INTEGER));
    columns.add(new Column(unit(bulletin), "name", Kind.TEXT));
    columns.add(new Column("代码", "key", Kind.TEXT));
    columns.add(new Column("通报", "colourLabel", Kind.TEXT));
    columns.addAll(FIGURES);
    columns.add(new Column("原因", "reasonText", Kind.TEXT));
    List<List<Object>> rows = new ArrayList<>();
    for (Object o : bulletin.getJsonArray("items")) {
      JsonObject item = ((JsonObject) o).copy();
      List<String> why = new ArrayList<>();
      item.getJsonArray("reasons", new JsonArray()).forEach(r -> why.add(((JsonObject) r).getString("text")));
      rows.add(values(columns, item.put("reasonText", String.join("；", why))));
    }
    rows.add(values(columns, bulletin.getJsonObject("totals").copy().put("name", "合计").put("key", "")));
    return new ReportTable(bulletin.getString("title"), List.of("统计期间：" + bulletin.getString("periodLabel"),
        "发布日期：" + Bulletin.chinese(java.time.LocalDate.parse(bulletin.getString("publishedOn")))), columns, rows);
  }

  private static String unit(JsonObject doc) {
    return ProblemReports.GroupBy.DEPARTMENT.name().equals(doc.getString("groupBy")) ? "部门" : "乡镇（街道）";
  }

  private static List<Object> values(List<Column> columns, JsonObject row) {
    List<Object> out = new ArrayList<>();
    for (Column c : columns) {
      Object v = row.getValue(c.member());
      out.add(switch (c.kind()) {
        case TEXT -> v == null ? "" : v.toString();
        case INTEGER -> v == null ? null : ((Number) v).longValue();
        case DECIMAL, PERCENT -> v == null ? null : ((Number) v).doubleValue();
      });
    }
    return out;
  }
}
