package cn.enterprisegrid.mp.api;

import io.vertx.core.json.JsonObject;

/**
 * Body of {@code POST /mp/v1/auth/login} ({@code mpLogin}).
 *
 * @param code the code returned by {@code wx.login}
 */
public record LoginRequest(String code) {

  /**
   * @param json a body that passed the contract's validation
   * @return the request
   */
  public static LoginRequest fromJson(JsonObject json) {
    return new LoginRequest(json.getString("code"));
  }

  /** @return the body */
  public JsonObject toJson() {
    return new JsonObject().put("code", code);
  }
}
