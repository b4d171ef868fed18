package cn.enterprisegrid.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads request bodies and their fields, failing with problem documents that name the field. */
public final class Bodies {
  private Bodies() {}

  /** The body as a JSON object; 400 when it is absent, malformed or not an object. */
  public static JsonObject object(RoutingContext ctx) {
    Buffer buf = ctx.body().buffer();
    if (buf == null || buf.length() == 0) {
      throw ProblemException.badRequest("", "a JSON object body is required");
    }
    Object value;
    try {
      value = Json.decodeValue(buf);
    } catch (DecodeException e) {
      throw ProblemException.badRequest("", "the body is not well-formed JSON");
    }
    if (!(value instanceof JsonObject obj)) {
      throw ProblemException.badRequest("", "the body must be a JSON object");
    }
    return obj;
  }

  /** A required non-blank string member. */
  public static String requiredString(JsonObject body, String field) {
    Object v = body.getValue(field);
    if (v == null) {
      throw ProblemException.invalid("/" + field, field + " is required");
    }
    if (!(v instanceof String s)) {
      throw ProblemException.invalid("/" + field, field + " must be a string");
    }
    if (s.isBlank()) {
      throw ProblemException.invalid("/" + field, field + " must not be blank");
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
      throw ProblemException.invalid(pointerPrefix + "/" + field, field + " must be a string");
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
      throw ProblemException.invalid("/" + field, field + " must be an object");
    }
    return o;
  }
}
