package cn.enterprisegrid.policyindex.match;

import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.profile.Profile;
import cn.enterprisegrid.policyindex.rule.Leaf;
import cn.enterprisegrid.policyindex.rule.ReferenceEvaluator;
import cn.enterprisegrid.policyindex.rule.Rule;
import cn.enterprisegrid.policyindex.rule.Verdict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Firm → policies: compiled rules evaluated against one {@link Profile} with the same Kleene
 * semantics as {@link ReferenceEvaluator}.
 *
 * <p>Rules are registered by policy id; every change publishes a new immutable snapshot
 * (copy-on-write, O(number of rules), so prefer {@link #putAll} for bulk loads), and matching never
 * locks and always sees a consistent set of rules. Rules whose top-level conjunction holds a
 * regionCode or industryCode leaf (prefix, eq or in) are bucketed by those codes and only evaluated
 * for firms whose code path holds one of them; each bucket is one flat array of encoded programs
 * scanned sequentially. Region and industry leaves are never flipped for near misses, so the
 * skipped rules are exactly the INELIGIBLE ones that are not near misses. Explanations and gaps are
 * built once per firm and distinct leaf and shared by the rules that repeat it (see {@link
 * LeafSlots}). Thread-safe.
 */
public final class PolicyMatcher {

  /** Receives verdicts in bulk mode. */
  @FunctionalInterface
  public interface VerdictSink {
    /** Called once per policy that is ELIGIBLE or UNKNOWN for the firm. */
    void accept(String policyId, Verdict verdict);
  }

  private final boolean prefilter;
  private final Map<String, CompiledRule> compiled = new LinkedHashMap<>();
  private volatile Snapshot snapshot = Snapshot.EMPTY;

  /** A matcher with the region/industry pre-filter on. */
  public PolicyMatcher() {
    this(true);
  }

  private PolicyMatcher(boolean prefilter) {
    this.prefilter = prefilter;
  }

  /** A matcher that evaluates every rule for every firm (for measurement). */
  public static PolicyMatcher withoutPrefilter() {
    return new PolicyMatcher(false);
  }

  /** Registers or replaces the rule of a policy. */
  public synchronized void put(String policyId, Rule rule) {
    compiled.put(Objects.requireNonNull(policyId, "policyId"), new CompiledRule(policyId, Objects.requireNonNull(rule, "rule")));
    snapshot = new Snapshot(compiled, prefilter);
  }

  /** Registers or replaces many rules at once (one snapshot). */
  public synchronized void putAll(Map<String, ? extends Rule> rules) {
    rules.forEach((id, r) -> compiled.put(Objects.requireNonNull(id), new CompiledRule(id, Objects.requireNonNull(r))));
    snapshot = new Snapshot(compiled, prefilter);
  }

  /** Removes a policy; returns whether it was registered. */
  public synchronized boolean remove(String policyId) {
    if (compiled.remove(policyId) == null) {
      return false;
    }
    snapshot = new Snapshot(compiled, prefilter);
    return true;
  }

  /** Removes every policy. */
  public synchronized void clear() {
    compiled.clear();
    snapshot = Snapshot.EMPTY;
  }

  /** Number of registered policies. */
  public int size() {
    return snapshot.all.length;
  }

  /** The registered rule of a policy. */
  public Optional<Rule> rule(String policyId) {
    CompiledRule r = snapshot.byId.get(policyId);
    return r == null ? Optional.empty() : Optional.of(r.rule);
  }

  /**
   * Every policy that is ELIGIBLE or UNKNOWN for the firm, with per-leaf explanations, and the
   * near misses: INELIGIBLE policies that one flipped leaf would make ELIGIBLE, with their gaps.
   * Leaves over regionCode and industryCode are never flipped (a firm cannot move or change its
   * registered industry to qualify), nor are UNKNOWN leaves. Explanation values ({@code have},
   * {@code need}) are shared JSON nodes: treat them as read-only. {@link LeafExplanation} and
   * {@link Gap} instances may be shared between the policies of one answer (they are immutable;
   * compare them with {@code equals}, not identity).
   */
  public Matches match(Profile profile) {
    return match(profile, true);
  }

  /** As {@link #match(Profile)}, optionally without near misses (cheaper). */
  public Matches match(Profile profile, boolean nearMisses) {
    Snapshot s = snapshot;
    Program.Firm firm = new Program.Firm(profile);
    ExplanationMemo memo = ExplanationMemo.begin(s.slots);
    Hits hits = memo.hits;
    // Pass 1: scan the candidate arenas; for each rule that is not plainly FALSE, record its leaf
    // truths now, from the bucket's program that was just read (left-out requirement leaves are
    // TRUE for the bucket's firms), so that pass 2 never touches the rules' own objects.
    long[][] arenas = memo.arenas;
    int arenaCount = s.arenas(firm, arenas);
    CompiledRule[] all = s.all;
    for (int k = 0; k < arenaCount; k++) {
      long[] a = arenas[k];
      for (int pos = 0; pos < a.length; pos += (int) a[pos + 1]) {
        int ordinal = (int) a[pos];
        CompiledRule r = all[ordinal];
        int prog = pos + 2;
        int t;
        if (nearMisses) {
          t = evalWithHint(a, prog, firm, r);
          if (t >= 0) {
            hits.add(ordinal, F_ONE, t); // one FALSE leaf conjunct: its leaf number
            continue;
          }
          if (t == HINT_F) {
            continue;
          }
        } else {
          byte v = Program.eval(a, prog, firm, r);
          if (v == CompiledLeaf.F) {
            continue;
          }
          t = v == CompiledLeaf.T ? HINT_T : HINT_U;
        }
        int n = s.slots.leafCount(ordinal);
        int off = memo.truths(n);
        byte[] lt = memo.truths;
        Arrays.fill(lt, off, off + n, CompiledLeaf.T);
        Program.leafTruths(a, prog, firm, r, lt, off);
        hits.add(ordinal, (byte) (t == HINT_T ? CompiledLeaf.T : t == HINT_U ? CompiledLeaf.U : F_CLOSE), off);
      }
    }
    hits.sort();
    // Pass 2: the answer, in policy id order.
    Explainer.Haves haves = new Explainer.Haves(profile);
    LeafSlots slots = s.slots;
    byte[] truths = memo.truths;
    List<PolicyMatch> eligible = new ArrayList<>(hits.size());
    List<PolicyMatch> unknown = new ArrayList<>();
    List<NearMiss> misses = new ArrayList<>();
    for (int k = 0, size = hits.size(); k < size; k++) {
      int ordinal = hits.ordinal(k);
      byte t = hits.truth(k);
      if (t == F_ONE) {
        int slot = slots.slotOf[slots.firstLeaf[ordinal] + hits.arg(k)];
        Field f = slots.leaf[slot].field();
        if (f != Field.REGION_CODE && f != Field.INDUSTRY_CODE) {
          Gap g = Explainer.gap(slots, slot, CompiledLeaf.F, profile, haves, memo);
          misses.add(new NearMiss(s.ids[ordinal], FrozenList.of(new Gap[] {g})));
        }
        continue;
      }
      int off = hits.arg(k);
      if (t == CompiledLeaf.T || t == CompiledLeaf.U) {
        PolicyMatch m = new PolicyMatch(s.ids[ordinal], t == CompiledLeaf.T ? Verdict.ELIGIBLE : Verdict.UNKNOWN,
            Explainer.explain(slots, ordinal, truths, off, haves, memo));
        (t == CompiledLeaf.T ? eligible : unknown).add(m);
        continue;
      }
      int n = slots.leafCount(ordinal);
      byte[] lt = Arrays.copyOfRange(truths, off, off + n);
      int[] flips = all[ordinal].singleFlips(lt);
      if (flips.length > 0) {
        int first = slots.firstLeaf[ordinal];
        Gap[] gaps = new Gap[flips.length];
        for (int i = 0; i < gaps.length; i++) {
          gaps[i] = Explainer.gap(slots, slots.slotOf[first + flips[i]], lt[flips[i]], profile, haves, memo);
        }
        misses.add(new NearMiss(s.ids[ordinal], FrozenList.of(gaps)));
      }
    }
    eligible.addAll(unknown);
    return new Matches(profile.uscc(), FrozenList.of(eligible.toArray(PolicyMatch[]::new)),
        FrozenList.of(misses.toArray(NearMiss[]::new)));
  }

  /** Hit kind: FALSE, and the only top-level conjunct that is not TRUE is one FALSE leaf. */
  private static final byte F_ONE = 4;
  /** Marker for a FALSE rule in which at most one top-level conjunct is not TRUE (a possible near miss). */
  private static final byte F_CLOSE = 3;
  private static final int HINT_T = -1;
  private static final int HINT_U = -2;
  private static final int HINT_F = -3;
  private static final int HINT_F_CLOSE = -4;

  /**
   * Truth of a program with a near-miss hint: HINT_T, HINT_U, HINT_F (not a near miss), HINT_F_CLOSE
   * (FALSE; one flipped leaf might make it TRUE), or, when the only non-TRUE top-level conjunct is a
   * FALSE leaf, that leaf's number (≥ 0).
   */
  private static int evalWithHint(long[] a, int pos, Program.Firm firm, CompiledRule r) {
    if (a[pos] != Program.ALL) {
      byte t = Program.eval(a, pos, firm, r);
      if (t == CompiledLeaf.F) {
        return Program.isLeaf(a, pos) ? Program.leafIndex(a, pos) : HINT_F_CLOSE;
      }
      return t == CompiledLeaf.T ? HINT_T : HINT_U;
    }
    int n = (int) a[pos + 2];
    int p = pos + 3;
    int nonTrue = 0;
    int failing = -1;
    boolean isFalse = false;
    boolean unknown = false;
    for (int i = 0; i < n; i++) {
      byte t = Program.eval(a, p, firm, r);
      if (t != CompiledLeaf.T) {
        nonTrue++;
        if (t == CompiledLeaf.F) {
          isFalse = true;
          failing = p;
        } else {
          unknown = true;
        }
        if (isFalse && nonTrue >= 2) {
          return HINT_F;
        }
      }
      p += (int) a[p + 1];
    }
    if (isFalse) {
      return Program.isLeaf(a, failing) ? Program.leafIndex(a, failing) : HINT_F_CLOSE;
    }
    return unknown ? HINT_U : HINT_T;
  }

  /** Bulk mode: reports only the policies that are ELIGIBLE or UNKNOWN, without explanations. */
  public void verdicts(Profile profile, VerdictSink sink) {
    Snapshot s = snapshot;
    Program.Firm firm = new Program.Firm(profile);
    long[][] arenas = new long[32][];
    for (int k = 0, n = s.arenas(firm, arenas); k < n; k++) {
      long[] a = arenas[k];
      for (int pos = 0; pos < a.length; pos += (int) a[pos + 1]) {
        CompiledRule r = s.all[(int) a[pos]];
        byte t = Program.eval(a, pos + 2, firm, r);
        if (t != CompiledLeaf.F) {
          sink.accept(r.policyId, t == CompiledLeaf.T ? Verdict.ELIGIBLE : Verdict.UNKNOWN);
        }
      }
    }
  }

  /** Number of rules the pre-filter lets through for this firm (for measurement). */
  int candidates(Profile profile) {
    Snapshot s = snapshot;
    long[][] arenas = new long[32][];
    int count = 0;
    for (int k = 0, n = s.arenas(new Program.Firm(profile), arenas); k < n; k++) {
      for (int pos = 0; pos < arenas[k].length; pos += (int) arenas[k][pos + 1]) {
        count++;
      }
    }
    return count;
  }

  /** The verdict of one policy (INELIGIBLE when the policy is not registered). */
  public Verdict verdict(String policyId, Profile profile) {
    CompiledRule r = snapshot.byId.get(policyId);
    if (r == null) {
      return Verdict.INELIGIBLE;
    }
    byte t = Program.eval(r.program, 0, new Program.Firm(profile), r);
    return t == CompiledLeaf.T ? Verdict.ELIGIBLE : t == CompiledLeaf.U ? Verdict.UNKNOWN : Verdict.INELIGIBLE;
  }

  /** Per-leaf explanation of one registered policy for a firm, whatever its verdict. */
  public Optional<List<LeafExplanation>> explain(String policyId, Profile profile) {
    Snapshot s = snapshot;
    CompiledRule r = s.byId.get(policyId);
    if (r == null) {
      return Optional.empty();
    }
    ExplanationMemo memo = ExplanationMemo.begin(s.slots);
    int off = memo.truths(r.leafCount());
    Program.leafTruths(r.program, 0, new Program.Firm(profile), r, memo.truths, off);
    return Optional.of(Explainer.explain(s.slots, r.ordinal, memo.truths, off, new Explainer.Haves(profile), memo));
  }

  /**
   * An immutable set of compiled rules. Rules are bucketed by the region and industry codes their
   * top-level conjunction requires ({@code "*"} when none); each bucket is one array of encoded
   * entries {@code [ordinal, length, program...]}, where the requirement leaves that every firm of
   * the bucket satisfies are left out.
   */
  private static final class Snapshot {
    static final Snapshot EMPTY = new Snapshot(Map.of(), true);
    private static final String ANY = "*";
    private static final List<String> ANY_ONLY = List.of(ANY);

    final Map<String, CompiledRule> byId;
    final CompiledRule[] all;
    /** Policy ids by ordinal (one contiguous array for the answer-building pass). */
    final String[] ids;
    /** The distinct leaves of {@link #all}, for {@link ExplanationMemo}. */
    final LeafSlots slots;
    final boolean prefilter;
    /** Every rule, whole (firms without region and industry, or no pre-filter). */
    final long[] allArena;
    /** region key → industry key → arena. */
    final Map<String, Map<String, long[]>> byRegionIndustry;
    /** For firms without a region code: industry key → arena. */
    final Map<String, long[]> byIndustry;
    /** For firms without an industry code: region key → arena. */
    final Map<String, long[]> byRegion;

    Snapshot(Map<String, CompiledRule> rules, boolean prefilter) {
      this.prefilter = prefilter;
      List<CompiledRule> sorted = new ArrayList<>(rules.values());
      sorted.sort(Comparator.comparing(r -> r.policyId));
      all = new CompiledRule[sorted.size()];
      Map<String, CompiledRule> ids = new HashMap<>();
      for (int i = 0; i < all.length; i++) {
        all[i] = new CompiledRule(sorted.get(i), i);
        ids.put(all[i].policyId, all[i]);
      }
      byId = ids;
      this.ids = new String[all.length];
      for (int i = 0; i < all.length; i++) {
        this.ids[i] = all[i].policyId;
      }
      slots = new LeafSlots(all);
      Program.Out whole = new Program.Out();
      Map<String, Map<String, Program.Out>> both = new HashMap<>();
      Map<String, Program.Out> ind = new HashMap<>();
      Map<String, Program.Out> reg = new HashMap<>();
      for (CompiledRule r : all) {
        add(whole, r, null, null);
        if (!prefilter) {
          continue;
        }
        List<String> rs = r.requiredRegionPrefixes == null ? ANY_ONLY : r.requiredRegionPrefixes;
        List<String> is = r.requiredIndustryPrefixes == null ? ANY_ONLY : r.requiredIndustryPrefixes;
        for (String rk : rs) {
          Leaf omitRegion = rk.equals(ANY) ? null : r.regionLeaf;
          for (String ik : is) {
            Leaf omitIndustry = ik.equals(ANY) ? null : r.industryLeaf;
            add(both.computeIfAbsent(rk, k -> new HashMap<>()).computeIfAbsent(ik, k -> new Program.Out()), r,
                omitRegion, omitIndustry);
          }
          add(reg.computeIfAbsent(rk, k -> new Program.Out()), r, omitRegion, null);
        }
        for (String ik : is) {
          add(ind.computeIfAbsent(ik, k -> new Program.Out()), r, null, ik.equals(ANY) ? null : r.industryLeaf);
        }
      }
      allArena = whole.toArray();
      Map<String, Map<String, long[]>> frozen = new HashMap<>();
      both.forEach((k, v) -> frozen.put(k, freeze(v)));
      byRegionIndustry = frozen;
      byIndustry = freeze(ind);
      byRegion = freeze(reg);
    }

    private static void add(Program.Out out, CompiledRule r, Leaf omitA, Leaf omitB) {
      int start = out.n;
      out.add(r.ordinal);
      out.add(0);
      Program.encode(r.rule, out, new int[1], omitA, omitB, true);
      out.a[start + 1] = out.n - start;
    }

    private static Map<String, long[]> freeze(Map<String, Program.Out> m) {
      Map<String, long[]> out = new HashMap<>();
      m.forEach((k, v) -> out.put(k, v.toArray()));
      return out;
    }

    /**
     * Puts the arenas the firm must scan into {@code out} (at most 30: the "any region" and five
     * region levels, each with "any industry" and four industry levels); returns how many.
     */
    int arenas(Program.Firm firm, long[][] out) {
      if (!prefilter || (!firm.hasRegion && !firm.hasIndustry)) {
        out[0] = allArena;
        return allArena.length == 0 ? 0 : 1;
      }
      List<String> region = firm.profile.codePath(Field.REGION_CODE);
      List<String> industry = firm.profile.codePath(Field.INDUSTRY_CODE);
      if (!firm.hasRegion) {
        return add(byIndustry, industry, out, 0);
      }
      if (!firm.hasIndustry) {
        return add(byRegion, region, out, 0);
      }
      int n = 0;
      Map<String, long[]> anyRegion = byRegionIndustry.get(ANY);
      if (anyRegion != null) {
        n = add(anyRegion, industry, out, n);
      }
      for (int i = 0, size = region.size(); i < size; i++) {
        Map<String, long[]> m = byRegionIndustry.get(region.get(i));
        if (m != null) {
          n = add(m, industry, out, n);
        }
      }
      return n;
    }

    private static int add(Map<String, long[]> m, List<String> keys, long[][] out, int n) {
      long[] a = m.get(ANY);
      if (a != null) {
        out[n++] = a;
      }
      for (int i = 0, size = keys.size(); i < size; i++) {
        a = m.get(keys.get(i));
        if (a != null) {
          out[n++] = a;
        }
      }
      return n;
    }
  }
}
