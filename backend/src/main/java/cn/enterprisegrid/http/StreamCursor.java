package cn.enterprisegrid.http;

import io.vertx.ext.web.RoutingContext;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Redis stream entry id given by a client ({@code ms-seq}, as a page's {@code next} or a path
 * parameter), checked before it reaches a range command: each part an unsigned 64-bit number, and
 * not {@code 0-0}, which no entry has (as an exclusive bound it is what Redis refuses with "invalid
 * end ID for the interval"). A client's id that Redis would refuse is the client's mistake (400),
 * never a script error.
 */
public final class StreamCursor {
  private static final Pattern ID = Pattern.compile("([0-9]{1,20})-([0-9]{1,20})");

  private StreamCursor() {}

  /**
   * The query parameter {@code name} as a canonical stream id, null when absent or blank; a 400
   * problem naming it when it is not one.
   */
  public static String param(RoutingContext ctx, String name) {
    String raw = ctx.request().getParam(name);
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String id = parse(raw.strip());
    if (id == null) {
      throw ProblemException.badRequest("/" + name, Text.of("cursor.stream", name));
    }
    return id;
  }

  /** {@code raw} as a canonical stream id (no leading zeros), or null when it is not an id an entry may have. */
  public static String parse(String raw) {
    Matcher m = ID.matcher(raw);
    if (!m.matches()) {
      return null;
    }
    long ms;
    long seq;
    try {
      ms = Long.parseUnsignedLong(m.group(1));
      seq = Long.parseUnsignedLong(m.group(2));
    } catch (NumberFormatException e) {
      return null;   // beyond 2^64 - 1
    }
    if (ms == 0 && seq == 0) {
      return null;
    }
    return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
  }
}
