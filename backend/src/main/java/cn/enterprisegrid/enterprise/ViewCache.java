package cn.enterprisegrid.enterprise;

import io.vertx.core.buffer.Buffer;

import java.time.LocalDate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The encoded profile views of one backend process, shared by its HTTP verticles, with what the
 * access rules need (region, liaison) and the record version they were rendered from.
 *
 * <p>Freshness: every write of a firm bumps its version. Writes through this process are announced
 * by {@link FirmWrites} before the writer answers; writes through other processes arrive through
 * the {@code changes} stream ({@link ViewInvalidator}). While that feed is caught up, a cached view
 * is served without asking Redis ({@link #trusted()}); otherwise readers check the version in Redis
 * first, as a node without a feed must.
 *
 * <p>Races: an invalidation leaves a tombstone carrying the new version, and a view loaded before
 * the write (older version) never replaces it; {@link #invalidateAll()} bumps an epoch so that loads
 * begun before it are not stored. So a view older than a write already announced is never stored.
 */
public final class ViewCache implements FirmWrites.Listener {
  /** Views kept at most; beyond that the cache starts over (the hot set refills in seconds). */
  static final int MAX = 200_000;

  /**
   * A cached view, or a tombstone ({@code json == null}) saying that versions below {@code version}
   * are stale.
   */
  record Entry(long version, String region, String liaisonId, LocalDate day, Buffer json) {
    boolean isView() {
      return json != null;
    }
  }

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong epoch = new AtomicLong();
  private volatile long trustedUntilNanos = Long.MIN_VALUE;
  private volatile boolean feedFollowing;

  /** The entry of {@code uscc}: a view, a tombstone, or null. */
  Entry get(String uscc) {
    return entries.get(uscc);
  }

  /** The current epoch, to be passed back to {@link #put} by a load that starts now. */
  long epoch() {
    return epoch.get();
  }

  /**
   * Stores a view loaded since {@code epochAtStart}, unless something newer is known: a view of a
   * later version, a tombstone of a later version, or an {@link #invalidateAll()} since the load
   * began.
   */
  void put(String uscc, Entry view, long epochAtStart) {
    if (entries.size() >= MAX) {
      invalidateAll();
      return;
    }
    // the epoch is read inside compute (under the bin's lock), so invalidateAll (epoch, then clear)
    // either sees this entry and clears it or this compute sees the new epoch
    entries.compute(uscc, (k, old) -> epoch.get() != epochAtStart
        || old != null && old.version() > view.version() ? old : view);
  }

  @Override
  public void written(String uscc, long version) {
    if (entries.size() >= MAX) {
      invalidateAll(); // also voids loads in flight, so no tombstone is needed
      return;
    }
    entries.compute(uscc, (k, old) -> old != null && old.version() >= version
        ? old : new Entry(version, null, null, null, null));
  }

  @Override
  public void manyWritten() {
    invalidateAll();
  }

  /** Forgets every view, and every view being loaded now. */
  public void invalidateAll() {
    epoch.incrementAndGet();
    entries.clear();
  }

  /**
   * Whether cached views may be served without asking Redis: the change feed has caught up with
   * the stream recently enough. Reads then see other nodes' writes as soon as the feed does.
   */
  boolean trusted() {
    return feedFollowing && System.nanoTime() - trustedUntilNanos < 0;
  }

  /**
   * The feed has read everything up to now (a read that returned less than a full batch); cached
   * views stay trusted for {@code graceMillis}, unless it says so again.
   */
  void caughtUp(long graceMillis) {
    trustedUntilNanos = System.nanoTime() + graceMillis * 1_000_000;
    feedFollowing = true;
  }

  /** The feed stopped: from now on readers check versions in Redis. */
  void feedStopped() {
    feedFollowing = false;
  }

  /** How many entries (views and tombstones) are held (for tests and metrics). */
  int size() {
    return entries.size();
  }
}
