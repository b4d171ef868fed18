package cn.enterprisegrid.policyindex.match;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Process-wide ids 0..63 for the tag strings rules mention, so that tag leaves become bit masks.
 * Tags beyond the first 64 get no id; leaves naming them are evaluated the slow way.
 */
final class TagDictionary {
  private static final ConcurrentHashMap<String, Integer> IDS = new ConcurrentHashMap<>();
  private static final AtomicInteger NEXT = new AtomicInteger();

  private TagDictionary() {}

  /** The id of a tag a rule mentions, assigning one if possible; -1 when the dictionary is full. */
  static int register(String tag) {
    Integer id = IDS.get(tag);
    if (id != null) {
      return id;
    }
    synchronized (IDS) {
      id = IDS.get(tag);
      if (id != null) {
        return id;
      }
      if (NEXT.get() >= 64) {
        return -1;
      }
      int next = NEXT.getAndIncrement();
      IDS.put(tag, next);
      return next;
    }
  }

  /** The id of a firm's tag, or -1 when no rule mentions it. */
  static int lookup(String tag) {
    Integer id = IDS.get(tag);
    return id == null ? -1 : id;
  }
}
