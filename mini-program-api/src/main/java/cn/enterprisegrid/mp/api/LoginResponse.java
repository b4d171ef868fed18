package cn.enterprisegrid.mp.api;

import io.vertx.core.json.JsonObject;

/**
 * Answer of {@code POST /mp/v1/auth/login} ({@code mpLogin}).
 *
 * @param token bearer token for the other operations
 * @param bound whether the WeChat user is already bound to an enterprise or a liaison
 */
public record LoginResponse(String token, boolean bound) {

  /** @return the body */
  public JsonObject toJson() {
    return new JsonObject().put("token", token).put("bound", bound);
  }

  /**
   * @param json an answer body
   * @return the response
   */
  public static LoginResponse fromJson(JsonObject json) {
    return new LoginResponse(json.getString("token"), json.getBoolean("bound", false));
  }
}
