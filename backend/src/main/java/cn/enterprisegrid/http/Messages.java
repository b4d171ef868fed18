package cn.enterprisegrid.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The message catalog of every text of ours a person reads in an answer (problem titles and
 * details, field errors): one bundle per language, {@code messages/problems_zh.properties} and
 * {@code messages/problems_en.properties} (UTF-8), keyed alike. A title is keyed
 * {@code title.SLUG} by the problem's type; a pattern's {@code {0}}, {@code {1}} ... are its
 * arguments. The texts live here and nowhere else, so a wording is changed, and a language added,
 * in one place.
 */
public final class Messages {
  private static final Messages STANDARD = load();

  private final Map<Language, Map<String, String>> bundles;

  private Messages(Map<Language, Map<String, String>> bundles) {
    this.bundles = bundles;
  }

  /** The catalog of the resources, read once. */
  public static Messages standard() {
    return STANDARD;
  }

  /** Every key of the language's bundle, sorted. */
  public Set<String> keys(Language lang) {
    return Collections.unmodifiableSet(new TreeSet<>(bundles.get(lang).keySet()));
  }

  /** True when the catalog has {@code key} in Chinese (the bundle every key must be in). */
  public boolean has(String key) {
    return bundles.get(Language.ZH).containsKey(key);
  }

  /** The raw pattern of a key in a language, or null. */
  public String pattern(Language lang, String key) {
    return bundles.get(lang).get(key);
  }

  /**
   * {@code text} in {@code lang}: its pattern in that language, else in Chinese, else the key
   * itself (a missing entry shows up as its key, never as an error answer of its own).
   */
  public String render(Language lang, Text text) {
    if (text.key() == null) {
      return String.valueOf(text.args().get(0));
    }
    String pattern = bundles.get(lang).get(text.key());
    if (pattern == null) {
      pattern = bundles.get(Language.ZH).getOrDefault(text.key(), text.key());
    }
    return fill(pattern, text, lang);
  }

  /** Replaces {@code {n}} by argument n; no other syntax, so quotes and braces elsewhere stay as written. */
  private static String fill(String pattern, Text text, Language lang) {
    if (text.args().isEmpty() || pattern.indexOf('{') < 0) {
      return pattern;
    }
    StringBuilder out = new StringBuilder(pattern.length() + 32);
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      int close = c == '{' ? pattern.indexOf('}', i) : -1;
      if (close > i + 1 && close - i <= 3 && digits(pattern, i + 1, close)) {
        int n = Integer.parseInt(pattern.substring(i + 1, close));
        if (n < text.args().size()) {
          Object arg = text.args().get(n);
          out.append(arg instanceof Localized l ? l.render(lang) : String.valueOf(arg));
          i = close + 1;
          continue;
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static Messages load() {
    Map<Language, Map<String, String>> bundles = new EnumMap<>(Language.class);
    for (Language lang : Language.values()) {
      String resource = "messages/problems_" + lang.name().toLowerCase(java.util.Locale.ROOT) + ".properties";
      try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + resource);
        }
        Properties p = new Properties();
        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        Map<String, String> bundle = new java.util.HashMap<>();
        p.stringPropertyNames().forEach(k -> bundle.put(k, p.getProperty(k)));
        bundles.put(lang, Map.copyOf(bundle));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Messages(bundles);
  }
}
