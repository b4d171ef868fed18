package cn.enterprisegrid.redemption;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Keys and views of applications: one per firm and policy, id {@code POLICY-USCC}. */
public final class Applications {
  private static final Set<String> TEXT = Set.of("id", "policyId", "uscc", "name", "status", "mode", "createdAt",
      "updatedAt", "decidedBy", "decidedAt", "reason", "confirmation", "confirmedAt", "paidOn", "paymentRef",
      "department", "title");

  /**
   * The statuses in which an application holds money or a claim on it: it blocks another
   * application to the same policy and to every policy that cannot be stacked with it. The Lua
   * side of this rule is {@code lua/include/applications.lua}.
   */
  private static final Set<String> LIVE = Set.of("PENDING_REVIEW", "GRANTED", "PAID");

  private Applications() {}

  /** Whether an application in this status is live (see {@link #LIVE}). */
  public static boolean isLive(String status) {
    return status != null && LIVE.contains(status);
  }

  /** The application id of a firm and a policy. */
  public static String id(String policyId, String uscc) {
    return policyId + "-" + uscc;
  }

  /** The policy id of an application id, or null when malformed. */
  static String policyOf(String applicationId) {
    int dash = applicationId.indexOf('-');
    return dash <= 1 ? null : applicationId.substring(0, dash);
  }

  /** The firm of an application id, or null when malformed. */
  static String firmOf(String applicationId) {
    int dash = applicationId.indexOf('-');
    return dash < 0 || applicationId.length() - dash - 1 != 18 ? null : applicationId.substring(dash + 1);
  }

  /** The API view of a stored application: amounts in 万元, figures and receipt as JSON. */
  public static JsonObject view(Map<String, String> f) {
    JsonObject json = new JsonObject();
    f.forEach((k, v) -> {
      if (TEXT.contains(k)) {
        json.put(k, v);
      }
    });
    if (f.get("version") != null) {
      json.put("version", Integer.parseInt(f.get("version")));
    }
    if (f.get("amount") != null) {
      json.put("amount", Money.wan(Long.parseLong(f.get("amount"))));
    }
    if (f.get("figures") != null) {
      json.put("figures", new JsonObject(f.get("figures")));
    }
    if (f.get("receipt") != null) {
      json.put("receipt", new JsonObject(f.get("receipt")));
    }
    return json;
  }

  /** A flat [name, value, ...] array (as HGETALL answers inside a script) as a map. */
  static Map<String, String> flat(JsonArray pairs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i + 1 < pairs.size(); i += 2) {
      out.put(pairs.getString(i), pairs.getString(i + 1));
    }
    return out;
  }
}
