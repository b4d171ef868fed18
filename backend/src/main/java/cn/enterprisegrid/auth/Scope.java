package cn.enterprisegrid.auth;

import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.Problem.FieldError;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The data an account may see: a region-code prefix, a department, a liaison id, an enterprise.
 * Which keys a role needs is decided by {@link #validate}; absent keys are null.
 */
public record Scope(String region, String department, String liaisonId, String uscc) {
  private static final Pattern REGION = Pattern.compile("\\d{2,12}");
  private static final Pattern USCC = Pattern.compile("[0-9A-HJ-NPQRTUWXY]{18}");

  public static final Scope NONE = new Scope(null, null, null, null);

  public static Scope fromJson(JsonObject json) {
    if (json == null) {
      return NONE;
    }
    return new Scope(trim(json.getValue("region")), trim(json.getValue("department")),
        trim(json.getValue("liaisonId")), trim(json.getValue("uscc")));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    if (region != null) json.put("region", region);
    if (department != null) json.put("department", department);
    if (liaisonId != null) json.put("liaisonId", liaisonId);
    if (uscc != null) json.put("uscc", uscc);
    return json;
  }

  /** True when this scope has no region limit or {@code code} lies inside its region prefix. */
  public boolean coversRegion(String code) {
    return region == null || (code != null && code.startsWith(region));
  }

  /** True when every region {@code other} covers, this one covers too. */
  public boolean coversScopeRegion(Scope other) {
    return region == null || (other.region != null && other.region.startsWith(region));
  }

  /**
   * The field errors of this scope for {@code role}, with pointers under {@code /scope}. Region
   * roles may omit the region (the whole territory); the other roles need their key.
   */
  public List<FieldError> validate(Role role) {
    List<FieldError> errors = new ArrayList<>();
    if (region != null && !REGION.matcher(region).matches()) {
      errors.add(new FieldError("/scope/region", Text.of("field.region-prefix", "region")));
    }
    if (uscc != null && !USCC.matcher(uscc).matches()) {
      errors.add(new FieldError("/scope/uscc", Text.of("field.uscc", "uscc")));
    }
    switch (role) {
      case ENTERPRISE -> require(errors, uscc, "uscc", role);
      case LIAISON -> require(errors, liaisonId, "liaisonId", role);
      case POLICY_AUTHOR, DEPT_HANDLER -> require(errors, department, "department", role);
      case GRID_ADMIN, SUPERVISOR -> { }
    }
    return errors;
  }

  private static void require(List<FieldError> errors, String value, String key, Role role) {
    if (value == null) {
      errors.add(new FieldError("/scope/" + key, Text.of("auth.scope-required", key, role)));
    }
  }

  private static String trim(Object v) {
    if (v == null) {
      return null;
    }
    String s = String.valueOf(v).trim();
    return s.isEmpty() ? null : s;
  }
}
