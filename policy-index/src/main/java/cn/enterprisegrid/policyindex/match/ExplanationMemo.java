package cn.enterprisegrid.policyindex.match;

/**
 * Per-thread scratch of one {@link PolicyMatcher#match} call: the explanations and gaps already
 * built for this firm, by leaf slot (a pointer and leaf shared by many rules, see {@link
 * LeafSlots}), and the gap texts by condition slot (the leaf without pointer and clause).
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
  /** Leaf truths of the rule being explained (valid for one rule at a time). */
  byte[] truths = new byte[16];

  private ExplanationMemo() {}

  /** This thread's memo, emptied and sized for {@code slots}. */
  static ExplanationMemo begin(LeafSlots slots) {
    ExplanationMemo m = PER_THREAD.get();
    m.reset(slots.leafSlots(), slots.conditionSlots(), slots.maxLeaves());
    return m;
  }

  private void reset(int leafSlots, int conditionSlots, int maxLeaves) {
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
    if (truths.length < maxLeaves) {
      truths = new byte[Math.max(maxLeaves, truths.length * 2)];
    }
    if (++stamp == 0) { // wrapped: forget everything once every 2^32 calls
      java.util.Arrays.fill(explanationStamps, 0);
      java.util.Arrays.fill(gapStamps, 0);
      java.util.Arrays.fill(textStamps, 0);
      stamp = 1;
    }
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
