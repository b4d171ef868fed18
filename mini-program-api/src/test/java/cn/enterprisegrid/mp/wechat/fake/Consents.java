package cn.enterprisegrid.mp.wechat.fake;

import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The subscribe-message side of the fake: registered templates and their field rules, one-time
 * consent balances per user and template, and which pages exist. Not thread-safe on its own: the
 * owning {@link FakeWeChatServer} guards it with its lock.
 */
final class Consents {
  /** A registered template. */
  record Template(List<String> fieldKeys, boolean longTerm) {
    Template(String[] keys, boolean longTerm) {
      this(List.of(keys), longTerm);
      fieldKeys.forEach(TemplateRules::kindOf);
    }
  }

  /** The outcome of checking a message's data: the values, or WeChat's 47003 message. */
  record Checked(Map<String, String> values, String error) {
  }

  private final Map<String, Template> templates = new HashMap<>();
  private final Map<List<String>, Integer> balances = new HashMap<>();
  private final Set<String> invalidPages = new HashSet<>();
  private final Set<String> validPages = new HashSet<>();

  void register(String templateId, String[] fieldKeys, boolean longTerm) {
    templates.put(templateId, new Template(fieldKeys, longTerm));
  }

  Template template(String templateId) {
    return templateId == null ? null : templates.get(templateId);
  }

  void grant(String openid, String templateId, int count) {
    balances.merge(List.of(openid, templateId), count, Integer::sum);
  }

  int balance(String openid, String templateId) {
    return balances.getOrDefault(List.of(openid, templateId), 0);
  }

  /** Uses one consent of a one-time template; false when none is left (43101). */
  boolean consume(String openid, String templateId) {
    List<String> key = List.of(openid, templateId);
    int balance = balances.getOrDefault(key, 0);
    if (balance <= 0) {
      return false;
    }
    balances.put(key, balance - 1);
    return true;
  }

  void invalidPage(String page) {
    invalidPages.add(page);
  }

  void validPages(List<String> pages) {
    validPages.addAll(pages);
  }

  /** Whether a message's page (query ignored) is one the mini-program has (else 41030). */
  boolean pageExists(String page) {
    String path = page.contains("?") ? page.substring(0, page.indexOf('?')) : page;
    return !invalidPages.contains(path) && (validPages.isEmpty() || validPages.contains(path));
  }

  /** Checks every field of the template against its kind's rules. */
  static Checked check(Template template, JsonObject data) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String key : template.fieldKeys()) {
      Object field = data.getValue(key);
      Object value = field instanceof JsonObject f ? f.getValue("value") : null;
      if (!(value instanceof String s) || s.isEmpty()) {
        return new Checked(null, "argument invalid! data." + key + ".value is empty");
      }
      if (!TemplateRules.accepts(TemplateRules.kindOf(key), s)) {
        return new Checked(null, "argument invalid! data." + key + ".value invalid");
      }
      values.put(key, s);
    }
    return new Checked(Map.copyOf(values), null);
  }

  void reset() {
    templates.clear();
    balances.clear();
    invalidPages.clear();
    validPages.clear();
  }
}
