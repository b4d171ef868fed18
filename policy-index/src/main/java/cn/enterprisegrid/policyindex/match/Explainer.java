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

  static List<LeafExplanation> explain(CompiledRule r, byte[] lt, Haves haves) {
    LeafExplanation[] out = new LeafExplanation[lt.length];
    Object[] meta = r.meta;
    Field[] fields = r.leafField;
    Op[] ops = r.leafOp;
    for (int i = 0; i < lt.length; i++) {
      if (lt[i] == CompiledLeaf.U) {
        out[i] = r.unknownExplanations[i];
        continue;
      }
      Field f = fields[i];
      out[i] = new LeafExplanation((String) meta[3 * i], f, ops[i], truth(lt[i]), haves.get(f), (JsonNode) meta[3 * i + 1],
          (String) meta[3 * i + 2]);
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
        java.util.Arrays.sort(tags);
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
   * The gap of one leaf whose flip makes the rule eligible.
   *
   * @param truth the leaf's current truth (TRUE means the leaf must become FALSE)
   */
  static Gap gap(CompiledRule r, int leafIndex, byte truth, Profile p, Haves haves) {
    Leaf l = r.sourceLeaves.get(leafIndex);
    boolean negated = truth == CompiledLeaf.T;
    Field f = l.field();
    String name = f.jsonName();
    JsonNode have = haves.get(f);
    JsonNode need = (JsonNode) r.meta[3 * leafIndex + 1];
    String ptr = (String) r.meta[3 * leafIndex];
    if (l.op() == Op.EXISTS) {
      String msg = negated ? name + " must be absent" : name + " not reported";
      return new Gap(ptr, f, l.op(), negated, have, need, null, null, null, msg, l.clause());
    }
    FieldType type = f.type();
    if (type.isNumeric()) {
      return numericGap(r, leafIndex, l, negated, p, ptr, have, need);
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
      return new Gap(ptr, f, l.op(), negated, have, need, null, null, negated ? null : missing, msg, l.clause());
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
    return new Gap(ptr, f, l.op(), negated, have, need, null, null, null, msg, l.clause());
  }

  private static Gap numericGap(CompiledRule r, int i, Leaf l, boolean negated, Profile p, String ptr, JsonNode have,
      JsonNode need) {
    Field f = l.field();
    String name = f.jsonName();
    double x = p.numberOrNaN(f);
    boolean integer = f.type() == FieldType.INTEGER;
    Op op = l.op();
    if (op == Op.EQ || op == Op.IN) {
      String vals = l.numbers().stream().map(Explainer::fmt).reduce((a, b) -> a + ", " + b).orElse("");
      String msg = name + (negated ? " must not be " : " must be ") + (l.numbers().size() > 1 ? "one of " : "") + vals
          + " (have " + fmt(x) + ")";
      return new Gap(ptr, f, op, negated, have, need, null, null, null, msg, l.clause());
    }
    if (op == Op.BETWEEN) {
      double lo = l.numbers().get(0);
      double hi = l.numbers().get(1);
      if (!negated) {
        return x < lo ? bound(Op.GTE, lo, l, negated, p, ptr, have, need) : bound(Op.LTE, hi, l, negated, p, ptr, have, need);
      }
      double down = x - lo + (integer ? 1 : 0);
      double up = hi - x + (integer ? 1 : 0);
      double shortBy = Math.min(down, up);
      String msg = name + " must be outside [" + fmt(lo) + ", " + fmt(hi) + "] (have " + fmt(x) + ")";
      return new Gap(ptr, f, op, true, have, need, shortBy, null, null, msg, l.clause());
    }
    Op wanted = negated ? switch (op) {
      case GTE -> Op.LT;
      case GT -> Op.LTE;
      case LTE -> Op.GT;
      default -> Op.GTE;
    } : op;
    return bound(wanted, l.number(), l, negated, p, ptr, have, need);
  }

  /** Gap for "value must satisfy {@code wanted v}" where it currently does not. */
  private static Gap bound(Op wanted, double v, Leaf l, boolean negated, Profile p, String ptr, JsonNode have,
      JsonNode need) {
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
    return new Gap(ptr, f, l.op(), negated, have, need, shortBy, from, null, msg, l.clause());
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
