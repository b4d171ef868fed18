package cn.enterprisegrid.policyindex.profile;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The immutable view that eligibility rules read: an {@link Enterprise}, what {@link
 * ProfileDeriver} derived from it at an evaluation date, and every {@link Field} as present or
 * absent. Absent data stays absent; nothing is defaulted. Thread-safe.
 */
public final class Profile {

  private static final int[] REGION_PREFIX_LENGTHS = {2, 4, 6, 9, 12};
  private static final Field[] FIELDS = Field.values();

  private final Enterprise enterprise;
  private final Derived derived;
  private final LocalDate asOf;
  private final double[] numbers;
  private final String[] texts;
  private final Set<String> tags;
  private final Set<String> statTags;
  private final List<String> regionPath;
  private final List<String> industryPath;
  private final int presentMask;

  private Profile(Enterprise enterprise, Derived derived, LocalDate asOf) {
    this.enterprise = Objects.requireNonNull(enterprise, "enterprise");
    this.derived = Objects.requireNonNull(derived, "derived");
    this.asOf = Objects.requireNonNull(asOf, "asOf");
    double[] n = new double[FIELDS.length];
    Arrays.fill(n, Double.NaN);
    String[] t = new String[FIELDS.length];
    FinancialYear latest = derived.latest();
    n[Field.EMPLOYEES.ordinal()] = num(enterprise.employees());
    n[Field.REGISTERED_CAPITAL.ordinal()] = num(enterprise.registeredCapital());
    n[Field.YEARS_SINCE_ESTABLISHED.ordinal()] = num(derived.yearsSinceEstablished());
    if (latest != null) {
      n[Field.REVENUE.ordinal()] = num(latest.revenue());
      n[Field.ASSETS.ordinal()] = num(latest.assets());
      n[Field.RD_EXPENSE.ordinal()] = num(latest.rdExpense());
      n[Field.TAX_PAID.ordinal()] = num(latest.taxPaid());
    }
    n[Field.RD_RATIO.ordinal()] = num(derived.rdRatio());
    n[Field.REVENUE_GROWTH.ordinal()] = num(derived.revenueGrowth());
    t[Field.REGION_CODE.ordinal()] = enterprise.regionCode();
    t[Field.INDUSTRY_CODE.ordinal()] = enterprise.industryCode();
    t[Field.SIZE_CLASS.ordinal()] = derived.sizeClass() == null ? null : derived.sizeClass().name();
    t[Field.CREDIT_STATUS.ordinal()] = enterprise.creditStatus() == null ? null : enterprise.creditStatus().name();
    this.numbers = n;
    this.texts = t;
    this.tags = enterprise.tags();
    this.statTags = derived.statTags();
    this.regionPath = regionPathOf(enterprise.regionCode());
    this.industryPath = industryPathOf(enterprise.industryCode(), derived.industrySection());
    int mask = 0;
    for (Field f : FIELDS) {
      boolean present = switch (f.type()) {
        case INTEGER, DECIMAL -> !Double.isNaN(n[f.ordinal()]);
        case TAGS -> (f == Field.TAGS ? tags : statTags) != null;
        default -> t[f.ordinal()] != null;
      };
      if (present) {
        mask |= 1 << f.ordinal();
      }
    }
    this.presentMask = mask;
  }

  /** Builds the view; prefer {@link ProfileDeriver#profile(Enterprise, LocalDate)}. */
  public static Profile of(Enterprise enterprise, Derived derived, LocalDate asOf) {
    return new Profile(enterprise, derived, asOf);
  }

  /** The firm's uscc. */
  public String uscc() {
    return enterprise.uscc();
  }

  /** The underlying enterprise. */
  public Enterprise enterprise() {
    return enterprise;
  }

  /** The derived figures. */
  public Derived derived() {
    return derived;
  }

  /** The evaluation date the derived figures refer to. */
  public LocalDate asOf() {
    return asOf;
  }

  /** True when the field has a value. */
  public boolean has(Field field) {
    return (presentMask & (1 << field.ordinal())) != 0;
  }

  /**
   * The value of a field, or empty when it is missing: a {@code String} for codes and enums
   * (enum name), a {@code Set<String>} for tags, an {@code Integer} for INTEGER fields and a {@code
   * Double} for DECIMAL fields.
   */
  public Optional<Object> value(Field field) {
    if (!has(field)) {
      return Optional.empty();
    }
    return Optional.of(switch (field.type()) {
      case INTEGER -> (int) numbers[field.ordinal()];
      case DECIMAL -> numbers[field.ordinal()];
      case TAGS -> field == Field.TAGS ? tags : statTags;
      default -> texts[field.ordinal()];
    });
  }

  /** Fast accessor for numeric fields: the value, or NaN when missing. */
  public double numberOrNaN(Field field) {
    return numbers[field.ordinal()];
  }

  /** Fast accessor for code and enum fields: the value, or null when missing. */
  public String textOrNull(Field field) {
    return texts[field.ordinal()];
  }

  /** Fast accessor for tag fields: the set, or null when missing. */
  public Set<String> tagsOrNull(Field field) {
    return field == Field.TAGS ? tags : field == Field.STAT_TAGS ? statTags : null;
  }

  /**
   * The prefixes a code-prefix condition can match. Region: the prefixes of 2, 4, 6, 9 and 12
   * digits that the code has. Industry: the section letter (when known) and the prefixes of 2, 3
   * and 4 digits. Empty when the code is missing.
   */
  public List<String> codePath(Field field) {
    return switch (field) {
      case REGION_CODE -> regionPath;
      case INDUSTRY_CODE -> industryPath;
      default -> throw new IllegalArgumentException(field + " is not a code field");
    };
  }

  /** Date of establishment, or null. */
  public LocalDate establishedOn() {
    return enterprise.establishedOn();
  }

  private static double num(Number v) {
    return v == null ? Double.NaN : v.doubleValue() + 0.0;
  }

  private static List<String> regionPathOf(String code) {
    if (code == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(5);
    for (int len : REGION_PREFIX_LENGTHS) {
      if (code.length() >= len) {
        out.add(code.substring(0, len));
      }
    }
    return List.copyOf(out);
  }

  private static List<String> industryPathOf(String code, String section) {
    if (code == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(4);
    if (section != null) {
      out.add(section);
    }
    for (int len = 2; len <= 4; len++) {
      if (code.length() >= len) {
        out.add(code.substring(0, len));
      }
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return "Profile[" + enterprise.uscc() + " @" + asOf + "]";
  }
}
