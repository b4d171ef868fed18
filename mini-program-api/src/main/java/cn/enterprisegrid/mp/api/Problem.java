package cn.enterprisegrid.mp.api;

import cn.enterprisegrid.mp.RequestViolation;
import io.vertx.core.json.JsonObject;

/**
 * An RFC 7807 problem document ({@code components.schemas.Problem} of the contract), sent as
 * {@code application/problem+json}.
 *
 * @param type     stable URI of the kind of problem
 * @param title    short summary of the kind
 * @param status   HTTP status
 * @param detail   explanation of this occurrence, nullable
 * @param instance request path or occurrence id, nullable
 * @param pointer  JSON pointer of the offending request field, nullable
 */
public record Problem(String type, String title, int status, String detail, String instance, String pointer) {

  /** Media type of problem documents. */
  public static final String CONTENT_TYPE = "application/problem+json";
  /** {@link #type()} of a request that breaks the contract. */
  public static final String TYPE_VALIDATION = "/problems/validation";

  /**
   * A 400 (or 415 for an unsupported media type) for a request that breaks the contract.
   *
   * @param violation from {@link RequestViolation#of(Throwable)}
   * @param instance  the request path
   * @return the problem
   */
  public static Problem of(RequestViolation violation, String instance) {
    int status = violation.unsupportedMediaType() ? 415 : 400;
    return new Problem(TYPE_VALIDATION, status == 415 ? "Unsupported media type" : "Invalid request", status,
      violation.detail(), instance, violation.pointer());
  }

  /** @return the document, without null members */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("type", type).put("title", title).put("status", status);
    if (detail != null) {
      json.put("detail", detail);
    }
    if (instance != null) {
      json.put("instance", instance);
    }
    if (pointer != null) {
      json.put("pointer", pointer);
    }
    return json;
  }
}
