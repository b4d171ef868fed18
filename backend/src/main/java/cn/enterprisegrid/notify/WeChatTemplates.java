package cn.enterprisegrid.notify;

import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The subscribe-message templates per category, from {@code NOTIFY_WX_TEMPLATES}:
 * {@code {"policy":{"id":"...","longTerm":false,"data":{"thing1":"title","date3":"closesOn",...}},...}}. A data
 * entry maps a template key to a named value of the {@link Message}; values are fitted to the key's kind so that
 * WeChat does not refuse them (47003): {@code thing} at most 20 characters, {@code name} 10 (20 in ASCII),
 * {@code character_string} 32 printable ASCII. Kinds that cannot be fitted by cutting (e.g. {@code phrase}) are
 * sent as they are.
 */
final class WeChatTemplates {

  /** One template: its id, whether it is long-term (no one-time consent needed) and its data mapping. */
  record Template(String id, boolean longTerm, Map<String, String> data) {}

  private final Map<String, Template> byCategory = new HashMap<>();

  WeChatTemplates(JsonObject config) {
    for (String category : config.fieldNames()) {
      JsonObject t = config.getJsonObject(category);
      Map<String, String> data = new LinkedHashMap<>();
      JsonObject d = t.getJsonObject("data", new JsonObject());
      d.fieldNames().forEach(k -> data.put(k, d.getString(k)));
      byCategory.put(category, new Template(t.getString("id"), t.getBoolean("longTerm", false), data));
    }
  }

  /** @return the template of a category, null when none is configured */
  Template forCategory(String category) {
    return byCategory.get(category);
  }

  /**
   * The template data for a message: mapped values, fitted. WeChat refuses an empty value, so a missing one is
   * "—" in free-text kinds ({@code thing}, {@code name}) and left out otherwise (WeChat answers 47003: the mapping
   * needs fixing).
   */
  static Map<String, String> data(Template t, Message m) {
    Map<String, String> out = new LinkedHashMap<>();
    t.data().forEach((key, name) -> {
      String kind = key.replaceAll("[0-9]+$", "");
      String v = m.values().get(name);
      if (v != null && !v.isEmpty()) {
        out.put(key, fit(kind, v));
      } else if (kind.equals("thing") || kind.equals("name")) {
        out.put(key, "—");
      }
    });
    return out;
  }

  static String fit(String kind, String value) {
    return switch (kind) {
      case "thing" -> cut(value, 20);
      case "name" -> cut(value, value.chars().allMatch(c -> c < 128) ? 20 : 10);
      case "character_string" -> {
        String ascii = value.replaceAll("[^\\x21-\\x7E]", "");
        yield ascii.length() > 32 ? ascii.substring(0, 32) : ascii;
      }
      case "car_number" -> cut(value, 8);
      default -> value;
    };
  }

  /** At most {@code max} code points; a cut value ends with an ellipsis. */
  static String cut(String value, int max) {
    int n = value.codePointCount(0, value.length());
    if (n <= max) {
      return value;
    }
    return value.substring(0, value.offsetByCodePoints(0, max - 1)) + "…";
  }
}
