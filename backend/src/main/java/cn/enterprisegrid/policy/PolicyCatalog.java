package cn.enterprisegrid.policy;

import cn.enterprisegrid.policyindex.index.PolicyDocument;
import cn.enterprisegrid.policyindex.index.PolicyQuery;
import cn.enterprisegrid.policyindex.index.PolicySearchIndex;
import cn.enterprisegrid.policyindex.index.PolicySearchResult;
import cn.enterprisegrid.policyindex.match.LeafExplanation;
import cn.enterprisegrid.policyindex.match.PolicyMatcher;
import cn.enterprisegrid.policyindex.profile.Profile;
import cn.enterprisegrid.policyindex.rule.Verdict;
import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.rule.All;
import cn.enterprisegrid.policyindex.rule.Leaf;
import cn.enterprisegrid.policyindex.rule.Op;
import cn.enterprisegrid.policyindex.rule.Rule;

import java.io.Closeable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's view of the published policies, derived from Redis: their specs, the compiled
 * matcher (firm → policies) over the live ones, and the Chinese full-text search index. Kept
 * current by {@link PolicyFeed}; thread-safe; the search index is Lucene, so call {@link #search}
 * on a worker.
 */
public final class PolicyCatalog implements Closeable {
  private final Map<String, PolicySpec> specs = new ConcurrentHashMap<>();
  private final Map<String, PolicyStatus> statuses = new ConcurrentHashMap<>();
  private final PolicyMatcher matcher = new PolicyMatcher();
  private final Map<String, PolicyMatcher> singles = new ConcurrentHashMap<>();
  private final PolicySearchIndex search;

  public PolicyCatalog(PolicySearchIndex search) {
    this.search = search;
  }

  /** The live or closed published version of a policy. */
  public Optional<PolicySpec> spec(String id) {
    return Optional.ofNullable(specs.get(id));
  }

  /** PUBLISHED or CLOSED; empty when never published. */
  public Optional<PolicyStatus> status(String id) {
    return Optional.ofNullable(statuses.get(id));
  }

  /** The policies open to matching now (PUBLISHED). */
  public Collection<PolicySpec> live() {
    List<PolicySpec> out = new ArrayList<>();
    specs.forEach((id, s) -> {
      if (statuses.get(id) == PolicyStatus.PUBLISHED) {
        out.add(s);
      }
    });
    return out;
  }

  /** The compiled rules of the live policies. */
  public PolicyMatcher matcher() {
    return matcher;
  }

  /** The verdict of one published version (live or closed) for a firm. */
  public Verdict verdict(PolicySpec spec, Profile profile) {
    return single(spec).verdict(spec.id(), profile);
  }

  /** The per-leaf explanation of one published version for a firm, whatever the verdict. */
  public List<LeafExplanation> explain(PolicySpec spec, Profile profile) {
    return single(spec).explain(spec.id(), profile).orElse(List.of());
  }

  /** A matcher of just this version, compiled once: closed and superseded versions are not in the live one. */
  private PolicyMatcher single(PolicySpec spec) {
    return singles.computeIfAbsent(spec.id() + "@" + spec.version(), k -> {
      PolicyMatcher m = new PolicyMatcher();
      m.put(spec.id(), spec.rule());
      return m;
    });
  }

  /**
   * Policies that cannot be stacked with {@code spec}: its own exclusions and the published policies
   * that exclude it (exclusions bind both ways).
   */
  public Set<String> exclusionsOf(PolicySpec spec) {
    Set<String> out = new LinkedHashSet<>(spec.exclusions());
    specs.forEach((other, s) -> {
      if (s.exclusions().contains(spec.id())) {
        out.add(other);
      }
    });
    out.remove(spec.id());
    return out;
  }

  /** Applies the stored state of a policy (blocking: updates the search index). */
  void apply(StoredPolicy p) {
    if (!p.exists() || p.published() == null) {
      forget(p.id());
      return;
    }
    PolicySpec spec = p.published();
    specs.put(p.id(), spec);
    statuses.put(p.id(), p.status());
    if (p.status() == PolicyStatus.PUBLISHED) {
      matcher.put(p.id(), spec.rule());
    } else {
      matcher.remove(p.id());
    }
    search.upsert(document(spec, p.status(), p.fields().get("publishedAt")));
  }

  void forget(String id) {
    specs.remove(id);
    statuses.remove(id);
    matcher.remove(id);
    search.delete(id);
  }

  /** Makes the applied changes visible to searches (blocking). */
  void refresh(String lastChangeId) {
    search.commit(lastChangeId);
    search.refresh();
  }

  /** Searches the published policies (blocking: call on a worker). */
  public PolicySearchResult search(PolicyQuery q) {
    return search.search(q);
  }

  @Override
  public void close() {
    search.close();
  }

  private static PolicyDocument document(PolicySpec s, PolicyStatus status, String publishedAt) {
    return new PolicyDocument(s.id(), s.title(), s.json().getString("summary"), s.json().getString("body"),
        s.department(), s.json().getString("docNumber"), s.benefit().kind(), s.mode().name(), status.name(),
        regionPrefixes(s.rule()),
        publishedAt == null ? null : LocalDate.parse(publishedAt.substring(0, 10)));
  }

  /** The region prefixes a rule requires at its top level (a policy of one township, say). */
  private static List<String> regionPrefixes(Rule rule) {
    List<Rule> top = rule instanceof All all ? all.children() : List.of(rule);
    for (Rule r : top) {
      if (r instanceof Leaf l && l.field() == Field.REGION_CODE && (l.op() == Op.PREFIX || l.op() == Op.IN
          || l.op() == Op.EQ)) {
        return l.texts();
      }
    }
    return List.of();
  }
}
