package cn.enterprisegrid.policyindex.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * 《统计上大中小微型企业划分办法（2017）》 (国统字〔2017〕213号) keyed to GB/T 4754-2017.
 *
 * <p>The rule: a large, medium or small enterprise must reach the lower bounds of <b>all</b>
 * indicators listed for its sector, otherwise it drops a class; an enterprise below a small
 * enterprise's bound on any indicator is micro. The sector of a class code is the most specific
 * scope of the table that contains it (class, group, division, then section); rail transport (53)
 * is not sized; anything else not listed falls to the {@code other_unlisted} row. A missing
 * indicator that the sector needs gives {@link SizeClass#UNCLASSIFIED}. Immutable and thread-safe.
 */
public final class SizeStandard {

  private static final class Holder {
    static final SizeStandard INSTANCE = load(IndustryCodes.standard());
  }

  /** Division codes that the standard does not size. */
  private static final List<String> UNSIZED = List.of("53");
  private static final String FALLBACK = "other_unlisted";

  /**
   * One sector of the table.
   *
   * @param name our name of the sector, e.g. {@code industry}
   * @param scope the codes it covers as written in the table
   * @param bounds per indicator, the lower bounds of large, medium and small
   */
  public record Sector(String name, String scope, Map<SizeIndicator, double[]> bounds) {
    /** Copies the bounds. */
    public Sector {
      Map<SizeIndicator, double[]> copy = new EnumMap<>(SizeIndicator.class);
      bounds.forEach((k, v) -> copy.put(k, v.clone()));
      bounds = Collections.unmodifiableMap(copy);
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder(name).append('[').append(scope).append(']');
      bounds.forEach((k, v) -> b.append(' ').append(k).append(Arrays.toString(v)));
      return b.toString();
    }

    /** The indicators this sector uses. */
    public List<SizeIndicator> indicators() {
      return List.copyOf(bounds.keySet());
    }

    /** Lower bound of a class ({@code LARGE}, {@code MEDIUM} or {@code SMALL}) for an indicator. */
    public double lowerBound(SizeIndicator indicator, SizeClass sizeClass) {
      double[] b = bounds.get(indicator);
      if (b == null) {
        throw new IllegalArgumentException(name + " does not use " + indicator);
      }
      return switch (sizeClass) {
        case LARGE -> b[0];
        case MEDIUM -> b[1];
        case SMALL -> b[2];
        default -> throw new IllegalArgumentException("no lower bound for " + sizeClass);
      };
    }
  }

  private final IndustryCodes industries;
  private final Map<String, Sector> byDigits;
  private final Map<String, Sector> bySection;
  private final Sector fallback;
  private final List<Sector> sectors;

  private SizeStandard(IndustryCodes industries, Map<String, Sector> byDigits, Map<String, Sector> bySection, Sector fallback,
      List<Sector> sectors) {
    this.industries = industries;
    this.sectors = List.copyOf(sectors);
    this.byDigits = Map.copyOf(byDigits);
    this.bySection = Map.copyOf(bySection);
    this.fallback = fallback;
  }

  /** The bundled standard (loaded lazily, once). */
  public static SizeStandard standard() {
    return Holder.INSTANCE;
  }

  /**
   * The sector that sizes a class code; empty when the standard does not size it (rail transport
   * 53) or the code's section cannot be determined.
   */
  public Optional<Sector> sectorOf(String industryCode) {
    if (industryCode == null || industryCode.isEmpty()) {
      return Optional.empty();
    }
    for (String u : UNSIZED) {
      if (industryCode.startsWith(u)) {
        return Optional.empty();
      }
    }
    for (int len = Math.min(4, industryCode.length()); len >= 2; len--) {
      Sector s = byDigits.get(industryCode.substring(0, len));
      if (s != null) {
        return Optional.of(s);
      }
    }
    Optional<String> section = industries.section(industryCode);
    if (section.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(bySection.getOrDefault(section.get(), fallback));
  }

  /**
   * Size class of a firm.
   *
   * @param industryCode the 4-digit class code
   * @param employees 从业人员 (persons), or null when unknown
   * @param revenue 营业收入 (10,000 CNY), or null when unknown
   * @param assets 资产总额 (10,000 CNY), or null when unknown
   * @return the class, or {@link SizeClass#UNCLASSIFIED} when the industry is not sized or unknown,
   *     or an indicator the sector uses is missing
   */
  public SizeClass classify(String industryCode, Integer employees, Double revenue, Double assets) {
    Optional<Sector> sector = sectorOf(industryCode);
    if (sector.isEmpty()) {
      return SizeClass.UNCLASSIFIED;
    }
    Map<SizeIndicator, double[]> bounds = sector.get().bounds();
    Map<SizeIndicator, Double> values = new EnumMap<>(SizeIndicator.class);
    for (SizeIndicator ind : bounds.keySet()) {
      Double v = switch (ind) {
        case EMPLOYEES -> employees == null ? null : employees.doubleValue();
        case REVENUE -> revenue;
        case ASSETS -> assets;
      };
      if (v == null || v.isNaN()) {
        return SizeClass.UNCLASSIFIED;
      }
      values.put(ind, v);
    }
    SizeClass[] order = {SizeClass.LARGE, SizeClass.MEDIUM, SizeClass.SMALL};
    for (int i = 0; i < order.length; i++) {
      boolean all = true;
      for (Map.Entry<SizeIndicator, double[]> e : bounds.entrySet()) {
        if (values.get(e.getKey()) < e.getValue()[i]) {
          all = false;
          break;
        }
      }
      if (all) {
        return order[i];
      }
    }
    return SizeClass.MICRO;
  }

  /** The sectors of the table in file order. */
  public List<Sector> sectors() {
    return sectors;
  }

  private static SizeStandard load(IndustryCodes industries) {
    Csv.Table t = Csv.readResource("enterprise-size-2017.csv");
    Map<String, String> scopes = new LinkedHashMap<>();
    Map<String, Map<SizeIndicator, double[]>> bounds = new LinkedHashMap<>();
    for (String[] row : t.rows()) {
      String sector = t.get(row, "sector").trim();
      scopes.put(sector, t.get(row, "gbt4754_scope").trim());
      SizeIndicator ind = SizeIndicator.valueOf(t.get(row, "indicator").trim().toUpperCase(Locale.ROOT));
      double[] b = {
        Double.parseDouble(t.get(row, "large_min").trim()),
        Double.parseDouble(t.get(row, "medium_min").trim()),
        Double.parseDouble(t.get(row, "small_min").trim())
      };
      bounds.computeIfAbsent(sector, k -> new EnumMap<>(SizeIndicator.class)).put(ind, b);
    }
    Map<String, Sector> byDigits = new LinkedHashMap<>();
    Map<String, Sector> bySection = new LinkedHashMap<>();
    Sector fallback = null;
    List<Sector> all = new ArrayList<>();
    for (Map.Entry<String, String> e : scopes.entrySet()) {
      Sector s = new Sector(e.getKey(), e.getValue(), bounds.get(e.getKey()));
      all.add(s);
      if (e.getKey().equals(FALLBACK)) {
        fallback = s;
        continue;
      }
      for (String token : e.getValue().split("\\s+")) {
        if (token.startsWith("(") || token.isEmpty()) {
          continue;
        }
        if (token.length() == 1 && Character.isLetter(token.charAt(0))) {
          bySection.put(token, s);
        } else if (token.chars().allMatch(Character::isDigit)) {
          byDigits.put(token, s);
        } else {
          throw new IllegalStateException("unexpected scope token " + token + " in sector " + e.getKey());
        }
      }
    }
    if (fallback == null) {
      throw new IllegalStateException("size table lacks " + FALLBACK);
    }
    return new SizeStandard(industries, byDigits, bySection, fallback, all);
  }
}
