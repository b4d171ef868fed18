package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.policyindex.profile.Enterprise;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits the canonical {@link Enterprise} JSON into the fields that carry their own provenance, and
 * joins them again. A field's value is kept as its canonical JSON text (as {@code Enterprise.toJson}
 * writes it), so that "unchanged" is a plain string comparison and re-imports write nothing.
 *
 * <p>Field keys: the top-level members of the canonical JSON except {@code uscc} and {@code
 * financials}; each year of financials is its own field {@code financials.YYYY}.
 */
public final class EnterpriseFields {
  /** The top-level fields, in the canonical order. */
  public static final List<String> SCALARS = List.of("name", "regionCode", "address", "location",
      "industryCode", "establishedOn", "registeredCapital", "employees", "tags", "creditStatus");
  public static final String FINANCIALS = "financials.";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private EnterpriseFields() {}

  /** The provenance-carrying fields of {@code e} (absent values omitted), canonical JSON text each. */
  public static Map<String, String> of(Enterprise e) {
    JsonNode node = e.toJson();
    Map<String, String> out = new LinkedHashMap<>();
    for (String f : SCALARS) {
      JsonNode v = node.get(f);
      if (v != null && !v.isNull()) {
        out.put(f, v.toString());
      }
    }
    JsonNode fin = node.get("financials");
    if (fin != null) {
      for (JsonNode y : fin) {
        out.put(FINANCIALS + y.get("year").asInt(), y.toString());
      }
    }
    return out;
  }

  /** Joins fields into the canonical record. */
  public static Enterprise toEnterprise(String uscc, Map<String, String> fields) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("uscc", uscc);
    TreeMap<String, JsonNode> years = new TreeMap<>();
    try {
      for (Map.Entry<String, String> f : fields.entrySet()) {
        JsonNode v = MAPPER.readTree(f.getValue());
        if (f.getKey().startsWith(FINANCIALS)) {
          years.put(f.getKey(), v);
        } else {
          root.set(f.getKey(), v);
        }
      }
      if (!years.isEmpty()) {
        ArrayNode arr = root.putArray("financials");
        years.values().forEach(arr::add);
      }
      return Enterprise.fromJson(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when {@code key} names a provenance-carrying field. */
  public static boolean isField(String key) {
    return SCALARS.contains(key) || (key.startsWith(FINANCIALS) && key.length() == FINANCIALS.length() + 4);
  }
}
