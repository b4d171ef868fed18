package cn.enterprisegrid.policyindex.match;

import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.profile.FieldType;
import cn.enterprisegrid.policyindex.profile.Profile;
import cn.enterprisegrid.policyindex.profile.Years;
import cn.enterprisegrid.policyindex.rule.Leaf;
import cn.enterprisegrid.policyindex.rule.Op;
import cn.enterprisegrid.policyindex.rule.Truth;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Builds leaf explanations and near-miss gaps. */
final class Explainer {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Explainer() {}

  /** The firm's values as JSON, computed once per firm and shared by all its explanations. */
  static final class Haves {
    private final Profile profile;
    private final JsonNode[] values = new JsonNode[Field.values().length];
    private final boolean[] done = new boolean[values.length];

    Haves(Profile profile) {
      this.profile = profile;
    }

    JsonNode get(Field f) {
      int i = f.ordinal();
      if (!done[i]) {
        values[i] = have(profile, f);
        done[i] = true;
      }
      return values[i];
    }
  }

  /**
   * The explanation of every leaf of the rule with snapshot ordinal {@code ordinal}, given their
   * truths in {@code truths[off...]}; each distinct leaf is built once per firm and shared through
   * {@code memo}.
   */
  static List<LeafExplanation> explain(LeafSlots slots, int ordinal, byte[] truths, int off, Haves haves,
      ExplanationMemo memo) {
    int first = slots.firstLeaf[ordinal];
    int n = slots.firstLeaf[ordinal + 1] - first;
    LeafExplanation[] out = new LeafExplanation[n];
    int[] slotOf = slots.slotOf;
    for (int i = 0; i < n; i++) {
      int slot = slotOf[first + i];
      byte t = truths[off + i];
      if (t == CompiledLeaf.U) {
        out[i] = slots.unknown[slot];
        continue;
      }
      LeafExplanation e = memo.explanation(slot);
      if (e == null) {
        Leaf l = slots.leaf[slot];
        Field f = l.field();
        e = new LeafExplanation(slots.pointer[slot], f, l.op(), truth(t), haves.get(f), slots.need[slot], l.clause());
        memo.explanation(slot, e);
      }
      out[i] = e;
    }
    return FrozenList.of(out);
  }

  static Truth truth(byte b) {
    return b == CompiledLeaf.T ? Truth.TRUE : b == CompiledLeaf.F ? Truth.FALSE : Truth.UNKNOWN;
  }

  /** The firm's value of a field as JSON, or null when missing. */
  static JsonNode have(Profile p, Field f) {
    if (!p.has(f)) {
      return null;
    }
    return switch (f.type()) {
      case INTEGER -> NODES.numberNode((long) p.numberOrNaN(f));
      case DECIMAL -> number(p.numberOrNaN(f));
      case TAGS -> {
        String[] tags = p.tagsOrNull(f).toArray(new String[0]);
        Arrays.sort(tags);
        ArrayNode a = NODES.arrayNode(tags.length);
        for (String t : tags) {
          a.add(t);
        }
        yield a;
      }
      default -> NODES.textNode(p.textOrNull(f));
    };
  }

  private static JsonNode number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
      return NODES.numberNode((long) d);
    }
    return NODES.numberNode(d);
  }

  /**
   * The gap of one leaf (by leaf slot) whose flip makes the rule eligible, built once per firm and
   * leaf slot (the message once per condition) and shared through {@code memo}.
   *
   * @param truth the leaf's current truth (TRUE means the leaf must become FALSE)
   */
  static Gap gap(LeafSlots slots, int slot, byte truth, Profile p, Haves haves, ExplanationMemo memo) {
    Gap g = memo.gap(slot);
    if (g != null) {
      return g;
    }
    Leaf l = slots.leaf[slot];
    boolean negated = truth == CompiledLeaf.T;
    int condition = slots.condition[slot];
    GapText t = memo.text(condition);
    if (t == null) {
      t = text(l, negated, p);
      memo.text(condition, t);
    }
    Field f = l.field();
    g = new Gap(slots.pointer[slot], f, l.op(), negated, haves.get(f), slots.need[slot], t.shortBy(), t.eligibleFrom(),
        t.missing(), t.message(), l.clause());
    memo.gap(slot, g);
    return g;
  }

  /** What a gap says, from the condition, the direction of the flip and the firm alone. */
  static GapText text(Leaf l, boolean negated, Profile p) {
    Field f = l.field();
    String name = f.jsonName();
    if (l.op() == Op.EXISTS) {
      String msg = negated ? name + " must be absent" : name + " not reported";
      return new GapText(null, null, null, msg);
    }
    FieldType type = f.type();
    if (type.isNumeric()) {
      return numericGap(l, negated, p);
    }
    if (type == FieldType.TAGS) {
      Set<String> tags = p.tagsOrNull(f);
      List<String> missing = new ArrayList<>();
      String msg;
      if (!negated) {
        for (String t : l.texts()) {
          if (!tags.contains(t)) {
            missing.add(t);
          }
        }
        if (l.op() == Op.HAS_ALL) {
          msg = (missing.size() == 1 ? "tag " : "tags ") + String.join(", ", missing) + " missing";
        } else {
          msg = "needs one of tags " + String.join(", ", missing);
        }
      } else {
        List<String> offending = l.texts().stream().filter(tags::contains).toList();
        msg = l.op() == Op.HAS_ANY
            ? "must not have " + (offending.size() == 1 ? "tag " : "tags ") + String.join(", ", offending)
            : "must not have all of tags " + String.join(", ", l.texts());
      }
      return new GapText(null, null, negated ? null : missing, msg);
    }
    String value = p.textOrNull(f);
    String list = String.join(", ", l.texts());
    String msg;
    if (negated) {
      msg = name + " must not be " + (l.op() == Op.PREFIX ? "in " : "") + list + " (is " + value + ")";
    } else if (l.op() == Op.PREFIX) {
      msg = name + " " + value + " not in " + list;
    } else {
      msg = name + " must be " + (l.texts().size() > 1 ? "one of " : "") + list + " (is " + value + ")";
    }
    return new GapText(null, null, null, msg);
  }

  private static GapText numericGap(Leaf l, boolean negated, Profile p) {
    Field f = l.field();
    String name = f.jsonName();
    double x = p.numberOrNaN(f);
    boolean integer = f.type() == FieldType.INTEGER;
    Op op = l.op();
    if (op == Op.EQ || op == Op.IN) {
      String vals = l.numbers().stream().map(Explainer::fmt).reduce((a, b) -> a + ", " + b).orElse("");
      String msg = name + (negated ? " must not be " : " must be ") + (l.numbers().size() > 1 ? "one of " : "") + vals
          + " (have " + fmt(x) + ")";
      return new GapText(null, null, null, msg);
    }
    if (op == Op.BETWEEN) {
      double lo = l.numbers().get(0);
      double hi = l.numbers().get(1);
      if (!negated) {
        return x < lo ? bound(Op.GTE, lo, l, p) : bound(Op.LTE, hi, l, p);
      }
      double down = x - lo + (integer ? 1 : 0);
      double up = hi - x + (integer ? 1 : 0);
      double shortBy = Math.min(down, up);
      String msg = name + " must be outside [" + fmt(lo) + ", " + fmt(hi) + "] (have " + fmt(x) + ")";
      return new GapText(shortBy, null, null, msg);
    }
    Op wanted = negated ? switch (op) {
      case GTE -> Op.LT;
      case GT -> Op.LTE;
      case LTE -> Op.GT;
      default -> Op.GTE;
    } : op;
    return bound(wanted, l.number(), l, p);
  }

  /** Gap for "value must satisfy {@code wanted v}" where it currently does not. */
  private static GapText bound(Op wanted, double v, Leaf l, Profile p) {
    Field f = l.field();
    String name = f.jsonName();
    double x = p.numberOrNaN(f);
    boolean integer = f.type() == FieldType.INTEGER;
    double shortBy;
    String msg;
    LocalDate from = null;
    switch (wanted) {
      case GTE, GT -> {
        double target = wanted == Op.GT && integer ? v + 1 : v;
        shortBy = target - x;
        if (f == Field.YEARS_SINCE_ESTABLISHED && p.establishedOn() != null) {
          from = Years.reachedOn(p.establishedOn(), (int) target);
          msg = "eligible from " + from + " (" + fmt(x) + " years since establishment, needs " + fmt(target) + ")";
        } else if (wanted == Op.GT && !integer) {
          msg = name + " must exceed " + fmt(v) + " (have " + fmt(x) + ")";
        } else {
          msg = name + " " + fmt(shortBy) + " short of " + fmt(target);
        }
      }
      default -> {
        double target = wanted == Op.LT && integer ? v - 1 : v;
        shortBy = x - target;
        if (f == Field.YEARS_SINCE_ESTABLISHED) {
          msg = "established " + fmt(x) + " years ago, the limit is " + fmt(target);
        } else if (wanted == Op.LT && !integer) {
          msg = name + " must be below " + fmt(v) + " (have " + fmt(x) + ")";
        } else {
          msg = name + " " + fmt(shortBy) + " over the limit of " + fmt(target);
        }
      }
    }
    return new GapText(shortBy, from, null, msg);
  }

  /** 1234567.5 → "1,234,567.5" (at most 4 decimals, no trailing zeros); cheap and thread-safe. */
  static String fmt(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) >= 1e15) {
      return String.valueOf(d);
    }
    long scaled = Math.round(Math.abs(d) * 10_000);
    long whole = scaled / 10_000;
    int frac = (int) (scaled % 10_000);
    StringBuilder b = new StringBuilder(24);
    if (d < 0 && scaled != 0) {
      b.append('-');
    }
    String digits = Long.toString(whole);
    int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
    b.append(digits, 0, lead);
    for (int i = lead; i < digits.length(); i += 3) {
      b.append(',').append(digits, i, i + 3);
    }
    if (frac != 0) {
      String f = Integer.toString(10_000 + frac).substring(1);
      int end = f.length();
      while (f.charAt(end - 1) == '0') {
        end--;
      }
      b.append('.').append(f, 0, end);
    }
    return b.toString();
  }
}
