package cn.enterprisegrid.http;

import java.util.Arrays;
import java.util.List;

/**
 * A text a person reads, kept as a key of the message catalog and its arguments until the answer
 * is written, when it is rendered in the request's language ({@link Messages}). An argument that is
 * itself a {@code Text} (or another {@link Localized} value) is rendered in the same language; any other argument as it is (a field
 * name, an id, a number: these are the same in every language).
 *
 * @param key the catalog key, e.g. {@code not-found.enterprise}; null for a {@link #verbatim} text
 * @param args the values of the pattern's {@code {0}}, {@code {1}}, ...
 */
public record Text(String key, List<Object> args) implements Localized {
  /** Copies the arguments (nulls allowed: they render as "null", as a concatenation would). */
  public Text {
    args = java.util.Collections.unmodifiableList(Arrays.asList(args.toArray()));
  }

  /** The catalog's text {@code key} with {@code args}. */
  public static Text of(String key, Object... args) {
    return new Text(key, Arrays.asList(args));
  }

  /**
   * A text that is the same in every language: what someone else wrote (a parser's message about
   * the user's own file, a reason a user typed), never a sentence of ours.
   */
  public static Text verbatim(String s) {
    return new Text(null, List.of(String.valueOf(s)));
  }

  /**
   * The text of a Lua script's refusal: the catalog's {@code AREA.SLUG}, else {@code script.SLUG},
   * with the script's own English sentence (which names the ids) as argument {0}: the English
   * bundle says {@code {0}}, the Chinese one its own sentence. A slug the catalog lacks keeps the
   * script's sentence rather than show a key.
   */
  public static Text refusal(String area, String slug, String scriptDetail) {
    Messages m = Messages.standard();
    return m.has(area + "." + slug) ? of(area + "." + slug, scriptDetail)
        : m.has("script." + slug) ? of("script." + slug, scriptDetail) : verbatim(scriptDetail);
  }

  /** This text in {@code lang}. */
  @Override
  public String render(Language lang) {
    return Messages.standard().render(lang, this);
  }

  /** The Chinese text: what a log line or an exception message shows. */
  @Override
  public String toString() {
    return render(Language.ZH);
  }
}
