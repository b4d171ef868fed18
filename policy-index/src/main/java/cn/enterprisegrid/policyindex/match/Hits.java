package cn.enterprisegrid.policyindex.match;

import java.util.Arrays;

/**
 * The candidates of one match call that are not plainly FALSE, in the order found, then sorted by
 * snapshot ordinal (= policy id order). Each hit is a truth (T, U, or a FALSE kind), and either the
 * single FALSE top-level leaf of a near miss or the offset of the rule's recorded leaf truths.
 * Reused by one thread across calls (held by {@link ExplanationMemo}).
 */
final class Hits {
  /** ordinal << 32 | index of the hit in the side arrays. */
  private long[] keys = new long[64];
  private byte[] truth = new byte[64];
  private int[] arg = new int[64];
  private int size;

  void clear() {
    size = 0;
  }

  int size() {
    return size;
  }

  /** Adds a hit; {@code arg} is the failing leaf or the truths offset, as the truth says. */
  void add(int ordinal, byte t, int arg) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      truth = Arrays.copyOf(truth, size * 2);
      this.arg = Arrays.copyOf(this.arg, size * 2);
    }
    keys[size] = ((long) ordinal << 32) | size;
    truth[size] = t;
    this.arg[size] = arg;
    size++;
  }

  void sort() {
    Arrays.sort(keys, 0, size);
  }

  int ordinal(int k) {
    return (int) (keys[k] >>> 32);
  }

  byte truth(int k) {
    return truth[(int) keys[k]];
  }

  int arg(int k) {
    return arg[(int) keys[k]];
  }
}
