package cn.enterprisegrid.http;

import org.slf4j.Logger;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The server's unexpected failures, logged at most {@link #PER_WINDOW} with their stack trace per
 * {@link #WINDOW_MS}; beyond that, counted, and the count logged once when the next window opens.
 * One failure is one entry; a flood of failing requests (an attacker, a dependency gone) cannot
 * fill the disk or drown the first, telling trace. Thread-safe (every event loop logs through one).
 */
final class ErrorLog {
  static final int PER_WINDOW = 20;
  static final long WINDOW_MS = 60_000;

  private final Logger log;
  private final AtomicReference<long[]> window = new AtomicReference<>(new long[] {0, 0});
  private final AtomicLong suppressed = new AtomicLong();

  ErrorLog(Logger log) {
    this.log = log;
  }

  /** Logs {@code message} (slf4j pattern) with {@code args}, the last a Throwable if any, unless over the rate. */
  void error(String message, Object... args) {
    if (admit()) {
      log.error(message, args);
    }
  }

  /** As {@link #error}, at WARN. */
  void warn(String message, Object... args) {
    if (admit()) {
      log.warn(message, args);
    }
  }

  /** Entries refused since start (for tests). */
  long suppressed() {
    return suppressed.get();
  }

  private boolean admit() {
    long now = System.currentTimeMillis();
    while (true) {
      long[] w = window.get();
      if (now - w[0] >= WINDOW_MS) {
        if (window.compareAndSet(w, new long[] {now, 1})) {
          long lost = w[1] > PER_WINDOW ? w[1] - PER_WINDOW : 0;
          if (lost > 0) {
            log.warn("{} further failures in the last minute were not logged (at most {} a minute)", lost, PER_WINDOW);
          }
          return true;
        }
      } else if (window.compareAndSet(w, new long[] {w[0], w[1] + 1})) {
        if (w[1] + 1 > PER_WINDOW) {
          suppressed.incrementAndGet();
          return false;
        }
        return true;
      }
    }
  }
}
