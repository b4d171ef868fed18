package cn.enterprisegrid.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Refuses, before any schema or handler sees a decoded request body, the values none can take at
 * face value or at a bounded cost:
 * <ul>
 *   <li>numbers: {@code 1e309} decodes to infinity, {@code 99999999999999999999} to a
 *   {@link BigInteger} that {@code intValue()} silently wraps, and integers beyond ±(2<sup>53</sup>−1)
 *   are not exact in the clients' JavaScript (RFC 7493 §2.2). A schema's own bounds still decide
 *   within that range; this is the range of every number field, declared bounds or not;</li>
 *   <li>arrays over {@link #MAX_ARRAY} elements: the schema validator checks (and words an error
 *   for) every element even past a {@code maxItems}, about 50 to 200 µs each, so 200,000 zeros in
 *   half a megabyte held an event loop for 10 to 40 seconds. No operation takes that many; the
 *   bulk import streams its records and is not checked here.</li>
 * </ul>
 * Applied to every request body the contracts validate, and by {@link Bodies#object}.
 */
final class JsonLimits {
  /** The largest integer a JavaScript client reads exactly. */
  static final long MAX_EXACT = (1L << 53) - 1;
  /** The most elements any array of a request body may have. */
  static final int MAX_ARRAY = 1000;

  private JsonLimits() {}

  /** Fails with a 400 problem naming the first offending value's JSON pointer. */
  static void check(Object value) {
    String refusal = first(value, "");
    if (refusal != null) {
      int cut = refusal.lastIndexOf(" ");
      String pointer = refusal.substring(0, cut);
      Text where = pointer.isEmpty() ? Text.of("contract.where.body") : Text.of("json.where.field", pointer);
      throw ProblemException.badRequest(pointer, refusal.endsWith(" array")
          ? Text.of("json.array-too-long", where, MAX_ARRAY)
          : Text.of("json.number-range", where, MAX_EXACT));
    }
  }

  /** "POINTER number" or "POINTER array" for the first offending value in {@code value}, null when none. */
  static String first(Object value, String pointer) {
    if (value instanceof JsonObject o) {
      for (Map.Entry<String, Object> e : o) {
        String found = first(e.getValue(), pointer + "/" + escape(e.getKey()));
        if (found != null) {
          return found;
        }
      }
    } else if (value instanceof JsonArray a) {
      if (a.size() > MAX_ARRAY) {
        return pointer + " array";
      }
      for (int i = 0; i < a.size(); i++) {
        String found = first(a.getValue(i), pointer + "/" + i);
        if (found != null) {
          return found;
        }
      }
    } else if (value instanceof Number n && !acceptable(n)) {
      return pointer + " number";
    }
    return null;
  }

  static boolean acceptable(Number n) {
    if (n instanceof Double d) {
      return Double.isFinite(d);
    }
    if (n instanceof Float f) {
      return Float.isFinite(f);
    }
    if (n instanceof BigInteger b) {
      return b.abs().compareTo(BigInteger.valueOf(MAX_EXACT)) <= 0;
    }
    if (n instanceof BigDecimal b) {
      return Double.isFinite(b.doubleValue());
    }
    long l = n.longValue();
    return l >= -MAX_EXACT && l <= MAX_EXACT;
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
