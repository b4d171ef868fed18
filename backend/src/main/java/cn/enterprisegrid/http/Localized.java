package cn.enterprisegrid.http;

/**
 * A value a text names that reads differently per language (a step 受理 / ACCEPT, a status
 * 待受理 / SUBMITTED): as an argument of a {@link Text} it is rendered in the text's language.
 */
public interface Localized {
  /** This value in {@code lang}. */
  String render(Language lang);
}
