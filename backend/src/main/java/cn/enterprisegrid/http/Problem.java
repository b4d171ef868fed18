package cn.enterprisegrid.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * An RFC 7807 problem document. {@code type} is stable ({@code /problems/SLUG}) so clients can
 * branch on it; {@code pointer} names the offending field of the request body as a JSON pointer.
 */
public record Problem(String type, String title, int status, String detail, String pointer,
    List<FieldError> errors, JsonObject extensions) {

  public Problem(String type, String title, int status, String detail, String pointer, List<FieldError> errors) {
    this(type, title, status, detail, pointer, errors, null);
  }

  /**
   * The same problem with RFC 7807 extension members (e.g. the conflicting application); they
   * never replace the standard members.
   */
  public Problem with(JsonObject members) {
    JsonObject merged = extensions == null ? new JsonObject() : extensions.copy();
    merged.mergeIn(members);
    return new Problem(type, title, status, detail, pointer, errors, merged);
  }

  /** One offending field: its JSON pointer and what is wrong with it. */
  public record FieldError(String pointer, String detail) {}

  public static Problem of(int status, String slug, String title, String detail) {
    return new Problem("/problems/" + slug, title, status, detail, null, List.of());
  }

  /**
   * A 422 (or 400) naming one field; a 403 naming the field whose value lies outside the caller's
   * scope is a permission problem ({@code /problems/forbidden}), not a validation one: the request
   * is well formed, the account may not make it.
   */
  public static Problem field(int status, String pointer, String detail) {
    if (status == 403) {
      return new Problem("/problems/forbidden", "无权操作", status, detail, pointer,
          List.of(new FieldError(pointer, detail)));
    }
    return new Problem("/problems/validation", "字段无效", status, detail, pointer,
        List.of(new FieldError(pointer, detail)));
  }

  /** A 422 naming several fields; the first one is the document's {@code pointer}. */
  public static Problem fields(List<FieldError> errors) {
    FieldError first = errors.get(0);
    String detail = errors.size() == 1 ? first.detail()
        : first.detail() + "（另有 " + (errors.size() - 1) + " 处）";
    return new Problem("/problems/validation", "字段无效", 422, detail, first.pointer(),
        List.copyOf(errors));
  }

  public JsonObject toJson(String instance) {
    JsonObject json = extensions == null ? new JsonObject() : extensions.copy();
    json
        .put("type", type)
        .put("title", title)
        .put("status", status)
        .put("detail", detail);
    if (instance != null) {
      json.put("instance", instance);
    }
    if (pointer != null) {
      json.put("pointer", pointer);
    }
    if (!errors.isEmpty()) {
      JsonArray arr = new JsonArray();
      errors.forEach(e -> arr.add(new JsonObject().put("pointer", e.pointer()).put("detail", e.detail())));
      json.put("errors", arr);
    }
    return json;
  }
}
