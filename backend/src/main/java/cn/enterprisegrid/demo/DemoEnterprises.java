package cn.enterprisegrid.demo;

import cn.enterprisegrid.enterprise.Uscc;
import cn.enterprisegrid.policyindex.reference.Division;
import cn.enterprisegrid.policyindex.reference.Divisions;
import cn.enterprisegrid.policyindex.reference.IndustryCodes;
import cn.enterprisegrid.policyindex.reference.IndustryLevel;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Plausible firms of a county, as registry records (canonical enterprise JSON): real township and
 * village codes, real GB/T 4754 classes in a county-like mix (manufacturing heavy: paper, silicon
 * materials, electronics, tea; then trade, construction, hospitality and services), a size mix
 * like a real county's (mostly micro and small firms, a few dozen medium, a handful large), two
 * years of financials in 10,000 CNY, some qualification tags and a few blacklisted firms.
 * Deterministic for a seed. Used by the demo data and the import benchmark.
 */
public final class DemoEnterprises {
  /** Industry classes with relative weights; classes missing from the standard are skipped. */
  private static final Object[][] INDUSTRIES = {
      {"2221", 40}, {"2223", 25}, {"2231", 10}, {"2211", 8},   // 造纸
      {"3985", 25}, {"2613", 10}, {"3099", 15}, {"3091", 6},   // 硅材料, 电子专用材料
      {"3982", 20}, {"3973", 5}, {"3974", 6}, {"3971", 8},     // 电子
      {"1530", 45}, {"0164", 30}, {"5126", 10},                // 茶叶: 加工, 种植, 批发
      {"2039", 15}, {"2110", 10}, {"2929", 12}, {"3311", 10}, {"3484", 8}, {"3489", 8}, {"1391", 5},
      {"4710", 25}, {"4720", 10}, {"4811", 12}, {"4910", 10}, {"5010", 8},  // 建筑
      {"5121", 15}, {"5137", 10}, {"5211", 50}, {"5212", 35}, {"5221", 30}, {"5261", 10}, {"5251", 15},
      {"6110", 15}, {"6121", 30}, {"6210", 45}, {"6220", 20},               // 住宿餐饮, 旅游
      {"7291", 20}, {"7869", 10}, {"7850", 6}, {"5422", 15}, {"5431", 10}, {"8011", 10}, {"7251", 10},
      {"0511", 10}, {"0312", 8}, {"7010", 10}, {"6513", 6}};
  private static final String[] WORDS = {"钱江", "源头", "金溪", "根宫", "龙顶", "华源", "青山", "绿谷",
      "云湖", "古田", "银河", "新安", "富春", "星海", "瑞丰", "鑫达", "恒盛", "宏远", "嘉禾", "天成"};
  static final String[] QUALIFICATIONS = {"高新技术企业", "专精特新", "科技型中小企业"};

  private final Random random;
  private final List<String> classes = new ArrayList<>();
  private final List<Integer> cumulative = new ArrayList<>();
  private final Divisions divisions = Divisions.standard();
  private final int lastYear = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() - 1;

  public DemoEnterprises(long seed) {
    this.random = new Random(seed);
    IndustryCodes codes = IndustryCodes.standard();
    int sum = 0;
    for (Object[] i : INDUSTRIES) {
      if (codes.level((String) i[0]).orElse(null) == IndustryLevel.CLASS) {
        sum += (Integer) i[1];
        classes.add((String) i[0]);
        cumulative.add(sum);
      }
    }
  }

  /** The township and village codes of a county (from the bundled divisions). */
  public List<String> regions(String county) {
    List<String> out = new ArrayList<>();
    for (Division t : divisions.children(county)) {
      out.add(t.code());
      for (Division v : divisions.children(t.code())) {
        out.add(v.code());
      }
    }
    return out;
  }

  /** One firm registered in {@code county} with premises at one of {@code regions}. */
  public JsonObject inCounty(String county, List<String> regions) {
    return firm(Uscc.generate(county, random), regions);
  }

  /** One firm with a given code. */
  public JsonObject firm(String uscc, List<String> regions) {
    String region = regions.get(random.nextInt(regions.size()));
    String industry = industry();
    String township = divisions.name(region.substring(0, 9)).orElse("");
    String place = township.replaceAll("(镇|乡|街道|办事处)$", "");
    JsonObject f = new JsonObject()
        .put("uscc", uscc)
        .put("name", "开化县".equals(divisions.name(region.substring(0, 6)).orElse(""))
            ? "开化" + place + WORDS[random.nextInt(WORDS.length)] + suffix(industry)
            : place + WORDS[random.nextInt(WORDS.length)] + suffix(industry))
        .put("regionCode", region)
        .put("address", divisions.name(region).orElse("") + random.nextInt(200) + "号")
        .put("location", new JsonObject().put("lat", round(29.0 + random.nextDouble() * 0.4, 5))
            .put("lon", round(118.2 + random.nextDouble() * 0.4, 5)))
        .put("industryCode", industry)
        .put("establishedOn", LocalDate.of(1995, 1, 1).plusDays(random.nextInt(365 * (lastYear - 1995))).toString())
        .put("creditStatus", random.nextInt(1000) < 3 ? "SERIOUS_DISHONESTY" : "NORMAL");
    double roll = random.nextDouble();
    int employees;
    double revenue;
    if (roll < 0.002) {          // a handful of large firms
      employees = 1000 + random.nextInt(1500);
      revenue = 40000 + random.nextInt(160000);
    } else if (roll < 0.017) {   // a few dozen medium ones
      employees = 300 + random.nextInt(700);
      revenue = 2000 + random.nextInt(38000);
    } else if (roll < 0.22) {    // small
      employees = 20 + random.nextInt(280);
      revenue = 300 + random.nextInt(1700);
    } else {                     // micro: most firms of a county
      employees = 1 + random.nextInt(19);
      revenue = 5 + random.nextInt(295);
    }
    f.put("employees", employees);
    f.put("registeredCapital", (double) (10 + random.nextInt(50) * (employees > 300 ? 100 : 10)));
    boolean manufacturing = industry.compareTo("1300") >= 0 && industry.compareTo("4400") < 0;
    JsonArray fin = new JsonArray();
    double previous = round(revenue / (0.85 + random.nextDouble() * 0.4), 1);
    for (int y = lastYear - 1; y <= lastYear; y++) {
      double rev = y == lastYear ? revenue : previous;
      JsonObject year = new JsonObject().put("year", y).put("revenue", round(rev, 1))
          .put("assets", round(rev * (0.5 + random.nextDouble() * 1.5), 1))
          .put("taxPaid", round(rev * (0.01 + random.nextDouble() * 0.05), 1));
      if (manufacturing) {
        year.put("rdExpense", round(rev * random.nextDouble() * 0.06, 1));
      }
      fin.add(year);
    }
    f.put("financials", fin);
    JsonArray tags = new JsonArray();
    if (manufacturing && employees >= 20) {
      int q = random.nextInt(100);
      if (q < 12) tags.add("高新技术企业");
      if (q < 4) tags.add("专精特新");
      if (q >= 8 && q < 25) tags.add("科技型中小企业");
    }
    // an empty list says "known to hold none"; about one firm in ten has never had its
    // qualifications recorded, and policies that test tags stay UNKNOWN for it (decided by the
    // code, not the random stream, so the rest of the demo data does not move)
    if (!tags.isEmpty() || Math.floorMod(f.getString("uscc", "").hashCode(), 10) != 0) {
      f.put("tags", tags);
    }
    return f;
  }

  private String industry() {
    int total = cumulative.get(cumulative.size() - 1);
    int r = random.nextInt(total);
    for (int i = 0; i < cumulative.size(); i++) {
      if (r < cumulative.get(i)) {
        return classes.get(i);
      }
    }
    return classes.get(classes.size() - 1);
  }

  private static String suffix(String industry) {
    String d = industry.substring(0, 2);
    return switch (d) {
      case "22" -> "纸业有限公司";
      case "15", "01" -> "茶业有限公司";
      case "39" -> "电子科技有限公司";
      case "26", "30" -> "新材料有限公司";
      case "47", "48", "49", "50" -> "建设有限公司";
      case "51", "52" -> "商贸有限公司";
      case "61", "62" -> "餐饮旅游有限公司";
      default -> "实业有限公司";
    };
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
