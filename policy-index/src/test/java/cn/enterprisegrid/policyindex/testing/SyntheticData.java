package cn.enterprisegrid.policyindex.testing;

import cn.enterprisegrid.policyindex.profile.CreditStatus;
import cn.enterprisegrid.policyindex.profile.Enterprise;
import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.profile.FinancialYear;
import cn.enterprisegrid.policyindex.profile.Location;
import cn.enterprisegrid.policyindex.profile.Profile;
import cn.enterprisegrid.policyindex.reference.Division;
import cn.enterprisegrid.policyindex.reference.DivisionLevel;
import cn.enterprisegrid.policyindex.reference.Divisions;
import cn.enterprisegrid.policyindex.reference.IndustryCode;
import cn.enterprisegrid.policyindex.reference.IndustryCodes;
import cn.enterprisegrid.policyindex.reference.StatTags;
import cn.enterprisegrid.policyindex.rule.Leaf;
import cn.enterprisegrid.policyindex.rule.Op;
import cn.enterprisegrid.policyindex.rule.Rule;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Synthetic firms and rules over the real division and industry codes: firms skewed towards small
 * ones, half of them in a few heavy counties (Zhejiang, with village codes), the rest over a few
 * hundred counties; rules of realistic shape, or fully random ones (every op, random nesting,
 * missing data) for differential testing. Deterministic for a seed.
 */
public final class SyntheticData {

  public static final List<String> TAGS = List.of("高新技术企业", "专精特新", "科技型中小企业", "专精特新小巨人", "创新型中小企业",
      "瞪羚企业", "上市企业");
  private static final double[] TAG_P = {0.06, 0.025, 0.09, 0.004, 0.05, 0.01, 0.003};
  public static final List<String> HEAVY_COUNTIES = List.of("330824", "330106", "330282", "330481");
  private static final String[] SECTIONS = {"C", "F", "I", "L", "M", "E", "H", "K", "G", "A", "O", "R", "J", "N", "D", "B", "P", "Q", "S"};
  private static final double[] SECTION_W = {30, 30, 8, 7, 6, 5, 5, 2, 2, 1, 1, 0.7, 0.5, 0.5, 0.3, 0.3, 0.3, 0.2, 0.2};

  private final Random rnd;
  private final LocalDate asOf;
  private final double missing;
  private final List<String> counties = new ArrayList<>();
  private final Map<String, List<Division>> townshipsOf = new HashMap<>();
  private final Map<String, List<Division>> villagesOf = new HashMap<>();
  private final Map<String, List<IndustryCode>> classesOf = new HashMap<>();
  private final List<IndustryCode> allClasses;

  /**
   * @param seed random seed
   * @param asOf evaluation date of the profiles
   * @param missing probability that an optional datum is missing (e.g. 0.05 realistic, 0.15 for tests)
   */
  public SyntheticData(long seed, LocalDate asOf, double missing) {
    this.rnd = new Random(seed);
    this.asOf = asOf;
    this.missing = missing;
    Divisions d = Divisions.standard();
    List<Division> all = new ArrayList<>(d.atLevel(DivisionLevel.COUNTY));
    Random pick = new Random(seed ^ 0x5DEECE66DL);
    for (int i = 0; i < 400 && !all.isEmpty(); i++) {
      Division c = all.remove(pick.nextInt(all.size()));
      if (!d.children(c.code()).isEmpty()) {
        counties.add(c.code());
      }
    }
    for (String c : HEAVY_COUNTIES) {
      counties.remove(c);
    }
    IndustryCodes ic = IndustryCodes.standard();
    allClasses = ic.classes();
    for (IndustryCode c : allClasses) {
      classesOf.computeIfAbsent(c.section(), k -> new ArrayList<>()).add(c);
    }
  }

  public LocalDate asOf() {
    return asOf;
  }

  public Random random() {
    return rnd;
  }

  private List<Division> townships(String county) {
    return townshipsOf.computeIfAbsent(county, c -> Divisions.standard().children(c));
  }

  private List<Division> villages(String township) {
    return villagesOf.computeIfAbsent(township, t -> Divisions.standard().children(t));
  }

  /** A county code drawn from the firm distribution (half of the firms in the heavy counties). */
  public String county() {
    if (rnd.nextDouble() < 0.5) {
      // the heavy counties are not equally heavy
      double u = rnd.nextDouble();
      return HEAVY_COUNTIES.get(u < 0.4 ? 0 : u < 0.7 ? 1 : u < 0.9 ? 2 : 3);
    }
    return counties.get((int) (Math.pow(rnd.nextDouble(), 1.5) * counties.size()));
  }

  public String regionCode() {
    String county = county();
    List<Division> ts = townships(county);
    String township = ts.get(rnd.nextInt(ts.size())).code();
    List<Division> vs = villages(township);
    if (!vs.isEmpty() && rnd.nextDouble() < 0.6) {
      return vs.get(rnd.nextInt(vs.size())).code();
    }
    return township;
  }

  public String industryCode() {
    String section = SECTIONS[weighted(SECTION_W)];
    List<IndustryCode> cls = classesOf.get(section);
    if (section.equals("F")) {
      String div = rnd.nextDouble() < 0.55 ? "51" : "52";
      List<IndustryCode> sub = cls.stream().filter(c -> c.code().startsWith(div)).toList();
      return sub.get(rnd.nextInt(sub.size())).code();
    }
    return cls.get(rnd.nextInt(cls.size())).code();
  }

  private int weighted(double[] w) {
    double sum = 0;
    for (double x : w) {
      sum += x;
    }
    double u = rnd.nextDouble() * sum;
    for (int i = 0; i < w.length; i++) {
      u -= w[i];
      if (u < 0) {
        return i;
      }
    }
    return w.length - 1;
  }

  private boolean miss() {
    return rnd.nextDouble() < missing;
  }

  private static double round2(double x) {
    return Math.round(x * 100) / 100.0;
  }

  /** One firm. */
  public Enterprise enterprise(int i) {
    String uscc = String.format("91%06d%010d", 330000 + (i % 1000), i);
    String region = miss() && rnd.nextDouble() < 0.3 ? null : regionCode();
    String industry = miss() && rnd.nextDouble() < 0.3 ? null : industryCode();
    int employees = (int) Math.min(20000, Math.max(1, Math.round(Math.exp(2.4 + 1.25 * rnd.nextGaussian()))));
    double perHead = Math.exp(3.4 + 0.8 * rnd.nextGaussian());
    double revenue = round2(employees * perHead);
    int years = 1 + rnd.nextInt(3);
    int lastYear = asOf.getYear() - 1;
    List<FinancialYear> fin = new ArrayList<>();
    double rev = revenue;
    boolean rd = rnd.nextDouble() < 0.4;
    for (int y = lastYear; y > lastYear - years; y--) {
      Double r = miss() ? null : rev;
      Double a = miss() ? null : round2(rev * Math.exp(0.5 * rnd.nextGaussian()));
      Double rdx = rd && !miss() ? Double.valueOf(round2(rev * (0.005 + 0.08 * rnd.nextDouble()))) : (rnd.nextDouble() < 0.5 ? Double.valueOf(0.0) : null);
      Double tax = miss() ? null : round2(rev * (0.01 + 0.05 * rnd.nextDouble()));
      fin.add(new FinancialYear(y, r, a, rdx, tax));
      rev = round2(rev / (1 + 0.05 + 0.2 * rnd.nextGaussian()));
      if (rev <= 0) {
        rev = 1;
      }
    }
    LocalDate est;
    double u = rnd.nextDouble();
    if (u < 0.02) {
      est = LocalDate.of(2000 + 4 * rnd.nextInt(6), 2, 29);
    } else if (u < 0.06) {
      est = asOf.minusYears(rnd.nextInt(12)).plusDays(rnd.nextInt(3) - 1);
    } else {
      est = asOf.minusDays((long) (365.25 * 30 * Math.pow(rnd.nextDouble(), 1.6)) + 1);
    }
    Set<String> tags = new LinkedHashSet<>();
    for (int t = 0; t < TAGS.size(); t++) {
      if (rnd.nextDouble() < TAG_P[t] * (employees > 20 ? 3 : 1)) {
        tags.add(TAGS.get(t));
      }
    }
    return new Enterprise(uscc, "企业" + i, region, null,
        rnd.nextDouble() < 0.1 ? new Location(29 + rnd.nextDouble(), 118 + rnd.nextDouble()) : null,
        industry, miss() ? null : est, miss() ? null : round2(Math.exp(5 + 1.5 * rnd.nextGaussian())),
        miss() ? null : employees, miss() && rnd.nextDouble() < 0.5 ? null : fin,
        miss() && rnd.nextDouble() < 0.5 ? null : tags,
        miss() ? null : rnd.nextDouble() < 0.01 ? CreditStatus.SERIOUS_DISHONESTY : CreditStatus.NORMAL);
  }

  /** A rule of realistic shape: region prefix + industry + figures + tags, 3 to 8 leaves. */
  public Rule realisticRule() {
    List<Rule> parts = new ArrayList<>();
    String county = county();
    double u = rnd.nextDouble();
    String region = u < 0.1 ? county.substring(0, 2) : u < 0.3 ? county.substring(0, 4) : u < 0.9 ? county
        : townships(county).get(rnd.nextInt(townships(county).size())).code();
    parts.add(Leaf.of(Field.REGION_CODE, Op.PREFIX, region).withClause("第二条"));
    int target = 3 + rnd.nextInt(6);
    if (rnd.nextDouble() < 0.8) {
      String ind = industryCode();
      String prefix = rnd.nextDouble() < 0.5 ? IndustryCodes.standard().section(ind).orElseThrow() : ind.substring(0, 2);
      parts.add(Leaf.of(Field.INDUSTRY_CODE, Op.PREFIX, prefix).withClause("第三条第（一）项"));
    }
    List<Rule> optional = new ArrayList<>();
    optional.add(Leaf.of(Field.REVENUE, Op.GTE, pick(100, 300, 500, 1000, 2000, 5000)));
    optional.add(Leaf.of(Field.EMPLOYEES, Op.BETWEEN, pick(5, 10, 20), pick(100, 300, 1000)));
    optional.add(Leaf.of(Field.RD_RATIO, Op.GTE, pick(0.02, 0.03, 0.05)));
    optional.add(Leaf.of(Field.YEARS_SINCE_ESTABLISHED, Op.GTE, pick(1, 2, 3, 5)));
    optional.add(Leaf.of(Field.TAX_PAID, Op.GTE, pick(10, 50, 100)));
    optional.add(Leaf.of(Field.TAGS, Op.HAS_ANY, TAGS.get(rnd.nextInt(3)), TAGS.get(3 + rnd.nextInt(2))));
    optional.add(Rule.not(Leaf.of(Field.CREDIT_STATUS, Op.EQ, "SERIOUS_DISHONESTY")));
    optional.add(Leaf.of(Field.SIZE_CLASS, Op.IN, "SMALL", "MICRO", "MEDIUM"));
    optional.add(Leaf.of(Field.REVENUE_GROWTH, Op.GTE, pick(0.0, 0.1, 0.2)));
    optional.add(Rule.any(Leaf.of(Field.TAGS, Op.HAS_ANY, "高新技术企业"), Leaf.of(Field.RD_EXPENSE, Op.GTE, pick(50, 100, 200))));
    java.util.Collections.shuffle(optional, rnd);
    int leaves = parts.size();
    for (Rule r : optional) {
      if (leaves >= target) {
        break;
      }
      parts.add(r);
      leaves += r.leaves().size();
    }
    return Rule.all(parts.toArray(Rule[]::new));
  }

  private double pick(double... values) {
    return values[rnd.nextInt(values.length)];
  }

  /** A random rule: random nesting up to {@code depth}, every field and op, values near the sample's. */
  public Rule randomRule(int depth, List<Profile> sample) {
    double u = rnd.nextDouble();
    if (depth <= 0 || u < 0.45) {
      return randomLeaf(sample);
    }
    if (u < 0.55) {
      return Rule.not(randomRule(depth - 1, sample));
    }
    int n = 1 + rnd.nextInt(4);
    Rule[] kids = new Rule[n];
    for (int i = 0; i < n; i++) {
      kids[i] = randomRule(depth - 1, sample);
    }
    return u < 0.8 ? Rule.all(kids) : Rule.any(kids);
  }

  private Profile some(List<Profile> sample) {
    return sample.get(rnd.nextInt(sample.size()));
  }

  public Leaf randomLeaf(List<Profile> sample) {
    Field f = Field.values()[rnd.nextInt(Field.values().length)];
    if (rnd.nextDouble() < 0.06) {
      return Leaf.exists(f);
    }
    switch (f.type()) {
      case REGION_CODE: {
        if (rnd.nextDouble() < 0.2) {
          String code = regionCode();
          return Leaf.of(f, rnd.nextBoolean() ? Op.EQ : Op.IN, code);
        }
        int n = 1 + rnd.nextInt(3);
        String[] prefixes = new String[n];
        for (int i = 0; i < n; i++) {
          String code = rnd.nextDouble() < 0.5 && some(sample).has(f) ? some(sample).textOrNull(f) : regionCode();
          if (code == null) {
            code = regionCode();
          }
          int[] lens = {2, 4, 6, 9, 12};
          int len = lens[rnd.nextInt(code.length() == 12 ? 5 : 4)];
          prefixes[i] = code.substring(0, len);
        }
        return Leaf.of(f, Op.PREFIX, prefixes);
      }
      case INDUSTRY_CODE: {
        if (rnd.nextDouble() < 0.2) {
          return Leaf.of(f, Op.IN, industryCode(), industryCode());
        }
        int n = 1 + rnd.nextInt(3);
        String[] prefixes = new String[n];
        for (int i = 0; i < n; i++) {
          String code = industryCode();
          int len = rnd.nextInt(4);
          prefixes[i] = len == 0 ? IndustryCodes.standard().section(code).orElseThrow() : code.substring(0, len + 1);
        }
        return Leaf.of(f, Op.PREFIX, prefixes);
      }
      case ENUM: {
        List<String> vals = new ArrayList<>(f.enumValues());
        java.util.Collections.shuffle(vals, rnd);
        int n = 1 + rnd.nextInt(Math.min(3, vals.size()));
        String[] pickVals = vals.subList(0, n).toArray(String[]::new);
        return n == 1 && rnd.nextBoolean() ? Leaf.of(f, Op.EQ, pickVals[0]) : Leaf.of(f, Op.IN, pickVals);
      }
      case TAGS: {
        List<String> pool = new ArrayList<>(f == Field.TAGS ? TAGS : new ArrayList<>(StatTags.ALL));
        java.util.Collections.shuffle(pool, rnd);
        int n = 1 + rnd.nextInt(2);
        return Leaf.of(f, rnd.nextBoolean() ? Op.HAS_ANY : Op.HAS_ALL, pool.subList(0, n).toArray(String[]::new));
      }
      default: {
        double v = numberNear(f, sample);
        Op[] ops = {Op.EQ, Op.IN, Op.GTE, Op.GT, Op.LTE, Op.LT, Op.BETWEEN};
        Op op = ops[rnd.nextInt(ops.length)];
        switch (op) {
          case IN:
            return Leaf.of(f, op, v, numberNear(f, sample));
          case BETWEEN: {
            double w = numberNear(f, sample);
            return Leaf.of(f, op, Math.min(v, w), Math.max(v, w));
          }
          default:
            return Leaf.of(f, op, v);
        }
      }
    }
  }

  private double numberNear(Field f, List<Profile> sample) {
    for (int i = 0; i < 5; i++) {
      Profile p = some(sample);
      if (p.has(f)) {
        double x = p.numberOrNaN(f);
        if (f.type() == cn.enterprisegrid.policyindex.profile.FieldType.INTEGER) {
          return x + rnd.nextInt(3) - 1;
        }
        return rnd.nextDouble() < 0.5 ? x : round2(x * (0.5 + rnd.nextDouble()));
      }
    }
    return f.type() == cn.enterprisegrid.policyindex.profile.FieldType.INTEGER ? rnd.nextInt(50) : round2(rnd.nextDouble() * 1000);
  }

}
