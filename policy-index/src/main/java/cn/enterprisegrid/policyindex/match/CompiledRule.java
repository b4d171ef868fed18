package cn.enterprisegrid.policyindex.match;

import static cn.enterprisegrid.policyindex.match.CompiledLeaf.F;
import static cn.enterprisegrid.policyindex.match.CompiledLeaf.T;
import static cn.enterprisegrid.policyindex.match.CompiledLeaf.U;

import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.profile.Profile;
import cn.enterprisegrid.policyindex.rule.All;
import cn.enterprisegrid.policyindex.rule.Any;
import cn.enterprisegrid.policyindex.rule.Leaf;
import cn.enterprisegrid.policyindex.rule.Not;
import cn.enterprisegrid.policyindex.rule.Op;
import cn.enterprisegrid.policyindex.rule.Rule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A rule flattened into arrays (pre-order node ids) for evaluation without allocation. */
final class CompiledRule {
  static final byte LEAF = 0;
  static final byte ALL = 1;
  static final byte ANY = 2;
  static final byte NOT = 3;

  final String policyId;
  final Rule rule;
  final byte[] kind;
  final int[] first;
  final int[] count;
  final int[] children;
  final int[] leafOf;
  final CompiledLeaf[] leaves;
  final List<Leaf> sourceLeaves;
  final List<String> pointers;
  /** Prefixes of a region leaf every ELIGIBLE firm must match, or null when the rule has none. */
  final List<String> requiredRegionPrefixes;

  CompiledRule(String policyId, Rule rule) {
    this.policyId = policyId;
    this.rule = rule;
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
    pointers = rule.leafPointers();
    requiredRegionPrefixes = requiredRegion(rule);
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

  private static List<String> requiredRegion(Rule r) {
    List<Rule> conjuncts = r instanceof All a ? a.children() : List.of(r);
    for (Rule c : conjuncts) {
      if (c instanceof Leaf l && l.field() == Field.REGION_CODE && l.op() == Op.PREFIX) {
        Set<String> minimal = new LinkedHashSet<>();
        for (String p : l.texts()) {
          boolean covered = false;
          for (String q : l.texts()) {
            if (!q.equals(p) && p.startsWith(q)) {
              covered = true;
              break;
            }
          }
          if (!covered) {
            minimal.add(p);
          }
        }
        return List.copyOf(minimal);
      }
    }
    return null;
  }

  /** Truth of the rule, short-circuiting. */
  byte eval(Profile p) {
    return eval(0, p);
  }

  private byte eval(int node, Profile p) {
    switch (kind[node]) {
      case LEAF:
        return leaves[leafOf[node]].eval(p);
      case NOT: {
        byte t = eval(children[first[node]], p);
        return t == U ? U : (byte) (1 - t);
      }
      case ALL: {
        boolean unknown = false;
        for (int i = first[node], end = i + count[node]; i < end; i++) {
          byte t = eval(children[i], p);
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
          byte t = eval(children[i], p);
          if (t == T) {
            return T;
          }
          unknown |= t == U;
        }
        return unknown ? U : F;
      }
    }
  }

  /** Truth of every leaf. */
  byte[] leafTruths(Profile p) {
    byte[] out = new byte[leaves.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = leaves[i].eval(p);
    }
    return out;
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
   * Leaves whose single flip turns the whole rule TRUE, given a FALSE rule. Region leaves are never
   * flipped: a firm cannot move to qualify. Leaves that are UNKNOWN are not flipped either.
   */
  List<Integer> singleFlips(byte[] lt) {
    int from = 0;
    int to = leaves.length;
    if (kind[0] == ALL) {
      int bad = -1;
      for (int i = first[0], end = i + count[0]; i < end; i++) {
        if (evalFrom(children[i], lt) != T) {
          if (bad >= 0) {
            return List.of();
          }
          bad = children[i];
        }
      }
      if (bad < 0) {
        return List.of();
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
    List<Integer> out = new ArrayList<>(2);
    for (int i = from; i < to; i++) {
      byte t = lt[i];
      if (t == U || sourceLeaves.get(i).field() == Field.REGION_CODE) {
        continue;
      }
      lt[i] = (byte) (1 - t);
      if (evalFrom(0, lt) == T) {
        out.add(i);
      }
      lt[i] = t;
    }
    return out;
  }

  /** One past the last node id of the subtree rooted at {@code node} (pre-order numbering). */
  private int subtreeEnd(int node) {
    int n = node;
    while (kind[n] != LEAF) {
      n = children[first[n] + count[n] - 1];
    }
    return n + 1;
  }
}
