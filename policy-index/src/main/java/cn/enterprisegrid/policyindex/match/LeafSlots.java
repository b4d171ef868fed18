package cn.enterprisegrid.policyindex.match;

import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.rule.Leaf;
import cn.enterprisegrid.policyindex.rule.Op;
import cn.enterprisegrid.policyindex.rule.Truth;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct leaves of a snapshot's rules, as immutable shared descriptors. A <em>leaf slot</em>
 * is a distinct (pointer, leaf): for a given firm it fixes the leaf's truth, explanation and gap,
 * so {@link ExplanationMemo} builds each once per firm however many rules repeat it (realistic rule
 * sets repeat the county's region prefix at {@code /all/0}, a few revenue thresholds, ...). A
 * <em>condition slot</em> is a distinct (field, op, operands), which fixes a gap's message.
 *
 * <p>The leaves of the rule with snapshot ordinal {@code o} are {@code slotOf[firstLeaf[o] + i]}:
 * one flat table, so that explaining a match touches a few contiguous arrays instead of each rule's
 * objects. Immutable after construction.
 */
final class LeafSlots {
  private record LeafAt(String pointer, Leaf leaf) {}

  private record Condition(Field field, Op op, List<String> texts, List<Double> numbers) {}

  /** Rule ordinal → index of its first leaf in {@link #slotOf}; one more entry than rules. */
  final int[] firstLeaf;
  /** Leaf slot of every leaf of every rule, rules in ordinal order, leaves in pre-order. */
  final int[] slotOf;
  /** Per leaf slot: the leaf's JSON pointer. */
  final String[] pointer;
  /** Per leaf slot: the leaf (field, op, operands, clause). */
  final Leaf[] leaf;
  /** Per leaf slot: the leaf's operands as JSON (shared, read-only; null for exists). */
  final JsonNode[] need;
  /** Per leaf slot: its condition slot. */
  final int[] condition;
  /** Per leaf slot: its explanation when the field is missing (UNKNOWN), the same for every firm. */
  final LeafExplanation[] unknown;
  private final int conditionSlots;
  private final int maxLeaves;

  LeafSlots(CompiledRule[] rules) {
    Map<LeafAt, Integer> leaves = new HashMap<>();
    Map<Condition, Integer> conditions = new HashMap<>();
    List<LeafAt> slots = new ArrayList<>();
    List<Integer> slotCondition = new ArrayList<>();
    List<JsonNode> needs = new ArrayList<>();
    firstLeaf = new int[rules.length + 1];
    int total = 0;
    int max = 0;
    for (int o = 0; o < rules.length; o++) {
      firstLeaf[o] = total;
      total += rules[o].leafCount();
      max = Math.max(max, rules[o].leafCount());
    }
    firstLeaf[rules.length] = total;
    slotOf = new int[total];
    for (int o = 0; o < rules.length; o++) {
      CompiledRule r = rules[o];
      for (int i = 0; i < r.leafCount(); i++) {
        Leaf l = r.sourceLeaves.get(i);
        LeafAt key = new LeafAt((String) r.meta[3 * i], l);
        Integer slot = leaves.get(key);
        if (slot == null) {
          slot = slots.size();
          leaves.put(key, slot);
          slots.add(key);
          needs.add((JsonNode) r.meta[3 * i + 1]);
          slotCondition.add(conditions.computeIfAbsent(new Condition(l.field(), l.op(), l.texts(), l.numbers()),
              k -> conditions.size()));
        }
        slotOf[firstLeaf[o] + i] = slot;
      }
    }
    int n = slots.size();
    pointer = new String[n];
    leaf = new Leaf[n];
    need = needs.toArray(JsonNode[]::new);
    condition = new int[n];
    unknown = new LeafExplanation[n];
    for (int s = 0; s < n; s++) {
      pointer[s] = slots.get(s).pointer();
      leaf[s] = slots.get(s).leaf();
      condition[s] = slotCondition.get(s);
      unknown[s] = new LeafExplanation(pointer[s], leaf[s].field(), leaf[s].op(), Truth.UNKNOWN, null, need[s],
          leaf[s].clause());
    }
    conditionSlots = conditions.size();
    maxLeaves = max;
  }

  int leafSlots() {
    return pointer.length;
  }

  int conditionSlots() {
    return conditionSlots;
  }

  /** The largest number of leaves of one rule. */
  int maxLeaves() {
    return maxLeaves;
  }

  /** Number of leaves of the rule with this ordinal. */
  int leafCount(int ordinal) {
    return firstLeaf[ordinal + 1] - firstLeaf[ordinal];
  }
}
