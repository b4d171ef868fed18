package cn.enterprisegrid.policyindex.match;

import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.rule.Leaf;
import cn.enterprisegrid.policyindex.rule.Op;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers the distinct leaves of a snapshot's rules for {@link ExplanationMemo}: a <em>leaf
 * slot</em> per distinct (pointer, leaf), which fixes a leaf's explanation and gap for a given
 * firm, and a <em>condition slot</em> per distinct (field, op, operands), which fixes the gap's
 * message. Filled while the snapshot is built, read-only afterwards.
 */
final class LeafSlots {
  private record LeafAt(String pointer, Leaf leaf) {}

  private record Condition(Field field, Op op, List<String> texts, List<Double> numbers) {}

  private final Map<LeafAt, Integer> leaves = new HashMap<>();
  private final Map<Condition, Integer> conditions = new HashMap<>();
  private int maxLeaves;

  /** Assigns the slots of every leaf of {@code r}: {@code [0]} leaf slots, {@code [1]} condition slots. */
  int[][] assign(CompiledRule r) {
    int n = r.leafCount();
    int[] leafSlot = new int[n];
    int[] conditionSlot = new int[n];
    for (int i = 0; i < n; i++) {
      Leaf l = r.sourceLeaves.get(i);
      leafSlot[i] = leaves.computeIfAbsent(new LeafAt((String) r.meta[3 * i], l), k -> leaves.size());
      conditionSlot[i] = conditions.computeIfAbsent(new Condition(l.field(), l.op(), l.texts(), l.numbers()),
          k -> conditions.size());
    }
    maxLeaves = Math.max(maxLeaves, n);
    return new int[][] {leafSlot, conditionSlot};
  }

  int leafSlots() {
    return leaves.size();
  }

  int conditionSlots() {
    return conditions.size();
  }

  int maxLeaves() {
    return maxLeaves;
  }
}
