package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.policyindex.profile.Enterprise;
import cn.enterprisegrid.store.Hashes;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;

import java.util.Map;
import java.util.TreeMap;

/**
 * A firm's record as stored in its Redis hash {@code ent:{e:USCC}}: {@code v} (version, bumped by
 * every write), {@code f:FIELD} (canonical JSON value), {@code p:FIELD} (provenance JSON), {@code
 * c:FIELD} (pending correction JSON), and the plain members {@code region}, {@code liaisonId},
 * {@code derived}, {@code createdAt}, {@code updatedAt}.
 */
public record StoredEnterprise(String uscc, long version, Map<String, String> values,
    Map<String, Provenance> provenance, Map<String, JsonObject> corrections, String liaisonId,
    String createdAt, String updatedAt) {

  public boolean exists() {
    return version > 0;
  }

  public String regionCode() {
    String v = values.get("regionCode");
    return v == null ? null : (String) Json.decodeValue(v);
  }

  /** The canonical record of the current values (pending corrections not applied). */
  public Enterprise enterprise() {
    return EnterpriseFields.toEnterprise(uscc, values);
  }

  public static StoredEnterprise empty(String uscc) {
    return new StoredEnterprise(uscc, 0, Map.of(), Map.of(), Map.of(), null, null, null);
  }

  /** Reads an HGETALL answer (empty answer: a firm not stored yet). */
  public static StoredEnterprise from(String uscc, Response hash) {
    Map<String, String> raw = flat(hash);
    if (raw.isEmpty()) {
      return empty(uscc);
    }
    Map<String, String> values = new TreeMap<>();
    Map<String, Provenance> prov = new TreeMap<>();
    Map<String, JsonObject> corr = new TreeMap<>();
    raw.forEach((k, v) -> {
      if (k.startsWith("f:")) {
        values.put(k.substring(2), v);
      } else if (k.startsWith("p:")) {
        prov.put(k.substring(2), Provenance.fromJson(new JsonObject(v)));
      } else if (k.startsWith("c:")) {
        corr.put(k.substring(2), new JsonObject(v));
      }
    });
    String version = raw.get("v");
    return new StoredEnterprise(uscc, version == null ? 0 : Long.parseLong(version), values, prov, corr,
        raw.get("liaisonId"), raw.get("createdAt"), raw.get("updatedAt"));
  }

  static Map<String, String> flat(Response r) {
    return Hashes.flat(r);
  }
}
