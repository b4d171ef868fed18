package cn.enterprisegrid.problem;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured categories, in display order; the defaults are a county's usual ones. */
public record Categories(List<Category> all) {

  /** 融资, 用工, 用地, 审批, 政策兑现, 水电气, 法律, 其他 with the 开化县 departments that usually own them. */
  public static final Categories DEFAULTS = new Categories(List.of(
      new Category("FINANCING", "融资", "开化县财政局", null),
      new Category("LABOUR", "用工", "开化县人力资源和社会保障局", null),
      new Category("LAND", "用地", "开化县自然资源和规划局", null),
      new Category("APPROVAL", "审批", "开化县行政审批服务中心", null),
      new Category("POLICY", "政策兑现", "开化县经济和信息化局", null),
      new Category("UTILITIES", "水电气", "开化县发展和改革局", null),
      new Category("LEGAL", "法律", "开化县司法局", null),
      new Category("OTHER", "其他", "开化县人民政府办公室", null)));

  public Categories {
    Map<String, Category> seen = new LinkedHashMap<>();
    for (Category c : all) {
      if (seen.put(c.code(), c) != null) {
        throw new IllegalArgumentException("category " + c.code() + " is listed twice");
      }
    }
    if (seen.isEmpty()) {
      throw new IllegalArgumentException("at least one category is needed");
    }
    all = List.copyOf(all);
  }

  /**
   * The categories a deployment configures: {@code PROBLEM_CATEGORIES}, a JSON array of {@code
   * {code, label, department, levels?}} ({@code levels} as {@link ServiceLevels}' members, e.g.
   * {@code {"acceptDays":1,"firstReportDays":3,"ordinaryDays":7,"complexDays":22,"warnShare":0.75,
   * "verifyDays":5,"autoCloseDays":5}}; absent members take the 13710 rule's), or the defaults.
   *
   * @throws IllegalArgumentException naming the entry when one is malformed (start-up fails)
   */
  public static Categories from(JsonObject settings) {
    Object raw = settings.getValue("PROBLEM_CATEGORIES");
    if (raw == null || raw.toString().isBlank()) {
      return DEFAULTS;
    }
    JsonArray list = raw instanceof JsonArray a ? a : new JsonArray(raw.toString());
    List<Category> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonObject c = list.getJsonObject(i);
      try {
        out.add(new Category(c.getString("code"), c.getString("label"), c.getString("department"),
            levels(c.getJsonObject("levels"))));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("PROBLEM_CATEGORIES[" + i + "]: " + e.getMessage(), e);
      }
    }
    return new Categories(out);
  }

  private static ServiceLevels levels(JsonObject l) {
    if (l == null) {
      return null;
    }
    ServiceLevels d = ServiceLevels.RULE_13710;
    return new ServiceLevels(l.getInteger("acceptDays", d.acceptDays()),
        l.getInteger("firstReportDays", d.firstReportDays()), l.getInteger("ordinaryDays", d.ordinaryDays()),
        l.getInteger("complexDays", d.complexDays()), l.getDouble("warnShare", d.warnShare()),
        l.getInteger("verifyDays", d.verifyDays()), l.getInteger("autoCloseDays", d.autoCloseDays()));
  }

  public Optional<Category> byCode(String code) {
    return all.stream().filter(c -> c.code().equals(code)).findFirst();
  }

  /** The category named by its code ({@code LABOUR}) or its label ({@code 用工}), as a visit's problem may. */
  public Optional<Category> byCodeOrLabel(String name) {
    return all.stream().filter(c -> c.code().equals(name) || c.label().equals(name)).findFirst();
  }
}
