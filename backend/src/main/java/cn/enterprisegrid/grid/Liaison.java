package cn.enterprisegrid.grid;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * A liaison (包联责任人) as stored in {@code grid:l:ID}, with its current load (firms held).
 */
public record Liaison(String id, String name, String phone, String unit, String rank, int capacity,
    List<String> cells, String region, String username, boolean active, long load) {

  /** Reads the hash; null when it is empty. */
  public static Liaison from(Map<String, String> h, long load) {
    if (h.isEmpty()) {
      return null;
    }
    return new Liaison(h.get("id"), h.get("name"), h.get("phone"), h.get("unit"), h.get("rank"),
        Integer.parseInt(h.getOrDefault("capacity", "0")),
        new JsonArray(h.getOrDefault("cells", "[]")).stream().map(String::valueOf).toList(),
        h.get("region"), h.get("username"), "1".equals(h.get("active")), load);
  }

  /** The view of the API; in lists the phone number is masked (138****5678). */
  public JsonObject toJson(boolean maskPhone) {
    return new JsonObject().put("id", id).put("name", name)
        .put("phone", maskPhone ? mask(phone) : phone).put("unit", unit).put("rank", rank)
        .put("senior", Rank.parse(rank) != null && Rank.parse(rank).senior())
        .put("capacity", capacity).put("load", load).put("cells", new JsonArray(cells))
        .put("region", region).put("username", username).put("active", active);
  }

  /** Keeps the first three and last four digits of a phone number. */
  public static String mask(String phone) {
    if (phone == null || phone.length() < 8) {
      return phone == null ? null : "****";
    }
    return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
  }
}
