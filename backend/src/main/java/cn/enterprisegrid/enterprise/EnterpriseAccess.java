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
    if (p.role() == null || !s.exists()) {
      return false;
    }
    return switch (p.role()) {
      case GRID_ADMIN, SUPERVISOR -> p.scope().coversRegion(s.regionCode());
      case LIAISON -> isLiaison(p, s);
      case ENTERPRISE -> s.uscc().equals(p.scope().uscc());
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
