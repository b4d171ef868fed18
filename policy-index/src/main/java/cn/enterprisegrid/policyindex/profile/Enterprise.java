package cn.enterprisegrid.policyindex.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The canonical enterprise JSON: what is known about a firm, as imported or reported. Missing data
 * is {@code null} (omitted on write), never defaulted. Use {@link #fromJson(JsonNode)} / {@link
 * #parse(String)} to read it strictly (unknown properties rejected) and {@link #toJson()} to write
 * it, or any Jackson mapper that has {@code FAIL_ON_UNKNOWN_PROPERTIES} on (the default).
 *
 * @param uscc 统一社会信用代码 (required; validated by the backend, not here)
 * @param name registered name
 * @param regionCode 9-digit township or 12-digit village code
 * @param address street address
 * @param location position, optional
 * @param industryCode 4-digit GB/T 4754-2017 class code
 * @param establishedOn date of establishment
 * @param registeredCapital registered capital, 10,000 CNY
 * @param employees 从业人员
 * @param financials figures by year (unique years, kept sorted by year)
 * @param tags qualification tags such as 高新技术企业, 专精特新, 科技型中小企业
 * @param creditStatus credit status
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"uscc", "name", "regionCode", "address", "location", "industryCode", "establishedOn",
    "registeredCapital", "employees", "financials", "tags", "creditStatus"})
public record Enterprise(
    String uscc,
    String name,
    String regionCode,
    String address,
    Location location,
    String industryCode,
    @JsonSerialize(using = IsoDate.Serializer.class) @JsonDeserialize(using = IsoDate.Deserializer.class) LocalDate establishedOn,
    Double registeredCapital,
    Integer employees,
    List<FinancialYear> financials,
    Set<String> tags,
    CreditStatus creditStatus) {

  /** Requires the uscc, copies collections into immutable ones and sorts the financials by year. */
  public Enterprise {
    Objects.requireNonNull(uscc, "uscc");
    registeredCapital = finite(registeredCapital, "registeredCapital");
    if (financials != null) {
      List<FinancialYear> sorted = new ArrayList<>(financials);
      for (FinancialYear f : sorted) {
        Objects.requireNonNull(f, "financials entry");
      }
      sorted.sort(Comparator.comparing(FinancialYear::year));
      Set<Integer> years = new HashSet<>();
      for (FinancialYear f : sorted) {
        if (!years.add(f.year())) {
          throw new IllegalArgumentException("duplicate financial year " + f.year());
        }
      }
      financials = List.copyOf(sorted);
    }
    if (tags != null) {
      Set<String> copy = new LinkedHashSet<>();
      for (String t : tags) {
        Objects.requireNonNull(t, "tag");
        copy.add(t);
      }
      tags = Collections.unmodifiableSet(copy);
    }
  }

  /** Reads the canonical JSON strictly (unknown properties and trailing tokens are errors). */
  public static Enterprise fromJson(JsonNode json) throws JsonProcessingException {
    return Json.STRICT.treeToValue(json, Enterprise.class);
  }

  /** Parses the canonical JSON text strictly. */
  public static Enterprise parse(String json) throws JsonProcessingException {
    return Json.STRICT.readerFor(Enterprise.class).readValue(json);
  }

  /** Writes the canonical JSON (nulls omitted). */
  public JsonNode toJson() {
    return Json.STRICT.valueToTree(this);
  }

  /** A copy with other financials. */
  public Enterprise withFinancials(List<FinancialYear> newFinancials) {
    return new Enterprise(uscc, name, regionCode, address, location, industryCode, establishedOn, registeredCapital,
        employees, newFinancials, tags, creditStatus);
  }

  /** A copy with other tags. */
  public Enterprise withTags(Set<String> newTags) {
    return new Enterprise(uscc, name, regionCode, address, location, industryCode, establishedOn, registeredCapital,
        employees, financials, newTags, creditStatus);
  }

  static Double finite(Double v, String what) {
    if (v == null) {
      return null;
    }
    if (v.isNaN() || v.isInfinite()) {
      throw new IllegalArgumentException(what + " must be a finite number");
    }
    return v + 0.0; // -0.0 becomes 0.0
  }
}
