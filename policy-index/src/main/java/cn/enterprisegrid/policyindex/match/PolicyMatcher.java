package cn.enterprisegrid.policyindex.match;

import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.profile.Profile;
import cn.enterprisegrid.policyindex.rule.Rule;
import cn.enterprisegrid.policyindex.rule.Verdict;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Firm → policies: compiled rules evaluated against one {@link Profile} with the same Kleene
 * semantics as {@link cn.enterprisegrid.policyindex.rule.ReferenceEvaluator}.
 *
 * <p>Rules are registered by policy id; every change publishes a new immutable snapshot
 * (copy-on-write), so matching never locks and always sees a consistent set of rules. Rules whose
 * top-level conjunction contains a {@code regionCode prefix} leaf are indexed by those prefixes and
 * only evaluated for firms inside them (a firm with no region code is evaluated against every
 * rule). Thread-safe.
 */
public final class PolicyMatcher {

  /** Receives verdicts in bulk mode. */
  @FunctionalInterface
  public interface VerdictSink {
    /** Called once per policy that is ELIGIBLE or UNKNOWN for the firm. */
    void accept(String policyId, Verdict verdict);
  }

  private final boolean prefilter;
  private volatile Snapshot snapshot = Snapshot.EMPTY;

  /** A matcher with the region pre-filter on. */
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
    Map<String, CompiledRule> next = new LinkedHashMap<>(snapshot.byId);
    next.put(Objects.requireNonNull(policyId, "policyId"), new CompiledRule(policyId, Objects.requireNonNull(rule, "rule")));
    snapshot = new Snapshot(next, prefilter);
  }

  /** Registers or replaces many rules at once (one snapshot). */
  public synchronized void putAll(Map<String, ? extends Rule> rules) {
    Map<String, CompiledRule> next = new LinkedHashMap<>(snapshot.byId);
    rules.forEach((id, r) -> next.put(Objects.requireNonNull(id), new CompiledRule(id, Objects.requireNonNull(r))));
    snapshot = new Snapshot(next, prefilter);
  }

  /** Removes a policy; returns whether it was registered. */
  public synchronized boolean remove(String policyId) {
    if (!snapshot.byId.containsKey(policyId)) {
      return false;
    }
    Map<String, CompiledRule> next = new LinkedHashMap<>(snapshot.byId);
    next.remove(policyId);
    snapshot = new Snapshot(next, prefilter);
    return true;
  }

  /** Removes every policy. */
  public synchronized void clear() {
    snapshot = Snapshot.EMPTY;
  }

  /** Number of registered policies. */
  public int size() {
    return snapshot.byId.size();
  }

  /** The registered rule of a policy. */
  public Optional<Rule> rule(String policyId) {
    CompiledRule r = snapshot.byId.get(policyId);
    return r == null ? Optional.empty() : Optional.of(r.rule);
  }

  /**
   * Every policy that is ELIGIBLE or UNKNOWN for the firm, with per-leaf explanations, and the
   * near misses: INELIGIBLE policies that one flipped leaf (never a regionCode leaf, never an
   * UNKNOWN leaf) would make ELIGIBLE, with their gaps.
   */
  public Matches match(Profile profile) {
    return match(profile, true);
  }

  /** As {@link #match(Profile)}, optionally without near misses (cheaper). */
  public Matches match(Profile profile, boolean nearMisses) {
    Snapshot s = snapshot;
    List<PolicyMatch> eligible = new ArrayList<>();
    List<PolicyMatch> unknown = new ArrayList<>();
    List<NearMiss> misses = new ArrayList<>();
    s.forCandidates(profile, r -> {
      byte t = r.eval(profile);
      if (t != CompiledLeaf.F) {
        byte[] lt = r.leafTruths(profile);
        PolicyMatch m = new PolicyMatch(r.policyId, t == CompiledLeaf.T ? Verdict.ELIGIBLE : Verdict.UNKNOWN,
            Explainer.explain(r, lt, profile));
        (t == CompiledLeaf.T ? eligible : unknown).add(m);
      } else if (nearMisses) {
        byte[] lt = r.leafTruths(profile);
        List<Integer> flips = r.singleFlips(lt);
        if (!flips.isEmpty()) {
          List<Gap> gaps = new ArrayList<>(flips.size());
          for (int i : flips) {
            gaps.add(Explainer.gap(r, i, lt[i], profile));
          }
          misses.add(new NearMiss(r.policyId, gaps, Explainer.explain(r, lt, profile)));
        }
      }
    });
    Comparator<PolicyMatch> byId = Comparator.comparing(PolicyMatch::policyId);
    eligible.sort(byId);
    unknown.sort(byId);
    eligible.addAll(unknown);
    misses.sort(Comparator.comparing(NearMiss::policyId));
    return new Matches(profile.uscc(), eligible, misses);
  }

  /** Bulk mode: reports only the policies that are ELIGIBLE or UNKNOWN, without explanations. */
  public void verdicts(Profile profile, VerdictSink sink) {
    snapshot.forCandidates(profile, r -> {
      byte t = r.eval(profile);
      if (t != CompiledLeaf.F) {
        sink.accept(r.policyId, t == CompiledLeaf.T ? Verdict.ELIGIBLE : Verdict.UNKNOWN);
      }
    });
  }

  /** The verdict of one policy (INELIGIBLE when the policy is not registered). */
  public Verdict verdict(String policyId, Profile profile) {
    CompiledRule r = snapshot.byId.get(policyId);
    if (r == null) {
      return Verdict.INELIGIBLE;
    }
    byte t = r.eval(profile);
    return t == CompiledLeaf.T ? Verdict.ELIGIBLE : t == CompiledLeaf.U ? Verdict.UNKNOWN : Verdict.INELIGIBLE;
  }

  /** Per-leaf explanation of one registered policy for a firm, whatever its verdict. */
  public Optional<List<LeafExplanation>> explain(String policyId, Profile profile) {
    CompiledRule r = snapshot.byId.get(policyId);
    return r == null ? Optional.empty() : Optional.of(Explainer.explain(r, r.leafTruths(profile), profile));
  }

  /** An immutable set of compiled rules with the region buckets. */
  private static final class Snapshot {
    static final Snapshot EMPTY = new Snapshot(Map.of(), true);

    final Map<String, CompiledRule> byId;
    final CompiledRule[] all;
    final CompiledRule[] unbucketed;
    final Map<String, CompiledRule[]> buckets;
    final boolean prefilter;

    Snapshot(Map<String, CompiledRule> byId, boolean prefilter) {
      this.byId = byId;
      this.prefilter = prefilter;
      Collection<CompiledRule> rules = byId.values();
      this.all = rules.toArray(CompiledRule[]::new);
      List<CompiledRule> global = new ArrayList<>();
      Map<String, List<CompiledRule>> b = new HashMap<>();
      for (CompiledRule r : rules) {
        if (!prefilter || r.requiredRegionPrefixes == null) {
          global.add(r);
        } else {
          for (String p : r.requiredRegionPrefixes) {
            b.computeIfAbsent(p, k -> new ArrayList<>()).add(r);
          }
        }
      }
      this.unbucketed = global.toArray(CompiledRule[]::new);
      Map<String, CompiledRule[]> frozen = new HashMap<>();
      b.forEach((k, v) -> frozen.put(k, v.toArray(CompiledRule[]::new)));
      this.buckets = frozen;
    }

    interface RuleVisitor {
      void visit(CompiledRule r);
    }

    void forCandidates(Profile p, RuleVisitor v) {
      List<String> path = p.codePath(Field.REGION_CODE);
      if (!prefilter || path.isEmpty()) {
        for (CompiledRule r : all) {
          v.visit(r);
        }
        return;
      }
      for (CompiledRule r : unbucketed) {
        v.visit(r);
      }
      for (int i = 0, n = path.size(); i < n; i++) {
        CompiledRule[] bucket = buckets.get(path.get(i));
        if (bucket != null) {
          for (CompiledRule r : bucket) {
            v.visit(r);
          }
        }
      }
    }
  }
}
