package cn.enterprisegrid.dictionary;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one dictionary of field labels (resource {@code dictionary/field-labels.json}, keyed by the
 * field's JSON name): the mini-program's explanations are worded from it and the console reads the
 * same file through {@code GET /api/v1/dictionary/fields}, so a label is changed in one place.
 */
public final class FieldLabels {
  private static final String RESOURCE = "dictionary/field-labels.json";
  private static final FieldLabels STANDARD = load();

  private final Map<String, FieldLabel> byField;

  private FieldLabels(Map<String, FieldLabel> byField) {
    this.byField = byField;
  }

  /** The dictionary of the resource, read once. */
  public static FieldLabels standard() {
    return STANDARD;
  }

  /** The label of a field by its JSON name. */
  public Optional<FieldLabel> find(String field) {
    return Optional.ofNullable(byField.get(field));
  }

  /** The label of a field, or one made of its JSON name when the dictionary lacks it (never null). */
  public FieldLabel of(String field) {
    FieldLabel l = byField.get(field);
    return l != null ? l : new FieldLabel(field, field, null, FieldLabel.Kind.TAGS, Map.of());
  }

  /** Every entry in the resource's order, as the dictionary endpoint serves them. */
  public JsonObject toJson() {
    JsonArray items = new JsonArray();
    byField.values().forEach(l -> items.add(l.toJson()));
    return new JsonObject().put("items", items);
  }

  private static FieldLabels load() {
    try (InputStream in = FieldLabels.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      JsonObject json = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      Map<String, FieldLabel> out = new LinkedHashMap<>();
      for (String field : json.fieldNames()) {
        JsonObject e = json.getJsonObject(field);
        Map<String, String> values = new LinkedHashMap<>();
        JsonObject v = e.getJsonObject("values", new JsonObject());
        v.fieldNames().forEach(k -> values.put(k, v.getString(k)));
        out.put(field, new FieldLabel(field, e.getString("label"), e.getString("unit"),
            FieldLabel.Kind.valueOf(e.getString("kind").toUpperCase(Locale.ROOT)), values));
      }
      return new FieldLabels(Collections.unmodifiableMap(out));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
