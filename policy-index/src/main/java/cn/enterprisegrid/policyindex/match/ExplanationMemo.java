package cn.enterprisegrid.policyindex.match;

import java.util.Arrays;
/**
 * Per-thread scratch of one {@link PolicyMatcher#match} call: the explanations and gaps already
 * built for this firm, by leaf slot (a pointer and leaf shared by many rules, see {@link
 * LeafSlots}), the gap texts by condition slot (the leaf without pointer and clause), and the
 * buffers of the call (hits, leaf truths), reused so that a call allocates only its answer.
 *
 * <p>Why: realistic rule sets repeat the same leaves (the county's region prefix at {@code /all/0},
 * a few revenue thresholds), and for one firm a given leaf always has the same truth, explanation
 * and gap; building each once per firm instead of once per rule removes most of the allocation and
 * number formatting of an answer. Entries are stamped with the call number instead of cleared, so
 * starting a call costs nothing. Not thread-safe: one instance per thread.
 */
final class ExplanationMemo {
  private static final ThreadLocal<ExplanationMemo> PER_THREAD = ThreadLocal.withInitial(ExplanationMemo::new);

  private int stamp;
  private int[] explanationStamps = new int[0];
  private LeafExplanation[] explanations = new LeafExplanation[0];
  private int[] gapStamps = new int[0];
  private Gap[] gaps = new Gap[0];
  private int[] textStamps = new int[0];
  private GapText[] texts = new GapText[0];
  /** Leaf truths recorded during the call (see {@link #truths(int)}). */
  byte[] truths = new byte[256];
  /** Used length of {@link #truths}. */
  int truthsUsed;
  /** The candidates of the call that are not plainly FALSE. */
  final Hits hits = new Hits();
  /** The rule arenas a firm scans (see {@code PolicyMatcher.Snapshot#arenas}). */
  final long[][] arenas = new long[32][];

  private ExplanationMemo() {}

  /** This thread's memo, emptied and sized for {@code slots}. */
  static ExplanationMemo begin(LeafSlots slots) {
    ExplanationMemo m = PER_THREAD.get();
    m.reset(slots.leafSlots(), slots.conditionSlots());
    return m;
  }

  private void reset(int leafSlots, int conditionSlots) {
    if (explanations.length < leafSlots) {
      int n = Math.max(leafSlots, explanations.length * 2);
      explanationStamps = new int[n];
      explanations = new LeafExplanation[n];
      gapStamps = new int[n];
      gaps = new Gap[n];
    }
    if (texts.length < conditionSlots) {
      int n = Math.max(conditionSlots, texts.length * 2);
      textStamps = new int[n];
      texts = new GapText[n];
    }
    truthsUsed = 0;
    hits.clear();
    if (++stamp == 0) { // wrapped: forget everything once every 2^32 calls
      Arrays.fill(explanationStamps, 0);
      Arrays.fill(gapStamps, 0);
      Arrays.fill(textStamps, 0);
      stamp = 1;
    }
  }

  /** Reserves {@code n} leaf truths in {@link #truths}; returns the offset of the first. */
  int truths(int n) {
    int off = truthsUsed;
    if (off + n > truths.length) {
      truths = Arrays.copyOf(truths, Math.max(off + n, truths.length * 2));
    }
    truthsUsed = off + n;
    return off;
  }

  LeafExplanation explanation(int slot) {
    return explanationStamps[slot] == stamp ? explanations[slot] : null;
  }

  void explanation(int slot, LeafExplanation e) {
    explanationStamps[slot] = stamp;
    explanations[slot] = e;
  }

  Gap gap(int slot) {
    return gapStamps[slot] == stamp ? gaps[slot] : null;
  }

  void gap(int slot, Gap g) {
    gapStamps[slot] = stamp;
    gaps[slot] = g;
  }

  GapText text(int slot) {
    return textStamps[slot] == stamp ? texts[slot] : null;
  }

  void text(int slot, GapText t) {
    textStamps[slot] = stamp;
    texts[slot] = t;
  }
}
