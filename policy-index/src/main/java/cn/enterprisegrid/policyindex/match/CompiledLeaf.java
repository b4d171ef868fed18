package cn.enterprisegrid.policyindex.match;

import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.profile.Profile;
import cn.enterprisegrid.policyindex.rule.Leaf;
import cn.enterprisegrid.policyindex.rule.Op;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A leaf compiled for fast evaluation; truth encoded as {@link #F}, {@link #T}, {@link #U}. */
abstract class CompiledLeaf {
  static final byte F = 0;
  static final byte T = 1;
  static final byte U = 2;

  final Field field;

  CompiledLeaf(Field field) {
    this.field = field;
  }

  abstract byte eval(Profile p);

  static CompiledLeaf compile(Leaf leaf) {
    Field f = leaf.field();
    Op op = leaf.op();
    if (op == Op.EXISTS) {
      return new Exists(f);
    }
    return switch (f.type()) {
      case REGION_CODE, INDUSTRY_CODE -> op == Op.PREFIX ? new CodePrefix(f, leaf.texts()) : new TextIn(f, leaf.texts());
      case ENUM -> new TextIn(f, leaf.texts());
      case TAGS -> op == Op.HAS_ANY ? new TagsAny(f, leaf.texts()) : new TagsAll(f, leaf.texts());
      case INTEGER, DECIMAL -> switch (op) {
        case EQ, IN -> new NumIn(f, leaf.numbers());
        case GTE -> new NumRange(f, leaf.number(), true, Double.POSITIVE_INFINITY, true);
        case GT -> new NumRange(f, leaf.number(), false, Double.POSITIVE_INFINITY, true);
        case LTE -> new NumRange(f, Double.NEGATIVE_INFINITY, true, leaf.number(), true);
        case LT -> new NumRange(f, Double.NEGATIVE_INFINITY, true, leaf.number(), false);
        case BETWEEN -> new NumRange(f, leaf.numbers().get(0), true, leaf.numbers().get(1), true);
        default -> throw new IllegalArgumentException(leaf.toString());
      };
    };
  }

  static final class Exists extends CompiledLeaf {
    Exists(Field f) {
      super(f);
    }

    @Override
    byte eval(Profile p) {
      return p.has(field) ? T : F;
    }
  }

  static final class NumRange extends CompiledLeaf {
    private final double lo;
    private final boolean loInc;
    private final double hi;
    private final boolean hiInc;

    NumRange(Field f, double lo, boolean loInc, double hi, boolean hiInc) {
      super(f);
      this.lo = lo;
      this.loInc = loInc;
      this.hi = hi;
      this.hiInc = hiInc;
    }

    @Override
    byte eval(Profile p) {
      double x = p.numberOrNaN(field);
      if (x != x) {
        return U;
      }
      boolean ok = (loInc ? x >= lo : x > lo) && (hiInc ? x <= hi : x < hi);
      return ok ? T : F;
    }
  }

  static final class NumIn extends CompiledLeaf {
    private final double[] values;

    NumIn(Field f, List<Double> values) {
      super(f);
      this.values = values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    byte eval(Profile p) {
      double x = p.numberOrNaN(field);
      if (x != x) {
        return U;
      }
      for (double v : values) {
        if (x == v) {
          return T;
        }
      }
      return F;
    }
  }

  static final class TextIn extends CompiledLeaf {
    private final String[] values;

    TextIn(Field f, List<String> values) {
      super(f);
      this.values = values.toArray(String[]::new);
    }

    @Override
    byte eval(Profile p) {
      String v = p.textOrNull(field);
      if (v == null) {
        return U;
      }
      for (String x : values) {
        if (x.equals(v)) {
          return T;
        }
      }
      return F;
    }
  }

  /** Code prefix: digits by startsWith on the code, a section letter by the derived section. */
  static final class CodePrefix extends CompiledLeaf {
    private final String[] prefixes;
    private final String[] sections;

    CodePrefix(Field f, List<String> values) {
      super(f);
      List<String> digits = new ArrayList<>();
      List<String> letters = new ArrayList<>();
      for (String v : values) {
        if (f == Field.INDUSTRY_CODE && v.length() == 1) {
          letters.add(v);
        } else {
          digits.add(v);
        }
      }
      this.prefixes = digits.toArray(String[]::new);
      this.sections = letters.toArray(String[]::new);
    }

    @Override
    byte eval(Profile p) {
      String code = p.textOrNull(field);
      if (code == null) {
        return U;
      }
      for (String x : prefixes) {
        if (code.startsWith(x)) {
          return T;
        }
      }
      if (sections.length > 0) {
        String section = p.derived().industrySection();
        for (String s : sections) {
          if (s.equals(section)) {
            return T;
          }
        }
      }
      return F;
    }
  }

  static final class TagsAny extends CompiledLeaf {
    private final String[] tags;

    TagsAny(Field f, List<String> tags) {
      super(f);
      this.tags = tags.toArray(String[]::new);
    }

    @Override
    byte eval(Profile p) {
      Set<String> have = p.tagsOrNull(field);
      if (have == null) {
        return U;
      }
      for (String t : tags) {
        if (have.contains(t)) {
          return T;
        }
      }
      return F;
    }
  }

  static final class TagsAll extends CompiledLeaf {
    private final String[] tags;

    TagsAll(Field f, List<String> tags) {
      super(f);
      this.tags = tags.toArray(String[]::new);
    }

    @Override
    byte eval(Profile p) {
      Set<String> have = p.tagsOrNull(field);
      if (have == null) {
        return U;
      }
      for (String t : tags) {
        if (!have.contains(t)) {
          return F;
        }
      }
      return T;
    }
  }
}
