package cn.enterprisegrid.notify;

import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of the outbox stream {@code notify:outbox}: a notice written by {@code notify()} (fields {@code to},
 * {@code uscc}, {@code policy}, {@code version}, {@code kind}, {@code payload}) or a push written by the flush
 * (fields {@code push} = the address, {@code to}, {@code items}, {@code attempt}).
 */
record OutboxEntry(String id, Map<String, String> fields) {

  boolean isPush() {
    return fields.containsKey("push");
  }

  String get(String name) {
    return fields.get(name);
  }

  int attempt() {
    String a = fields.get("attempt");
    return a == null ? 0 : Integer.parseInt(a);
  }

  JsonObject fieldsJson() {
    JsonObject o = new JsonObject();
    fields.forEach(o::put);
    return o;
  }

  /** Parses {@code [id, [field, value, ...]]}; null for an entry deleted meanwhile. */
  static OutboxEntry parse(Response entry) {
    if (entry == null || entry.size() < 2 || entry.get(1) == null) {
      return null;
    }
    Response f = entry.get(1);
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i + 1 < f.size(); i += 2) {
      fields.put(f.get(i).toString(), f.get(i + 1).toString());
    }
    return new OutboxEntry(entry.get(0).toString(), fields);
  }
}
