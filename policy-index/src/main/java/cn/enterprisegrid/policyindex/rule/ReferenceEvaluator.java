package cn.enterprisegrid.policyindex.rule;

import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.profile.Profile;
import java.util.Set;

/**
 * The rule semantics, written as a plain tree walk to be obviously correct. It is the oracle the
 * faster engines are tested against and the baseline of the benchmark. Stateless and thread-safe.
 */
public final class ReferenceEvaluator {
  private ReferenceEvaluator() {}

  /** The verdict of a rule for a profile. */
  public static Verdict verdict(Rule rule, Profile profile) {
    return Verdict.of(evaluate(rule, profile));
  }

  /** Kleene truth of a rule for a profile. */
  public static Truth evaluate(Rule rule, Profile p) {
    if (rule instanceof All a) {
      Truth t = Truth.TRUE;
      for (Rule c : a.children()) {
        t = t.and(evaluate(c, p));
      }
      return t;
    }
    if (rule instanceof Any a) {
      Truth t = Truth.FALSE;
      for (Rule c : a.children()) {
        t = t.or(evaluate(c, p));
      }
      return t;
    }
    if (rule instanceof Not n) {
      return evaluate(n.child(), p).not();
    }
    return leaf((Leaf) rule, p);
  }

  /** Truth of one leaf. */
  public static Truth leaf(Leaf leaf, Profile p) {
    Field f = leaf.field();
    if (leaf.op() == Op.EXISTS) {
      return Truth.of(p.has(f));
    }
    if (!p.has(f)) {
      return Truth.UNKNOWN;
    }
    switch (f.type()) {
      case REGION_CODE, INDUSTRY_CODE, ENUM -> {
        String code = p.textOrNull(f);
        return switch (leaf.op()) {
          case EQ, IN -> Truth.of(leaf.texts().contains(code));
          case PREFIX -> Truth.of(leaf.texts().stream().anyMatch(v -> matchesPrefix(f, v, code, p)));
          default -> throw new IllegalStateException(leaf.toString());
        };
      }
      case TAGS -> {
        Set<String> tags = p.tagsOrNull(f);
        return switch (leaf.op()) {
          case HAS_ANY -> Truth.of(leaf.texts().stream().anyMatch(tags::contains));
          case HAS_ALL -> Truth.of(tags.containsAll(leaf.texts()));
          default -> throw new IllegalStateException(leaf.toString());
        };
      }
      default -> {
        double x = p.numberOrNaN(f);
        return switch (leaf.op()) {
          case EQ, IN -> Truth.of(leaf.numbers().stream().anyMatch(v -> x == v));
          case GTE -> Truth.of(x >= leaf.number());
          case GT -> Truth.of(x > leaf.number());
          case LTE -> Truth.of(x <= leaf.number());
          case LT -> Truth.of(x < leaf.number());
          case BETWEEN -> Truth.of(x >= leaf.numbers().get(0) && x <= leaf.numbers().get(1));
          default -> throw new IllegalStateException(leaf.toString());
        };
      }
    }
  }

  private static boolean matchesPrefix(Field f, String prefix, String code, Profile p) {
    if (f == Field.INDUSTRY_CODE && prefix.length() == 1 && Character.isLetter(prefix.charAt(0))) {
      return prefix.equals(p.derived().industrySection());
    }
    return code.startsWith(prefix);
  }
}
