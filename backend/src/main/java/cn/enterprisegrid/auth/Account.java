package cn.enterprisegrid.auth;

import io.vertx.core.json.JsonObject;

/**
 * A login of the console or of a staff member; the password hash never leaves the store.
 *
 * @param phone the mainland mobile number deadline warnings and escalations are texted to (null: none, the SMS
 *              is skipped and counted)
 * @param head  a DEPT_HANDLER who heads the department: an escalated (overdue) case of the department reaches
 *              the head too
 */
public record Account(String username, Role role, Scope scope, String passwordHash, String createdAt,
    String createdBy, String phone, boolean head) {

  /** What the API shows of an account. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("username", username).put("role", role.name())
        .put("scope", scope.toJson()).put("createdAt", createdAt).put("createdBy", createdBy)
        .put("head", head);
    if (phone != null) {
      json.put("phone", phone);
    }
    return json;
  }

  public Principal principal() {
    return new Principal(username, role, scope, null);
  }
}
