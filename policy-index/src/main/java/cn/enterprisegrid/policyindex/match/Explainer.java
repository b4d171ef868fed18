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
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Builds leaf explanations and near-miss gaps. */
final class Explainer {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Explainer() {}

  static List<LeafExplanation> explain(CompiledRule r, byte[] lt, Profile p) {
    List<LeafExplanation> out = new ArrayList<>(lt.length);
    for (int i = 0; i < lt.length; i++) {
      Leaf l = r.sourceLeaves.get(i);
      out.add(new LeafExplanation(r.pointers.get(i), l.field(), l.op(), truth(lt[i]), have(p, l.field()), l.valueJson(),
          l.clause()));
    }
    return out;
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
        ArrayNode a = NODES.arrayNode();
        new TreeSet<>(p.tagsOrNull(f)).forEach(a::add);
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
  static Gap gap(CompiledRule r, int leafIndex, byte truth, Profile p) {
    Leaf l = r.sourceLeaves.get(leafIndex);
    boolean negated = truth == CompiledLeaf.T;
    Field f = l.field();
    String name = f.jsonName();
    JsonNode have = have(p, f);
    JsonNode need = l.valueJson();
    String ptr = r.pointers.get(leafIndex);
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

  static String fmt(double d) {
    DecimalFormat df = new DecimalFormat("#,##0.####", DecimalFormatSymbols.getInstance(Locale.ROOT));
    return df.format(d);
  }
}
