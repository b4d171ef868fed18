package cn.enterprisegrid.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads request bodies and their fields, failing with problem documents that name the field. */
public final class Bodies {
  private Bodies() {}

  /**
   * The body as a JSON object; 400 when it is absent, malformed, not an object, or carries a number
   * no handler can take ({@link JsonLimits}).
   */
  public static JsonObject object(RoutingContext ctx) {
    Buffer buf = ctx.body().buffer();
    if (buf == null || buf.length() == 0) {
      throw ProblemException.badRequest("", Text.of("body.empty"));
    }
    Object value;
    try {
      value = Json.decodeValue(buf);
    } catch (DecodeException e) {
      throw ProblemException.badRequest("", Text.of("body.not-json"));
    }
    if (!(value instanceof JsonObject obj)) {
      throw ProblemException.badRequest("", Text.of("body.not-object"));
    }
    JsonLimits.check(obj);
    return obj;
  }

  /** A required non-blank string member. */
  public static String requiredString(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) {
      throw ProblemException.invalid("/" + field, Text.of("field.required", field));
    }
    if (!(v instanceof String s)) {
      throw ProblemException.invalid("/" + field, Text.of("field.string", field));
    }
    if (s.isBlank()) {
      throw ProblemException.invalid("/" + field, Text.of("field.blank", field));
    }
    return s;
  }

  /** An optional string member (null when absent). */
  public static String optionalString(JsonObject body, String field, String pointerPrefix) {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw ProblemException.invalid(pointerPrefix + "/" + field, Text.of("field.string", field));
    }
    return s.isBlank() ? null : s;
  }

  /** An optional object member (empty when absent). */
  public static JsonObject optionalObject(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) {
      return new JsonObject();
    }
    if (!(v instanceof JsonObject o)) {
      throw ProblemException.invalid("/" + field, Text.of("field.object", field));
    }
    return o;
  }
}
