package cn.enterprisegrid.policyindex.match;

import static cn.enterprisegrid.policyindex.match.CompiledLeaf.F;
import static cn.enterprisegrid.policyindex.match.CompiledLeaf.T;
import static cn.enterprisegrid.policyindex.match.CompiledLeaf.U;

import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.reference.IndustryCodes;
import cn.enterprisegrid.policyindex.rule.All;
import cn.enterprisegrid.policyindex.rule.Any;
import cn.enterprisegrid.policyindex.rule.Leaf;
import cn.enterprisegrid.policyindex.rule.Not;
import cn.enterprisegrid.policyindex.rule.Op;
import cn.enterprisegrid.policyindex.rule.Rule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A rule compiled once: its flat {@link Program}, the tree shape (pre-order node ids) used to find
 * near-miss flips, and the per-leaf data explanations need. Immutable.
 */
final class CompiledRule {
  static final byte LEAF = 0;
  static final byte ALL = 1;
  static final byte ANY = 2;
  static final byte NOT = 3;

  final String policyId;
  final Rule rule;
  /** Position of the policy id among the snapshot's sorted ids (set on the snapshot's copy). */
  final int ordinal;
  /** The whole rule as a program (no leaf omitted). */
  final long[] program;
  final byte[] kind;
  final int[] first;
  final int[] count;
  final int[] children;
  final int[] leafOf;
  /** Object evaluators, for leaves the program cannot encode (tags beyond the dictionary). */
  final CompiledLeaf[] leaves;
  final List<Leaf> sourceLeaves;
  /** Per leaf i: [3i] pointer, [3i+1] need (JSON value, shared, read-only), [3i+2] clause. */
  final Object[] meta;
  final Field[] leafField;
  /** Codes of a top-level region leaf every ELIGIBLE firm must match, or null when none. */
  final List<String> requiredRegionPrefixes;
  /** Codes of a top-level industry leaf every ELIGIBLE firm must match, or null when none. */
  final List<String> requiredIndustryPrefixes;
  /** The region requirement leaf when it is a prefix leaf (TRUE for every firm of its buckets), else null. */
  final Leaf regionLeaf;
  /** The industry requirement leaf when it is a prefix leaf, else null. */
  final Leaf industryLeaf;

  CompiledRule(String policyId, Rule rule) {
    this.policyId = policyId;
    this.rule = rule;
    this.ordinal = -1;
    List<Byte> kinds = new ArrayList<>();
    List<int[]> kids = new ArrayList<>();
    List<Integer> leafIdx = new ArrayList<>();
    List<Leaf> leafList = new ArrayList<>();
    flatten(rule, kinds, kids, leafIdx, leafList);
    int n = kinds.size();
    kind = new byte[n];
    first = new int[n];
    count = new int[n];
    leafOf = new int[n];
    List<Integer> flat = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      kind[i] = kinds.get(i);
      leafOf[i] = leafIdx.get(i);
      first[i] = flat.size();
      count[i] = kids.get(i).length;
      for (int c : kids.get(i)) {
        flat.add(c);
      }
    }
    children = flat.stream().mapToInt(Integer::intValue).toArray();
    sourceLeaves = List.copyOf(leafList);
    leaves = leafList.stream().map(CompiledLeaf::compile).toArray(CompiledLeaf[]::new);
    List<String> pointers = rule.leafPointers();
    meta = new Object[3 * leafList.size()];
    leafField = new Field[leafList.size()];
    for (int i = 0; i < leafField.length; i++) {
      meta[3 * i] = pointers.get(i);
      meta[3 * i + 1] = leafList.get(i).valueJson();
      meta[3 * i + 2] = leafList.get(i).clause();
      leafField[i] = leafList.get(i).field();
    }
    Leaf[] req = new Leaf[1];
    requiredRegionPrefixes = required(rule, Field.REGION_CODE, req);
    regionLeaf = req[0];
    requiredIndustryPrefixes = required(rule, Field.INDUSTRY_CODE, req);
    industryLeaf = req[0];
    Program.Out out = new Program.Out();
    Program.encode(rule, out, new int[1], null, null, true);
    program = out.toArray();
  }

  /** A copy sharing everything, with the snapshot ordinal. */
  CompiledRule(CompiledRule o, int ordinal) {
    this.policyId = o.policyId;
    this.rule = o.rule;
    this.ordinal = ordinal;
    this.program = o.program;
    this.kind = o.kind;
    this.first = o.first;
    this.count = o.count;
    this.children = o.children;
    this.leafOf = o.leafOf;
    this.leaves = o.leaves;
    this.sourceLeaves = o.sourceLeaves;
    this.meta = o.meta;
    this.leafField = o.leafField;
    this.requiredRegionPrefixes = o.requiredRegionPrefixes;
    this.requiredIndustryPrefixes = o.requiredIndustryPrefixes;
    this.regionLeaf = o.regionLeaf;
    this.industryLeaf = o.industryLeaf;
  }

  /** Number of leaves. */
  int leafCount() {
    return leafField.length;
  }

  private static int flatten(Rule r, List<Byte> kinds, List<int[]> kids, List<Integer> leafIdx, List<Leaf> leafList) {
    int id = kinds.size();
    kinds.add(null);
    kids.add(null);
    leafIdx.add(-1);
    if (r instanceof Leaf l) {
      kinds.set(id, LEAF);
      kids.set(id, new int[0]);
      leafIdx.set(id, leafList.size());
      leafList.add(l);
      return id;
    }
    List<Rule> cs = r instanceof All a ? a.children() : r instanceof Any a ? a.children() : List.of(((Not) r).child());
    kinds.set(id, r instanceof All ? ALL : r instanceof Any ? ANY : NOT);
    int[] ids = new int[cs.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = flatten(cs.get(i), kinds, kids, leafIdx, leafList);
    }
    kids.set(id, ids);
    return id;
  }

  /**
   * The code values of the first top-level conjunct over {@code field} (prefix, eq or in), reduced
   * to a minimal set (no value covered by another), or null when there is none. A firm whose code
   * path holds none of them makes that leaf, hence the rule, FALSE. {@code leaf[0]} receives the
   * leaf when it is a prefix leaf (then TRUE for every firm whose path holds one of the values).
   */
  private static List<String> required(Rule rule, Field field, Leaf[] leaf) {
    leaf[0] = null;
    List<Rule> conjuncts = rule instanceof All a ? a.children() : List.of(rule);
    for (Rule c : conjuncts) {
      if (!(c instanceof Leaf l) || l.field() != field || l.op() == Op.EXISTS) {
        continue;
      }
      Set<String> minimal = new LinkedHashSet<>();
      for (String p : l.texts()) {
        boolean covered = false;
        for (String q : l.texts()) {
          if (!q.equals(p) && covers(field, q, p)) {
            covered = true;
            break;
          }
        }
        if (!covered) {
          minimal.add(p);
        }
      }
      if (l.op() == Op.PREFIX) {
        leaf[0] = l;
      }
      return List.copyOf(minimal);
    }
    return null;
  }

  private static boolean covers(Field field, String q, String p) {
    if (field == Field.INDUSTRY_CODE && q.length() == 1) {
      return p.length() > 1 && q.equals(IndustryCodes.standard().section(p).orElse(null));
    }
    return p.startsWith(q);
  }

  /** Truth of a node given the truth of every leaf. */
  byte evalFrom(int node, byte[] lt) {
    switch (kind[node]) {
      case LEAF:
        return lt[leafOf[node]];
      case NOT: {
        byte t = evalFrom(children[first[node]], lt);
        return t == U ? U : (byte) (1 - t);
      }
      case ALL: {
        boolean unknown = false;
        for (int i = first[node], end = i + count[node]; i < end; i++) {
          byte t = evalFrom(children[i], lt);
          if (t == F) {
            return F;
          }
          unknown |= t == U;
        }
        return unknown ? U : T;
      }
      default: {
        boolean unknown = false;
        for (int i = first[node], end = i + count[node]; i < end; i++) {
          byte t = evalFrom(children[i], lt);
          if (t == T) {
            return T;
          }
          unknown |= t == U;
        }
        return unknown ? U : F;
      }
    }
  }

  /**
   * Leaves whose single flip turns the whole rule TRUE, given a FALSE rule. Region and industry
   * leaves are never flipped: a firm cannot move or change its registered industry to qualify.
   * Leaves that are UNKNOWN are not flipped either.
   */
  int[] singleFlips(byte[] lt) {
    int from = 0;
    int to = leafField.length;
    if (kind[0] == ALL) {
      int bad = -1;
      for (int i = first[0], end = i + count[0]; i < end; i++) {
        if (evalFrom(children[i], lt) != T) {
          if (bad >= 0) {
            return NONE;
          }
          bad = children[i];
        }
      }
      if (bad < 0) {
        return NONE;
      }
      from = Integer.MAX_VALUE;
      to = -1;
      for (int node = bad, end = subtreeEnd(bad); node < end; node++) {
        if (kind[node] == LEAF) {
          from = Math.min(from, leafOf[node]);
          to = Math.max(to, leafOf[node] + 1);
        }
      }
    }
    int[] out = NONE;
    for (int i = from; i < to; i++) {
      byte t = lt[i];
      Field f = leafField[i];
      if (t == U || f == Field.REGION_CODE || f == Field.INDUSTRY_CODE) {
        continue;
      }
      lt[i] = (byte) (1 - t);
      if (evalFrom(0, lt) == T) {
        out = Arrays.copyOf(out, out.length + 1);
        out[out.length - 1] = i;
      }
      lt[i] = t;
    }
    return out;
  }

  private static final int[] NONE = new int[0];

  /** One past the last node id of the subtree rooted at {@code node} (pre-order numbering). */
  private int subtreeEnd(int node) {
    int n = node;
    while (kind[n] != LEAF) {
      n = children[first[n] + count[n] - 1];
    }
    return n + 1;
  }
}
