package cn.enterprisegrid.config;

import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.List;

/**
 * Reads one setting from the merged config object (file first, environment on top): blank counts
 * as absent, numbers are checked with the setting's name in the message, so a typo in the
 * environment stops start-up with a clear line instead of a stack trace later.
 */
public final class ConfigValues {
  private ConfigValues() {}

  /** The trimmed value, or {@code dflt} when absent or blank. */
  public static String str(JsonObject c, String key, String dflt) {
    Object v = c.getValue(key);
    if (v == null) {
      return dflt;
    }
    String s = String.valueOf(v).trim();
    return s.isEmpty() ? dflt : s;
  }

  /** A whole number, or {@code dflt} when absent. */
  public static int integer(JsonObject c, String key, int dflt) {
    String s = str(c, key, null);
    if (s == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, was " + s, e);
    }
  }

  /** A whole number above zero, or {@code dflt} when absent. */
  public static int positive(JsonObject c, String key, int dflt) {
    int v = integer(c, key, dflt);
    if (v <= 0) {
      throw new IllegalArgumentException(key + " must be positive, was " + v);
    }
    return v;
  }

  /** A comma-separated list, its entries trimmed and blanks dropped; empty when absent. */
  public static List<String> list(JsonObject c, String key) {
    String s = str(c, key, null);
    if (s == null) {
      return List.of();
    }
    return Arrays.stream(s.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList();
  }
}
