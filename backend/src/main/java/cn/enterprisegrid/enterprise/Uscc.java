package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.http.Text;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters of a 31-character
 * set, the last a check character over the first 17; characters 9-17 are the organisation code
 * (组织机构代码, GB 11714), whose last character is its own check.
 *
 * <p>Characters 3-8 are the registering authority's region code; they are deliberately not checked
 * against the firm's region (a firm may be registered by a city or provincial authority).
 */
public final class Uscc {
  static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  private static final int[] ORG_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};

  private Uscc() {}

  /** Why {@code code} is not a valid USCC, or empty when it is. */
  public static Optional<Text> problem(String code) {
    if (code == null || code.length() != 18) {
      return Optional.of(Text.of("uscc.length"));
    }
    for (int i = 0; i < 18; i++) {
      if (CHARSET.indexOf(code.charAt(i)) < 0) {
        return Optional.of(Text.of("uscc.character", i + 1, code.charAt(i)));
      }
    }
    if (checkCharacter(code.substring(0, 17)) != code.charAt(17)) {
      return Optional.of(Text.of("uscc.check", checkCharacter(code.substring(0, 17))));
    }
    char org = organisationCheck(code.substring(8, 16));
    if (org != code.charAt(16)) {
      return Optional.of(Text.of("uscc.organisation", org));
    }
    return Optional.empty();
  }

  public static boolean isValid(String code) {
    return problem(code).isEmpty();
  }

  /** The GB 32100 check character over 17 characters of the set. */
  public static char checkCharacter(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += CHARSET.indexOf(first17.charAt(i)) * WEIGHTS[i];
    }
    int c = 31 - sum % 31;
    return CHARSET.charAt(c == 31 ? 0 : c);
  }

  /** The GB 11714 check character over the 8 body characters of an organisation code. */
  public static char organisationCheck(String body8) {
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      char ch = body8.charAt(i);
      int v = Character.isDigit(ch) ? ch - '0' : ch - 'A' + 10;
      sum += v * ORG_WEIGHTS[i];
    }
    int c = 11 - sum % 11;
    return c == 10 ? 'X' : c == 11 ? '0' : (char) ('0' + c);
  }

  /**
   * A valid code for a company (registering authority 9 = market regulation, type 1 = enterprise)
   * registered in {@code county}, with a random organisation code: for demo and test data.
   */
  public static String generate(String county, RandomGenerator random) {
    StringBuilder body = new StringBuilder(8);
    body.append("MA");
    for (int i = 0; i < 6; i++) {
      body.append(CHARSET.charAt(random.nextInt(CHARSET.length())));
    }
    String org = body.toString() + organisationCheck(body.toString());
    String first17 = "91" + county + org;
    return first17 + checkCharacter(first17);
  }
}
