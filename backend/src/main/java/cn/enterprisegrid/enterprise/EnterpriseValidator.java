package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.Problem.FieldError;
import cn.enterprisegrid.policyindex.profile.CreditStatus;
import cn.enterprisegrid.policyindex.profile.Enterprise;
import cn.enterprisegrid.policyindex.profile.FinancialYear;
import cn.enterprisegrid.policyindex.profile.Location;
import cn.enterprisegrid.policyindex.reference.DivisionLevel;
import cn.enterprisegrid.policyindex.reference.Divisions;
import cn.enterprisegrid.policyindex.reference.IndustryCodes;
import cn.enterprisegrid.policyindex.reference.IndustryLevel;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Validates enterprise JSON as it arrives (import line, PUT body, self-report, verification) and
 * builds the canonical {@link Enterprise}. Every problem names its field by JSON pointer, and all
 * problems of a record are reported together, so a user can fix a line in one go.
 */
public final class EnterpriseValidator {
  /** Fields a firm may report itself on the mini-program. */
  public static final Set<String> SELF_REPORTABLE = Set.of("address", "location", "registeredCapital",
      "employees", "financials", "tags");
  /** Every member of the canonical JSON. */
  public static final Set<String> ALL = Set.of("uscc", "name", "regionCode", "address", "location",
      "industryCode", "establishedOn", "registeredCapital", "employees", "financials", "tags", "creditStatus");

  static final int MAX_TAG = 32;
  static final int MAX_TAGS = 64;
  static final int FIRST_YEAR = 1949;

  private final Divisions divisions;
  private final IndustryCodes industries;

  public EnterpriseValidator(Divisions divisions, IndustryCodes industries) {
    this.divisions = divisions;
    this.industries = industries;
  }

  public static EnterpriseValidator standard() {
    return new EnterpriseValidator(Divisions.standard(), IndustryCodes.standard());
  }

  /** The outcome: the record when valid, else the field errors (never both). */
  public record Result(Enterprise enterprise, List<FieldError> errors) {
    public boolean valid() {
      return errors.isEmpty();
    }
  }

  /** A whole record: uscc, name and regionCode required. */
  public Result record(JsonObject json, LocalDate today) {
    return validate(json, ALL, true, null, today);
  }

  /**
   * A partial record of {@code allowed} fields for the firm {@code uscc} (a self-report or a
   * verification); members outside {@code allowed} are errors.
   */
  public Result patch(JsonObject json, Set<String> allowed, String uscc, LocalDate today) {
    return validate(json, allowed, false, uscc, today);
  }

  private Result validate(JsonObject json, Set<String> allowed, boolean whole, String fixedUscc,
      LocalDate today) {
    List<FieldError> errors = new ArrayList<>();
    for (String key : json.fieldNames()) {
      if (!allowed.contains(key)) {
        errors.add(new FieldError("/" + key, WritePlan.REGISTRY_ONLY.contains(key)
            ? Text.of("enterprise.registry-only", key)
            : ALL.contains(key) ? Text.of("enterprise.not-here", key) : Text.of("enterprise.unknown-field", key)));
      }
    }
    String uscc = fixedUscc;
    if (whole) {
      uscc = string(json, "uscc", true, 18, errors);
      if (uscc != null) {
        Optional<Text> p = Uscc.problem(uscc);
        if (p.isPresent()) {
          errors.add(new FieldError("/uscc", p.get()));
          uscc = null;
        }
      }
    }
    String name = string(json, "name", whole, 200, errors);
    String region = string(json, "regionCode", whole, 12, errors);
    if (region != null) {
      Optional<DivisionLevel> level = divisions.level(region);
      if (level.isEmpty()) {
        errors.add(new FieldError("/regionCode", Text.of("enterprise.region-unknown", region)));
      } else if (level.get() != DivisionLevel.TOWNSHIP && level.get() != DivisionLevel.VILLAGE) {
        errors.add(new FieldError("/regionCode", Text.of("enterprise.region-level", level.get())));
      }
    }
    String address = string(json, "address", false, 500, errors);
    Location location = location(json, errors);
    String industry = string(json, "industryCode", false, 4, errors);
    if (industry != null && industries.level(industry).orElse(null) != IndustryLevel.CLASS) {
      errors.add(new FieldError("/industryCode", Text.of("enterprise.industry-class", industry)));
    }
    LocalDate established = date(json, "establishedOn", today, errors);
    Double capital = number(json.getValue("registeredCapital"), "/registeredCapital", errors);
    Integer employees = whole(json.getValue("employees"), "/employees", 0, 10_000_000, errors);
    List<FinancialYear> financials = financials(json, today, errors);
    Set<String> tags = tags(json, errors);
    CreditStatus credit = null;
    Object cs = json.getValue("creditStatus");
    if (cs != null) {
      if (cs instanceof String s && (s.equals("NORMAL") || s.equals("SERIOUS_DISHONESTY"))) {
        credit = CreditStatus.valueOf(s);
      } else {
        errors.add(new FieldError("/creditStatus", Text.of("field.one-of", "creditStatus", "NORMAL, SERIOUS_DISHONESTY")));
      }
    }
    if (!errors.isEmpty()) {
      return new Result(null, List.copyOf(errors));
    }
    return new Result(new Enterprise(uscc == null ? "" : uscc, name, region, address, location,
        industry, established, capital, employees, financials, tags, credit), List.of());
  }

  private static String string(JsonObject json, String field, boolean required, int max,
      List<FieldError> errors) {
    Object v = json.getValue(field);
    if (v == null) {
      if (required) {
        errors.add(new FieldError("/" + field, Text.of("field.required", field)));
      }
      return null;
    }
    if (!(v instanceof String s)) {
      errors.add(new FieldError("/" + field, Text.of("field.string", field)));
      return null;
    }
    String t = s.strip();
    if (t.isEmpty()) {
      if (required) {
        errors.add(new FieldError("/" + field, Text.of("field.blank", field)));
      }
      return null;
    }
    if (t.length() > max) {
      errors.add(new FieldError("/" + field, Text.of("field.max-length", field, max)));
      return null;
    }
    return t;
  }

  private static Location location(JsonObject json, List<FieldError> errors) {
    Object v = json.getValue("location");
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonObject o)) {
      errors.add(new FieldError("/location", Text.of("enterprise.location")));
      return null;
    }
    int before = errors.size();
    for (String k : o.fieldNames()) {
      if (!k.equals("lat") && !k.equals("lon")) {
        errors.add(new FieldError("/location/" + k, Text.of("enterprise.location-member", k)));
      }
    }
    Double lat = number(o.getValue("lat"), "/location/lat", errors);
    Double lon = number(o.getValue("lon"), "/location/lon", errors);
    if (lat == null && errors.size() == before) {
      errors.add(new FieldError("/location/lat", Text.of("field.required", "lat")));
    }
    if (lon == null && errors.size() == before) {
      errors.add(new FieldError("/location/lon", Text.of("field.required", "lon")));
    }
    if (lat != null && (lat < -90 || lat > 90)) {
      errors.add(new FieldError("/location/lat", Text.of("field.range", "lat", -90, 90)));
    }
    if (lon != null && (lon < -180 || lon > 180)) {
      errors.add(new FieldError("/location/lon", Text.of("field.range", "lon", -180, 180)));
    }
    return errors.size() == before ? new Location(lat, lon) : null;
  }

  private static LocalDate date(JsonObject json, String field, LocalDate today, List<FieldError> errors) {
    Object v = json.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      errors.add(new FieldError("/" + field, Text.of("field.date-named", field)));
      return null;
    }
    try {
      LocalDate d = LocalDate.parse(s.strip());
      if (d.isAfter(today)) {
        errors.add(new FieldError("/" + field, Text.of("field.date-future", field, d)));
        return null;
      }
      if (d.getYear() < 1800) {
        errors.add(new FieldError("/" + field, Text.of("field.date-early", field, d)));
        return null;
      }
      return d;
    } catch (DateTimeParseException e) {
      errors.add(new FieldError("/" + field, Text.of("field.date-real", field, s)));
      return null;
    }
  }

  /** A finite, non-negative number (absent: null). */
  static Double number(Object v, String pointer, List<FieldError> errors) {
    if (v == null) {
      return null;
    }
    String field = pointer.substring(pointer.lastIndexOf('/') + 1);
    if (!(v instanceof Number n)) {
      errors.add(new FieldError(pointer, Text.of("field.number", field)));
      return null;
    }
    double d = n.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      errors.add(new FieldError(pointer, Text.of("field.finite", field)));
      return null;
    }
    if (d < 0 && !pointer.endsWith("lat") && !pointer.endsWith("lon")) {
      errors.add(new FieldError(pointer, Text.of("field.negative", field)));
      return null;
    }
    return d + 0.0;
  }

  private static Integer whole(Object v, String pointer, int min, int max, List<FieldError> errors) {
    if (v == null) {
      return null;
    }
    String field = pointer.substring(pointer.lastIndexOf('/') + 1);
    if (!(v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
        || v instanceof BigInteger)) {
      errors.add(new FieldError(pointer, Text.of("field.whole", field)));
      return null;
    }
    long l = ((Number) v).longValue();
    if (v instanceof BigInteger || l < min || l > max) {
      errors.add(new FieldError(pointer, Text.of("field.range", field, min, max)));
      return null;
    }
    return (int) l;
  }

  private static List<FinancialYear> financials(JsonObject json, LocalDate today, List<FieldError> errors) {
    Object v = json.getValue("financials");
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonArray arr)) {
      errors.add(new FieldError("/financials", Text.of("enterprise.financials")));
      return null;
    }
    List<FinancialYear> out = new ArrayList<>();
    Set<Integer> years = new HashSet<>();
    int before = errors.size();
    for (int i = 0; i < arr.size(); i++) {
      String base = "/financials/" + i;
      if (!(arr.getValue(i) instanceof JsonObject y)) {
        errors.add(new FieldError(base, Text.of("enterprise.financial-year")));
        continue;
      }
      for (String k : y.fieldNames()) {
        if (!Set.of("year", "revenue", "assets", "rdExpense", "taxPaid").contains(k)) {
          errors.add(new FieldError(base + "/" + k, Text.of("enterprise.financial-figure", k)));
        }
      }
      Integer year = whole(y.getValue("year"), base + "/year", FIRST_YEAR, today.getYear(), errors);
      if (year == null && y.getValue("year") == null) {
        errors.add(new FieldError(base + "/year", Text.of("field.required", "year")));
      }
      if (year != null && !years.add(year)) {
        errors.add(new FieldError(base + "/year", Text.of("enterprise.year-twice", year)));
      }
      Double revenue = number(y.getValue("revenue"), base + "/revenue", errors);
      Double assets = number(y.getValue("assets"), base + "/assets", errors);
      Double rd = number(y.getValue("rdExpense"), base + "/rdExpense", errors);
      Double tax = number(y.getValue("taxPaid"), base + "/taxPaid", errors);
      if (errors.size() == before) {
        out.add(new FinancialYear(year, revenue, assets, rd, tax));
      }
    }
    return errors.size() == before ? out : null;
  }

  private static Set<String> tags(JsonObject json, List<FieldError> errors) {
    Object v = json.getValue("tags");
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonArray arr)) {
      errors.add(new FieldError("/tags", Text.of("field.strings", "tags")));
      return null;
    }
    if (arr.size() > MAX_TAGS) {
      errors.add(new FieldError("/tags", Text.of("enterprise.tags-count", MAX_TAGS)));
      return null;
    }
    // sorted so that the same tags in another order are the same value (re-import changes nothing)
    TreeSet<String> out = new TreeSet<>();
    int before = errors.size();
    for (int i = 0; i < arr.size(); i++) {
      Object t = arr.getValue(i);
      if (!(t instanceof String s) || s.isBlank()) {
        errors.add(new FieldError("/tags/" + i, Text.of("enterprise.tag-blank")));
      } else if (s.strip().length() > MAX_TAG) {
        errors.add(new FieldError("/tags/" + i, Text.of("enterprise.tag-length", MAX_TAG)));
      } else {
        out.add(s.strip());
      }
    }
    return errors.size() == before ? new LinkedHashSet<>(out) : null;
  }
}
