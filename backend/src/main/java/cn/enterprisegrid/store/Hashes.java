package cn.enterprisegrid.store;

import io.vertx.redis.client.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads HGETALL answers, whichever protocol (RESP2 flat array or RESP3 map) the server spoke. */
public final class Hashes {
  private Hashes() {}

  /** The hash as a map (empty for a missing key). */
  public static Map<String, String> flat(Response r) {
    Map<String, String> out = new LinkedHashMap<>();
    if (r == null || r.size() == 0) {
      return out;
    }
    try {
      for (String k : r.getKeys()) {
        out.put(k, r.get(k).toString());
      }
      return out;
    } catch (RuntimeException notAMap) {
      out.clear();
    }
    for (int i = 0; i + 1 < r.size(); i += 2) {
      out.put(r.get(i).toString(), r.get(i + 1).toString());
    }
    return out;
  }
}
