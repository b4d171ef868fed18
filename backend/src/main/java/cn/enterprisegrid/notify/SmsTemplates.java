package cn.enterprisegrid.notify;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SMS templates (短信正文模板) per notice kind or category, from {@code NOTIFY_SMS_TEMPLATES}:
 * {@code {"problem.warning":{"id":"1001","params":["problemId","dispatchNo","deadline","due"]},...}}. A template
 * is approved at the provider with placeholders {1}, {2}, ...; {@code params} names the {@link Message} value of
 * each, in order. A kind is looked up first, then its category; a message with neither is not texted.
 */
final class SmsTemplates {
  /** One template: the provider's template id and the value names of its parameters. */
  record Template(String id, List<String> params) {}

  private final Map<String, Template> byKey = new HashMap<>();

  SmsTemplates(JsonObject config) {
    for (String key : config.fieldNames()) {
      JsonObject t = config.getJsonObject(key);
      List<String> params = new ArrayList<>();
      t.getJsonArray("params", new JsonArray()).forEach(p -> params.add(String.valueOf(p)));
      byKey.put(key, new Template(t.getString("id"), List.copyOf(params)));
    }
  }

  /** The template for a message, null when it is not texted. */
  Template forMessage(Message m) {
    Template t = m.kind() == null ? null : byKey.get(m.kind());
    return t != null ? t : byKey.get(m.category());
  }

  /**
   * The parameters of a message for a template. The provider refuses an empty parameter, so a missing value is
   * "—".
   */
  static List<String> params(Template t, Message m) {
    List<String> out = new ArrayList<>();
    for (String name : t.params()) {
      String v = m.values().get(name);
      out.add(v == null || v.isBlank() ? "—" : v);
    }
    return out;
  }
}
