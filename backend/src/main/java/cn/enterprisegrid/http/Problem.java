package cn.enterprisegrid.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * An RFC 9457 problem document. {@code type} is stable ({@code /problems/SLUG}) so clients can
 * branch on it; {@code pointer} names the offending field of the request body as a JSON pointer.
 * The texts a person reads ({@code title}, {@code detail}, each field error's {@code detail}) are
 * kept as catalog {@link Text}s and rendered when the answer is written, in the request's language
 * ({@link Messages}): the title is the type's ({@code title.SLUG}), the same for every occurrence.
 */
public record Problem(String type, Text title, int status, Text detail, String pointer,
    List<FieldError> errors, JsonObject extensions) {

  public Problem(String type, int status, Text detail, String pointer, List<FieldError> errors) {
    this(type, titleOf(type, status), status, detail, pointer, errors, null);
  }

  /**
   * The same problem with RFC 9457 extension members (e.g. the conflicting application); they
   * never replace the standard members.
   */
  public Problem with(JsonObject members) {
    JsonObject merged = extensions == null ? new JsonObject() : extensions.copy();
    merged.mergeIn(members);
    return new Problem(type, title, status, detail, pointer, errors, merged);
  }

  /** One offending field: its JSON pointer and what is wrong with it. */
  public record FieldError(String pointer, Text detail) {}

  /** A problem of type {@code /problems/SLUG}, titled by the catalog's {@code title.SLUG}. */
  public static Problem of(int status, String slug, Text detail) {
    return new Problem("/problems/" + slug, status, detail, null, List.of());
  }

  /**
   * A 422 (or 400) naming one field; a 403 naming the field whose value lies outside the caller's
   * scope is a permission problem ({@code /problems/forbidden}), not a validation one: the request
   * is well formed, the account may not make it.
   */
  public static Problem field(int status, String pointer, Text detail) {
    String type = status == 403 ? "/problems/forbidden" : "/problems/validation";
    return new Problem(type, status, detail, pointer, List.of(new FieldError(pointer, detail)));
  }

  /** A 422 naming several fields; the first one is the document's {@code pointer}. */
  public static Problem fields(List<FieldError> errors) {
    FieldError first = errors.get(0);
    Text detail = errors.size() == 1 ? first.detail() : Text.of("validation.more", first.detail(), errors.size() - 1);
    return new Problem("/problems/validation", 422, detail, first.pointer(), List.copyOf(errors));
  }

  /**
   * The type's title, {@code title.SLUG}; a type without one of its own (a script's refusal slug,
   * say) has its status's, {@code title.status.409} "操作冲突", else the class's.
   */
  private static Text titleOf(String type, int status) {
    String own = "title." + type.substring(type.lastIndexOf('/') + 1);
    Messages m = Messages.standard();
    return m.has(own) ? Text.of(own)
        : m.has("title.status." + status) ? Text.of("title.status." + status)
        : Text.of(status < 500 ? "title.client-error" : "title.internal");
  }

  /** The document in {@code lang}. */
  public JsonObject toJson(String instance, Language lang) {
    JsonObject json = extensions == null ? new JsonObject() : extensions.copy();
    json
        .put("type", type)
        .put("title", title.render(lang))
        .put("status", status)
        .put("detail", detail.render(lang));
    if (instance != null) {
      json.put("instance", instance);
    }
    if (pointer != null) {
      json.put("pointer", pointer);
    }
    if (!errors.isEmpty()) {
      JsonArray arr = new JsonArray();
      errors.forEach(e -> arr.add(new JsonObject().put("pointer", e.pointer()).put("detail", e.detail().render(lang))));
      json.put("errors", arr);
    }
    return json;
  }
}
