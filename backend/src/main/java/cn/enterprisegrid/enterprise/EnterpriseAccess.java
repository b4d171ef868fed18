package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.auth.Principal;

/**
 * Who may see and who may manage a firm. Reads: grid admins and supervisors within their region,
 * the firm's own liaison, the firm itself. Management (confirming corrections, issuing binding
 * invitations): the firm's liaison, or a grid admin whose region holds the firm. Callers answer a
 * miss with 404, because whether a firm is registered is itself private.
 */
public final class EnterpriseAccess {
  private EnterpriseAccess() {}

  public static boolean canRead(Principal p, StoredEnterprise s) {
    return s.exists() && canRead(p, s.uscc(), s.regionCode(), s.liaisonId());
  }

  /**
   * {@link #canRead(Principal, StoredEnterprise)} on the members the rules look at, for a firm
   * known to exist (the profile cache keeps just these with a view).
   */
  public static boolean canRead(Principal p, String uscc, String regionCode, String liaisonId) {
    if (p.role() == null) {
      return false;
    }
    return switch (p.role()) {
      case GRID_ADMIN, SUPERVISOR -> p.scope().coversRegion(regionCode);
      case LIAISON -> liaisonId != null && liaisonId.equals(p.scope().liaisonId());
      case ENTERPRISE -> uscc.equals(p.scope().uscc());
      default -> false;
    };
  }

  public static boolean canManage(Principal p, StoredEnterprise s) {
    if (p.role() == null || !s.exists()) {
      return false;
    }
    return switch (p.role()) {
      case GRID_ADMIN -> p.scope().coversRegion(s.regionCode());
      case LIAISON -> isLiaison(p, s);
      default -> false;
    };
  }

  private static boolean isLiaison(Principal p, StoredEnterprise s) {
    return s.liaisonId() != null && s.liaisonId().equals(p.scope().liaisonId());
  }
}
