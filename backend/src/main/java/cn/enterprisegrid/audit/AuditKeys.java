package cn.enterprisegrid.audit;

import cn.enterprisegrid.changes.ChangeFeed;

import java.util.ArrayList;
import java.util.List;

/**
 * Keys of the audit trail, and the journal tail of KEYS that scripts using {@code
 * lua/include/journal.lua} expect (docs/lua.md): audit, audit:target:TARGET, audit:actor:ACTOR,
 * changes.
 */
public final class AuditKeys {
  public static final String STREAM = "audit";

  private AuditKeys() {}

  public static String target(String target) {
    return "audit:target:" + target;
  }

  public static String actor(String actor) {
    return "audit:actor:" + actor;
  }

  /** The journal tail for a script that audits {@code target} as {@code actor} and emits changes. */
  public static List<String> journal(String actor, String target) {
    return List.of(STREAM, target(target), actor(actor), ChangeFeed.STREAM);
  }

  /** The journal tail for a script that only emits changes. */
  public static List<String> changesOnly() {
    return List.of(ChangeFeed.STREAM);
  }

  /** {@code keys} followed by the journal tail. */
  public static List<String> with(List<String> keys, List<String> journal) {
    List<String> all = new ArrayList<>(keys.size() + journal.size());
    all.addAll(keys);
    all.addAll(journal);
    return all;
  }
}
