package cn.enterprisegrid.policyindex.profile;

import cn.enterprisegrid.policyindex.reference.IndustryCodes;
import cn.enterprisegrid.policyindex.reference.SizeClass;
import cn.enterprisegrid.policyindex.reference.SizeStandard;
import cn.enterprisegrid.policyindex.reference.StatTags;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Derives {@link Derived} figures from an {@link Enterprise} at an evaluation date, using the
 * bundled reference data. Stateless and thread-safe.
 */
public final class ProfileDeriver {

  private static final ProfileDeriver STANDARD = new ProfileDeriver(IndustryCodes.standard(), SizeStandard.standard());

  private final IndustryCodes industries;
  private final SizeStandard sizes;

  /** A deriver over given reference data. */
  public ProfileDeriver(IndustryCodes industries, SizeStandard sizes) {
    this.industries = Objects.requireNonNull(industries);
    this.sizes = Objects.requireNonNull(sizes);
  }

  /** The deriver over the bundled reference data. */
  public static ProfileDeriver standard() {
    return STANDARD;
  }

  /** Derives the figures at {@code asOf}. */
  public Derived derive(Enterprise e, LocalDate asOf) {
    Objects.requireNonNull(asOf, "asOf");
    String region = e.regionCode();
    String county = region != null && region.length() >= 6 ? region.substring(0, 6) : null;
    String township = region != null && region.length() >= 9 ? region.substring(0, 9) : null;

    String industry = e.industryCode();
    String section = industry == null ? null : industries.section(industry).orElse(null);
    boolean classShaped = IndustryCodes.isPlausibleClass(industry);
    String division = classShaped ? industry.substring(0, 2) : null;
    String group = classShaped ? industry.substring(0, 3) : null;

    List<FinancialYear> fin = e.financials();
    FinancialYear latest = fin == null || fin.isEmpty() ? null : fin.get(fin.size() - 1);
    FinancialYear previous = fin == null || fin.size() < 2 ? null : fin.get(fin.size() - 2);
    if (previous != null && previous.year() != latest.year() - 1) {
      previous = null;
    }
    Double revenue = latest == null ? null : latest.revenue();
    Double assets = latest == null ? null : latest.assets();

    SizeClass size;
    if (industry == null || section == null) {
      size = null;
    } else if (sizes.sectorOf(industry).isEmpty()) {
      size = SizeClass.UNCLASSIFIED;
    } else {
      SizeClass c = sizes.classify(industry, e.employees(), revenue, assets);
      size = c == SizeClass.UNCLASSIFIED ? null : c;
    }
    Set<String> stat = StatTags.derive(section, industry, revenue).orElse(null);

    Integer years = e.establishedOn() == null ? null : Years.completed(e.establishedOn(), asOf);
    Double rdRatio = null;
    if (latest != null && latest.rdExpense() != null && revenue != null && revenue > 0) {
      rdRatio = latest.rdExpense() / revenue + 0.0;
    }
    Double growth = null;
    if (previous != null && revenue != null && previous.revenue() != null && previous.revenue() > 0) {
      growth = (revenue - previous.revenue()) / previous.revenue() + 0.0;
    }
    return new Derived(county, township, section, division, group, size, stat, years, rdRatio, growth, latest);
  }

  /** Derives and wraps into the view the rules read. */
  public Profile profile(Enterprise e, LocalDate asOf) {
    return Profile.of(e, derive(e, asOf), asOf);
  }
}
