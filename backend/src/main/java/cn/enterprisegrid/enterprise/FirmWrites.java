package cn.enterprisegrid.enterprise;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Writes to firm records made by this process, announced the moment their script has run and
 * before the writer's future completes. Caches of rendered profiles ({@link ViewCache}) listen, so
 * that a read after a write through this process never sees the record as it was before. It is
 * process-wide on purpose: a firm can be written through any {@link EnterpriseStore} or grid store
 * of the process (HTTP verticles, the importer, the demo loader, tests), and threading one cache
 * through all of them would tie every store to the HTTP layer. Writes by other processes reach the
 * caches through the {@code changes} stream instead ({@link ViewInvalidator}).
 */
public final class FirmWrites {
  /** Told of writes. Called on the writer's thread: must be quick and must not block. */
  public interface Listener {
    /** The firm's record was written and now has {@code version} (or may have: a failed write). */
    void written(String uscc, long version);

    /** Firm records were written whose codes and versions are not known (bulk grid operations). */
    void manyWritten();
  }

  private static final Set<Listener> LISTENERS = new CopyOnWriteArraySet<>();

  private FirmWrites() {}

  /** Starts telling {@code listener}; the returned action stops it. */
  public static Runnable listen(Listener listener) {
    LISTENERS.add(listener);
    return () -> LISTENERS.remove(listener);
  }

  static void written(String uscc, long version) {
    for (Listener l : LISTENERS) {
      l.written(uscc, version);
    }
  }

  /** Announces a bulk write (the grid's assignments and releases bump many firms' versions). */
  public static void manyWritten() {
    for (Listener l : LISTENERS) {
      l.manyWritten();
    }
  }
}
