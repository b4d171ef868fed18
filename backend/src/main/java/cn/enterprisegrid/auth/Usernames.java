package cn.enterprisegrid.auth;

import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.ProblemException;

import java.util.regex.Pattern;

/**
 * What a username may be: 3 to 64 letters, digits or {@code . _ @ -}. Checked when an account is created and
 * before a login touches Redis, so a name no account can have never becomes part of a key.
 */
public final class Usernames {
  public static final int MAX_LENGTH = 64;
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.@-]{3," + MAX_LENGTH + "}");

  private Usernames() {}

  public static boolean valid(String username) {
    return username != null && USERNAME.matcher(username).matches();
  }

  /** The 422 naming {@code /username}. */
  public static ProblemException invalid() {
    return ProblemException.invalid("/username", Text.of("auth.username", MAX_LENGTH));
  }
}
