package cn.enterprisegrid.auth;

import io.vertx.core.json.JsonObject;

/** A login of the console or of a staff member; the password hash never leaves the store. */
public record Account(String username, Role role, Scope scope, String passwordHash, String createdAt,
    String createdBy) {

  /** What the API shows of an account. */
  public JsonObject toJson() {
    return new JsonObject().put("username", username).put("role", role.name())
        .put("scope", scope.toJson()).put("createdAt", createdAt).put("createdBy", createdBy);
  }

  public Principal principal() {
    return new Principal(username, role, scope, null);
  }
}
