package cn.enterprisegrid.http;

import java.util.Locale;

/**
 * The languages a person reads the answers' texts in: Chinese, the product's, unless the request's
 * {@code Accept-Language} (RFC 9110 §12.5.4) prefers English.
 */
public enum Language {
  /** 简体中文, the default. */
  ZH,
  /** English, for the few clients (operators, integrators) that ask for it. */
  EN;

  /**
   * The language an {@code Accept-Language} header prefers: the supported range of the highest
   * q-value (the first of equal ones); Chinese when the header is absent, malformed or names
   * neither language. {@code en-US,en;q=0.9} → EN; {@code zh-CN,zh;q=0.9,en;q=0.8} → ZH;
   * {@code fr,en;q=0.5} → EN.
   */
  public static Language of(String acceptLanguage) {
    if (acceptLanguage == null || acceptLanguage.isBlank()) {
      return ZH;
    }
    Language best = null;
    double bestQ = 0;
    // a header is short: bound the work all the same, a hostile one may be 16 KB of commas
    String[] ranges = acceptLanguage.split(",", 32);
    for (String range : ranges) {
      String[] parts = range.split(";");
      if (parts.length == 0) {
        continue;
      }
      String tag = parts[0].strip().toLowerCase(Locale.ROOT);
      Language lang = tag.equals("zh") || tag.startsWith("zh-") ? ZH
          : tag.equals("en") || tag.startsWith("en-") ? EN : null;
      if (lang == null) {
        continue;
      }
      double q = 1;
      for (int i = 1; i < parts.length; i++) {
        String p = parts[i].strip();
        if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
          q = quality(p.substring(2));
        }
      }
      if (q > bestQ) {
        best = lang;
        bestQ = q;
      }
    }
    return best == null ? ZH : best;
  }

  /** A q-value (0 to 1, at most three decimals); a malformed one counts as not acceptable. */
  private static double quality(String s) {
    if (s.length() > 5) {
      return 0;
    }
    try {
      double q = Double.parseDouble(s);
      return q >= 0 && q <= 1 ? q : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The tag of the answer's {@code Content-Language}. */
  public String tag() {
    return this == ZH ? "zh-CN" : "en";
  }
}
