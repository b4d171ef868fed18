package cn.enterprisegrid.policyindex.match;

import static cn.enterprisegrid.policyindex.match.CompiledLeaf.F;
import static cn.enterprisegrid.policyindex.match.CompiledLeaf.T;
import static cn.enterprisegrid.policyindex.match.CompiledLeaf.U;

import cn.enterprisegrid.policyindex.profile.CreditStatus;
import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.profile.FieldType;
import cn.enterprisegrid.policyindex.profile.Profile;
import cn.enterprisegrid.policyindex.reference.SizeClass;
import cn.enterprisegrid.policyindex.rule.All;
import cn.enterprisegrid.policyindex.rule.Any;
import cn.enterprisegrid.policyindex.rule.Leaf;
import cn.enterprisegrid.policyindex.rule.Not;
import cn.enterprisegrid.policyindex.rule.Op;
import cn.enterprisegrid.policyindex.rule.Rule;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Rules encoded as flat {@code long[]} programs (pre-order, every node {@code [opcode, length,
 * ...]}) so that a bucket of rules is one contiguous array scanned sequentially: codes become
 * numbers, tags bit masks, enums ordinal masks. Evaluated against a {@link Firm}, the firm's
 * values encoded the same way once per call.
 */
final class Program {
  static final int ALL = 1;
  static final int ANY = 2;
  static final int NOT = 3;
  static final int RANGE = 10;
  static final int EXISTS = 11;
  static final int NUM_IN = 12;
  static final int REGION_PREFIX = 13;
  static final int CODE_EQ_REGION = 14;
  static final int INDUSTRY_PREFIX = 15;
  static final int CODE_EQ_INDUSTRY = 16;
  static final int ENUM = 17;
  static final int TAGS_ANY = 18;
  static final int TAGS_ALL = 19;
  static final int SLOW = 20;

  /** Encoding of "no such code" (never equal to an encoded rule code). */
  static final long NONE = -1;
  private static final int[] REGION_LEVEL_OF_LENGTH = new int[13];
  private static final int[] REGION_LENGTHS = {2, 4, 6, 9, 12};

  static {
    Arrays.fill(REGION_LEVEL_OF_LENGTH, -1);
    REGION_LEVEL_OF_LENGTH[2] = 0;
    REGION_LEVEL_OF_LENGTH[4] = 1;
    REGION_LEVEL_OF_LENGTH[6] = 2;
    REGION_LEVEL_OF_LENGTH[9] = 3;
    REGION_LEVEL_OF_LENGTH[12] = 4;
  }

  private Program() {}

  /** A digit string of up to 15 digits as value * 16 + length; NONE for anything else. */
  static long code(String s) {
    if (s == null || s.isEmpty() || s.length() > 15) {
      return NONE;
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return NONE;
      }
      v = v * 10 + (c - '0');
    }
    return v * 16 + s.length();
  }

  /** A section letter as letter * 16 + 1. */
  static long section(String letter) {
    return letter.charAt(0) * 16L + 1;
  }

  /** The firm's values, encoded once per match call. */
  static final class Firm {
    final Profile profile;
    /** Region prefixes by level (2, 4, 6, 9, 12 digits), NONE when absent. */
    final long[] region = {NONE, NONE, NONE, NONE, NONE};
    final long regionFull;
    final boolean hasRegion;
    final boolean hasIndustry;
    /** Industry section (index 0) and 2-, 3-, 4-digit prefixes. */
    final long[] industry = {NONE, NONE, NONE, NONE};
    final long industryFull;
    final long tags;
    final long statTags;
    final int sizeOrdinal;
    final int creditOrdinal;
    /** Numeric values by field ordinal (NaN when missing), copied so a leaf reads them in one load. */
    final double[] numbers = new double[FIELDS.length];
    /** Bit {@code 1 << field ordinal} set when the field has a value. */
    final int present;

    Firm(Profile p) {
      this.profile = p;
      int mask = 0;
      for (Field f : FIELDS) {
        numbers[f.ordinal()] = p.numberOrNaN(f);
        if (p.has(f)) {
          mask |= 1 << f.ordinal();
        }
      }
      present = mask;
      String r = p.textOrNull(Field.REGION_CODE);
      hasRegion = r != null;
      regionFull = code(r);
      if (r != null) {
        for (int level = 0; level < REGION_LENGTHS.length; level++) {
          int len = REGION_LENGTHS[level];
          if (r.length() >= len) {
            region[level] = prefix(r, regionFull, len);
          }
        }
      }
      String ind = p.textOrNull(Field.INDUSTRY_CODE);
      hasIndustry = ind != null;
      industryFull = code(ind);
      if (ind != null) {
        String sec = p.derived().industrySection();
        if (sec != null) {
          industry[0] = section(sec);
        }
        for (int len = 2; len <= 4 && len <= ind.length(); len++) {
          industry[len - 1] = prefix(ind, industryFull, len);
        }
      }
      tags = mask(p.tagsOrNull(Field.TAGS));
      statTags = mask(p.tagsOrNull(Field.STAT_TAGS));
      String size = p.textOrNull(Field.SIZE_CLASS);
      sizeOrdinal = size == null ? -1 : SizeClass.valueOf(size).ordinal();
      String credit = p.textOrNull(Field.CREDIT_STATUS);
      creditOrdinal = credit == null ? -1 : CreditStatus.valueOf(credit).ordinal();
    }

    /** Encoded prefix of {@code len} characters, computed from the encoded full code when it is digits. */
    private static long prefix(String s, long full, int len) {
      if (full == NONE) {
        return code(s.substring(0, len));
      }
      long value = full >>> 4;
      for (int i = s.length(); i > len; i--) {
        value /= 10;
      }
      return value * 16 + len;
    }

    private static long mask(Set<String> tags) {
      if (tags == null) {
        return 0;
      }
      long m = 0;
      for (String t : tags) {
        int id = TagDictionary.lookup(t);
        if (id >= 0) {
          m |= 1L << id;
        }
      }
      return m;
    }
  }

  // ---------------------------------------------------------------- encoding

  /** Growable long buffer. */
  static final class Out {
    long[] a = new long[64];
    int n;

    void add(long v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    long[] toArray() {
      return Arrays.copyOf(a, n);
    }
  }

  /**
   * Appends the program of {@code r}; {@code leafIndex[0]} runs through the leaves in pre-order (the
   * leaf numbering of explanations); a root-level leaf whose node is {@code omitRegion} or {@code
   * omitIndustry} (known TRUE in a bucket) is left out.
   */
  static void encode(Rule r, Out out, int[] leafIndex, Leaf omitA, Leaf omitB, boolean root) {
    int start = out.n;
    if (r instanceof Leaf l) {
      encodeLeaf(l, out, leafIndex[0]++);
      return;
    }
    List<Rule> kids = r instanceof All a ? a.children() : r instanceof Any a ? a.children() : List.of(((Not) r).child());
    int op = r instanceof All ? ALL : r instanceof Any ? ANY : NOT;
    out.add(op);
    out.add(0); // length, patched below
    if (op != NOT) {
      out.add(0); // child count, patched below
    }
    int n = 0;
    for (Rule k : kids) {
      if (root && op == ALL && (k == omitA || k == omitB)) {
        leafIndex[0]++;
        continue;
      }
      encode(k, out, leafIndex, omitA, omitB, false);
      n++;
    }
    out.a[start + 1] = out.n - start;
    if (op != NOT) {
      out.a[start + 2] = n;
    }
  }

  private static void encodeLeaf(Leaf l, Out out, int leafIndex) {
    int start = out.n;
    Field f = l.field();
    Op op = l.op();
    if (op == Op.EXISTS) {
      out.add(EXISTS);
      out.add(4);
      out.add(leafIndex);
      out.add(f.ordinal());
      return;
    }
    if (f.type().isNumeric()) {
      if (op == Op.IN || op == Op.EQ) {
        out.add(NUM_IN);
        out.add(0);
        out.add(leafIndex);
        out.add(f.ordinal());
        for (double v : l.numbers()) {
          out.add(Double.doubleToRawLongBits(v));
        }
      } else {
        double v = l.numbers().get(0);
        double lo;
        double hi;
        switch (op) {
          case GTE -> {
            lo = v;
            hi = Double.POSITIVE_INFINITY;
          }
          case GT -> {
            lo = Math.nextUp(v);
            hi = Double.POSITIVE_INFINITY;
          }
          case LTE -> {
            lo = Double.NEGATIVE_INFINITY;
            hi = v;
          }
          case LT -> {
            lo = Double.NEGATIVE_INFINITY;
            hi = Math.nextDown(v);
          }
          default -> {
            lo = v;
            hi = l.numbers().get(1);
          }
        }
        out.add(RANGE);
        out.add(0);
        out.add(leafIndex);
        out.add(f.ordinal());
        out.add(Double.doubleToRawLongBits(lo));
        out.add(Double.doubleToRawLongBits(hi));
      }
    } else if (f == Field.REGION_CODE) {
      out.add(op == Op.PREFIX ? REGION_PREFIX : CODE_EQ_REGION);
      out.add(0);
      out.add(leafIndex);
      for (String v : l.texts()) {
        out.add(code(v));
      }
    } else if (f == Field.INDUSTRY_CODE) {
      out.add(op == Op.PREFIX ? INDUSTRY_PREFIX : CODE_EQ_INDUSTRY);
      out.add(0);
      out.add(leafIndex);
      for (String v : l.texts()) {
        out.add(v.length() == 1 ? section(v) : code(v));
      }
    } else if (f.type() == FieldType.ENUM) {
      long mask = 0;
      for (String v : l.texts()) {
        mask |= 1L << (f == Field.SIZE_CLASS ? SizeClass.valueOf(v).ordinal() : CreditStatus.valueOf(v).ordinal());
      }
      out.add(ENUM);
      out.add(5);
      out.add(leafIndex);
      out.add(f.ordinal());
      out.add(mask);
      return;
    } else {
      long mask = 0;
      boolean ok = true;
      for (String v : l.texts()) {
        int id = TagDictionary.register(v);
        if (id < 0) {
          ok = false;
          break;
        }
        mask |= 1L << id;
      }
      if (ok) {
        out.add(op == Op.HAS_ANY ? TAGS_ANY : TAGS_ALL);
        out.add(5);
        out.add(leafIndex);
        out.add(f.ordinal());
        out.add(mask);
      } else {
        out.add(SLOW);
        out.add(3);
        out.add(leafIndex);
      }
      return;
    }
    out.a[start + 1] = out.n - start;
  }

  // ---------------------------------------------------------------- evaluation

  private static final Field[] FIELDS = Field.values();
  private static final int TAGS_FIELD = Field.TAGS.ordinal();

  /** Truth of the node at {@code pos}; {@code rule} serves the SLOW leaves. */
  static byte eval(long[] a, int pos, Firm k, CompiledRule rule) {
    int op = (int) a[pos];
    switch (op) {
      case ALL: {
        int n = (int) a[pos + 2];
        int p = pos + 3;
        boolean unknown = false;
        for (int i = 0; i < n; i++) {
          byte t = eval(a, p, k, rule);
          if (t == F) {
            return F;
          }
          unknown |= t == U;
          p += (int) a[p + 1];
        }
        return unknown ? U : T;
      }
      case ANY: {
        int n = (int) a[pos + 2];
        int p = pos + 3;
        boolean unknown = false;
        for (int i = 0; i < n; i++) {
          byte t = eval(a, p, k, rule);
          if (t == T) {
            return T;
          }
          unknown |= t == U;
          p += (int) a[p + 1];
        }
        return unknown ? U : F;
      }
      case NOT: {
        byte t = eval(a, pos + 2, k, rule);
        return t == U ? U : (byte) (1 - t);
      }
      default:
        return leaf(a, pos, k, rule);
    }
  }

  /** Leaf number (pre-order) of a leaf node. */
  static int leafIndex(long[] a, int pos) {
    return (int) a[pos + 2];
  }

  /** True for leaf opcodes. */
  static boolean isLeaf(long[] a, int pos) {
    return a[pos] >= RANGE;
  }

  /** Truth of a leaf node: {@code [op, length, leafIndex, args...]}. */
  static byte leaf(long[] a, int pos, Firm k, CompiledRule rule) {
    int op = (int) a[pos];
    int len = (int) a[pos + 1];
    switch (op) {
      case RANGE: {
        double x = k.numbers[(int) a[pos + 3]];
        if (x != x) {
          return U;
        }
        return x >= Double.longBitsToDouble(a[pos + 4]) && x <= Double.longBitsToDouble(a[pos + 5]) ? T : F;
      }
      case EXISTS:
        return (k.present & (1 << (int) a[pos + 3])) != 0 ? T : F;
      case NUM_IN: {
        double x = k.numbers[(int) a[pos + 3]];
        if (x != x) {
          return U;
        }
        for (int i = pos + 4; i < pos + len; i++) {
          if (x == Double.longBitsToDouble(a[i])) {
            return T;
          }
        }
        return F;
      }
      case REGION_PREFIX: {
        if (!k.hasRegion) {
          return U;
        }
        for (int i = pos + 3; i < pos + len; i++) {
          long c = a[i];
          if (k.region[REGION_LEVEL_OF_LENGTH[(int) (c & 15)]] == c) {
            return T;
          }
        }
        return F;
      }
      case CODE_EQ_REGION:
      case CODE_EQ_INDUSTRY: {
        if (!(op == CODE_EQ_REGION ? k.hasRegion : k.hasIndustry)) {
          return U;
        }
        long full = op == CODE_EQ_REGION ? k.regionFull : k.industryFull;
        for (int i = pos + 3; i < pos + len; i++) {
          if (a[i] == full) {
            return T;
          }
        }
        return F;
      }
      case INDUSTRY_PREFIX: {
        if (!k.hasIndustry) {
          return U;
        }
        for (int i = pos + 3; i < pos + len; i++) {
          long c = a[i];
          if (k.industry[(int) (c & 15) - 1] == c) {
            return T;
          }
        }
        return F;
      }
      case ENUM: {
        int ord = a[pos + 3] == Field.SIZE_CLASS.ordinal() ? k.sizeOrdinal : k.creditOrdinal;
        if (ord < 0) {
          return U;
        }
        return (a[pos + 4] & (1L << ord)) != 0 ? T : F;
      }
      case TAGS_ANY:
      case TAGS_ALL: {
        int f = (int) a[pos + 3];
        if ((k.present & (1 << f)) == 0) {
          return U;
        }
        long have = f == TAGS_FIELD ? k.tags : k.statTags;
        long need = a[pos + 4];
        return op == TAGS_ANY ? ((have & need) != 0 ? T : F) : ((have & need) == need ? T : F);
      }
      case SLOW:
        return rule.leaves[(int) a[pos + 2]].eval(k.profile);
      default:
        throw new IllegalStateException("bad opcode " + op);
    }
  }

  /**
   * Truth of every leaf present in the program whose root node is at {@code pos} (a whole rule, or
   * a bucket's copy without the requirement leaves the bucket's firms satisfy), written to {@code
   * out[off + leaf number]}; the entries of left-out leaves are not written.
   */
  static void leafTruths(long[] a, int pos, Firm k, CompiledRule rule, byte[] out, int off) {
    int end = pos + (int) a[pos + 1];
    while (pos < end) {
      int op = (int) a[pos];
      if (op == ALL || op == ANY) {
        pos += 3;
      } else if (op == NOT) {
        pos += 2;
      } else {
        out[off + (int) a[pos + 2]] = leaf(a, pos, k, rule);
        pos += (int) a[pos + 1];
      }
    }
  }
}
