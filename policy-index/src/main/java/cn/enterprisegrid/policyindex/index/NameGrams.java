package cn.enterprisegrid.policyindex.index;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Firm-name search by character unigrams and bigrams, the usual CJK approach: a name is indexed as
 * its single characters and adjacent pairs, and a query matches names holding every bigram of the
 * query (every character for a one-character query). Close to a substring match, with no analyzer
 * and no query parser, so no user text can make it fail.
 */
final class NameGrams {
  private NameGrams() {}

  /** The grams indexed for a name. */
  static Set<String> index(String name) {
    String s = normalise(name);
    Set<String> grams = new LinkedHashSet<>();
    for (int i = 0; i < s.length(); i++) {
      grams.add(s.substring(i, i + 1));
      if (i + 1 < s.length()) {
        grams.add(s.substring(i, i + 2));
      }
    }
    return grams;
  }

  /** The grams every matching name must hold; empty when the query has no usable character. */
  static Set<String> query(String q) {
    String s = normalise(q);
    Set<String> grams = new LinkedHashSet<>();
    if (s.length() == 1) {
      grams.add(s);
    }
    for (int i = 0; i + 1 < s.length(); i++) {
      grams.add(s.substring(i, i + 2));
    }
    return grams;
  }

  /** Lower case, whitespace and punctuation removed (full-width brackets too). */
  private static String normalise(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.toLowerCase(Locale.ROOT).codePoints()
        .filter(Character::isLetterOrDigit)
        .forEach(sb::appendCodePoint);
    return sb.toString();
  }
}
