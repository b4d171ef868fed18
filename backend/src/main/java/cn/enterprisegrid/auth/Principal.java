package cn.enterprisegrid.auth;

import io.vertx.core.json.JsonObject;

/**
 * Who is calling, as carried by the bearer token: an account (role and scope), or a WeChat user
 * who has logged in but is not yet bound to a firm or a staff account ({@code role == null}).
 */
public record Principal(String subject, Role role, Scope scope, String openid) {

  public boolean bound() {
    return role != null;
  }

  public boolean has(Role r) {
    return role == r;
  }

  /** The claims this principal is encoded with in a token. */
  public JsonObject claims() {
    JsonObject c = new JsonObject().put("sub", subject).put("scope", scope.toJson());
    if (role != null) c.put("role", role.name());
    if (openid != null) c.put("wx", openid);
    return c;
  }

  public static Principal fromClaims(JsonObject c) {
    String role = c.getString("role");
    return new Principal(c.getString("sub"), role == null ? null : Role.parse(role),
        Scope.fromJson(c.getJsonObject("scope")), c.getString("wx"));
  }

  /** The actor name written into audit entries. */
  public String actor() {
    return subject;
  }
}
