package cn.enterprisegrid.store;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;

import java.util.function.Function;

/**
 * The one answer shape of every Lua script (docs/lua.md, decoded here and nowhere else): a
 * two-element reply {@code {status, json}}, status {@code ok} with the operation's payload, or an
 * error slug with {@code {detail, pointer?, ...}} when the script refused and wrote nothing. The
 * domain maps slugs to its problems; this class knows none of them.
 */
public record ScriptResult(String status, String body) {
  public static final String OK = "ok";

  static ScriptResult of(Response r) {
    if (r == null || r.size() != 2) {
      throw new IllegalStateException("a Lua script answered outside the {status, json} shape: " + r);
    }
    return new ScriptResult(r.get(0).toString(), r.get(1).toString());
  }

  public boolean ok() {
    return OK.equals(status);
  }

  /** The refusal's slug, null when the script succeeded. */
  public String error() {
    return ok() ? null : status;
  }

  public String detail() {
    return ok() ? null : json().getString("detail");
  }

  public String pointer() {
    return ok() ? null : json().getString("pointer");
  }

  /** The payload (or, for a refusal, its body) as an object. */
  public JsonObject json() {
    return new JsonObject(body);
  }

  /** The payload as a list; Lua's cjson writes an empty list as {@code {}}. */
  public JsonArray list() {
    return "{}".equals(body) ? new JsonArray() : new JsonArray(body);
  }

  public long number() {
    return ((Number) Json.decodeValue(body)).longValue();
  }

  /** The payload as a string, null for JSON null. */
  public String string() {
    Object v = Json.decodeValue(body);
    return v == null ? null : v.toString();
  }

  /** The payload object, or the refusal mapped to an exception by the domain. */
  public JsonObject jsonOr(Function<ScriptResult, ? extends RuntimeException> refusal) {
    if (!ok()) {
      throw refusal.apply(this);
    }
    return json();
  }
}
