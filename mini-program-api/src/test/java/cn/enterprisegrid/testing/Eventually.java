package cn.enterprisegrid.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way tests wait for what happens asynchronously (a change feed catching up, a push
 * delivered, a lifetime lapsing): poll until a condition holds, or fail naming what was awaited
 * and the last value seen. Shared by the tests of every module through this module's test-jar, so
 * that no test writes its own deadline loop or sleeps a guessed time.
 */
public final class Eventually {
  /** Long enough for a slow shared CI machine, short enough that a hang fails the run. */
  public static final Duration DEFAULT = Duration.ofSeconds(30);
  private static final long POLL_MS = 20;

  private Eventually() {}

  public static void until(String what, BooleanSupplier condition) {
    until(what, DEFAULT, condition);
  }

  public static void until(String what, Duration max, BooleanSupplier condition) {
    value(what, max, condition::getAsBoolean, ok -> ok);
  }

  /** Polls {@code value} until {@code done} accepts it, and returns that value. */
  public static <T> T value(String what, Duration max, Supplier<T> value, Predicate<? super T> done) {
    long end = System.nanoTime() + max.toNanos();
    while (true) {
      T seen = value.get();
      if (done.test(seen)) {
        return seen;
      }
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("timed out after " + max.toMillis() + " ms waiting for " + what
            + "; last seen: " + seen);
      }
      pause();
    }
  }

  /** Runs {@code assertions} until they pass; after {@code max}, rethrows their last failure. */
  public static void asserted(Duration max, Runnable assertions) {
    long end = System.nanoTime() + max.toNanos();
    while (true) {
      try {
        assertions.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() - end > 0) {
          throw e;
        }
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting", e);
    }
  }
}
