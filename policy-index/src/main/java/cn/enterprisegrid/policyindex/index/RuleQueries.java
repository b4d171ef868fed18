package cn.enterprisegrid.policyindex.index;

import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.profile.Years;
import cn.enterprisegrid.policyindex.rule.All;
import cn.enterprisegrid.policyindex.rule.Any;
import cn.enterprisegrid.policyindex.rule.Leaf;
import cn.enterprisegrid.policyindex.rule.Not;
import cn.enterprisegrid.policyindex.rule.Op;
import cn.enterprisegrid.policyindex.rule.Rule;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Translates a rule into the Lucene queries of its TRUE, FALSE and UNKNOWN sets under Kleene
 * semantics, at an evaluation date (for yearsSinceEstablished):
 * T(all)=∧T, F(all)=∨F, U(all)=¬F(all)∧∨U; T(any)=∨T, F(any)=∧F, U(any)=¬T(any)∧∨U (the
 * negations written positively as "not false" / "not true" sets, see {@link #u});
 * T(not x)=F(x), F(not x)=T(x), U(not x)=U(x); for a leaf, U = field absent (a term of the
 * {@code _missing} field, so UNKNOWN sets are driven by short posting lists), F = field present ∧ ¬T
 * (numeric leaves use the complementary range directly).
 */
final class RuleQueries {
  /** Years beyond this are clamped so that date arithmetic stays in range. */
  private static final int MAX_YEARS = 100_000_000;

  private final LocalDate asOf;

  RuleQueries(LocalDate asOf) {
    this.asOf = asOf;
  }

  Query trueSet(Rule r) {
    return new ConstantScoreQuery(t(r));
  }

  Query unknownSet(Rule r) {
    Query q = u(r);
    return new ConstantScoreQuery(q == null ? new MatchNoDocsQuery() : q);
  }

  Query falseSet(Rule r) {
    return new ConstantScoreQuery(f(r));
  }

  /** The TRUE or UNKNOWN set ("not false"), iterated once to count both sets in one pass. */
  Query notFalseSet(Rule r) {
    return new ConstantScoreQuery(nf(r));
  }

  private Query t(Rule r) {
    if (r instanceof All a) {
      return and(a.children().stream().map(this::t).toList());
    }
    if (r instanceof Any a) {
      return or(a.children().stream().map(this::t).toList());
    }
    if (r instanceof Not n) {
      return f(n.child());
    }
    return leafTrue((Leaf) r);
  }

  private Query f(Rule r) {
    if (r instanceof All a) {
      return or(a.children().stream().map(this::f).toList());
    }
    if (r instanceof Any a) {
      return and(a.children().stream().map(this::f).toList());
    }
    if (r instanceof Not n) {
      return t(n.child());
    }
    return leafFalse((Leaf) r);
  }

  /**
   * UNKNOWN set, written with positive clauses only: U(all) = ∧NF(child) ∧ ∨U(child) (no child
   * FALSE, some child UNKNOWN); U(any) = ∧NT(child) ∧ ∨U(child) (no child TRUE, some UNKNOWN); so
   * the short UNKNOWN postings lead and no large set is subtracted.
   */
  private Query u(Rule r) {
    if (r instanceof All a) {
      return unknownOf(a.children(), true);
    }
    if (r instanceof Any a) {
      return unknownOf(a.children(), false);
    }
    if (r instanceof Not n) {
      return u(n.child());
    }
    Leaf l = (Leaf) r;
    return l.op() == Op.EXISTS ? null : absent(l.field());
  }

  private Query unknownOf(List<Rule> children, boolean all) {
    List<Query> unknowns = new ArrayList<>();
    for (Rule c : children) {
      Query q = u(c);
      if (q != null) {
        unknowns.add(q);
      }
    }
    if (unknowns.isEmpty()) {
      return null;
    }
    List<Query> clauses = new ArrayList<>();
    clauses.add(or(unknowns));
    for (Rule c : children) {
      clauses.add(all ? nf(c) : nt(c));
    }
    return and(clauses);
  }

  /** Not FALSE (TRUE or UNKNOWN). */
  private Query nf(Rule r) {
    if (r instanceof All a) {
      return and(a.children().stream().map(this::nf).toList());
    }
    if (r instanceof Any a) {
      return or(a.children().stream().map(this::nf).toList());
    }
    if (r instanceof Not n) {
      return nt(n.child());
    }
    Leaf l = (Leaf) r;
    if (l.op() == Op.EXISTS) {
      return has(l.field());
    }
    return or(List.of(leafTrue(l), absent(l.field())));
  }

  /** Not TRUE (FALSE or UNKNOWN). */
  private Query nt(Rule r) {
    if (r instanceof All a) {
      return or(a.children().stream().map(this::nt).toList());
    }
    if (r instanceof Any a) {
      return and(a.children().stream().map(this::nt).toList());
    }
    if (r instanceof Not n) {
      return nf(n.child());
    }
    Leaf l = (Leaf) r;
    if (l.op() == Op.EXISTS) {
      return absent(l.field());
    }
    return or(List.of(leafFalse(l), absent(l.field())));
  }

  private static Query and(List<Query> qs) {
    if (qs.size() == 1) {
      return qs.get(0);
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (Query q : qs) {
      b.add(q, Occur.FILTER);
    }
    return b.build();
  }

  private static Query or(List<Query> qs) {
    if (qs.size() == 1) {
      return qs.get(0);
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (Query q : qs) {
      b.add(q, Occur.SHOULD);
    }
    return b.setMinimumNumberShouldMatch(1).build();
  }

  private static Query andNot(Query positive, List<Query> negatives) {
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(positive, Occur.FILTER);
    for (Query q : negatives) {
      b.add(q, Occur.MUST_NOT);
    }
    return b.build();
  }

  private static Query has(Field f) {
    if (f == Field.YEARS_SINCE_ESTABLISHED) {
      return new FieldExistsQuery(EnterpriseDocuments.ESTABLISHED);
    }
    if (f.type().isNumeric()) {
      return new FieldExistsQuery(EnterpriseDocuments.numericField(f));
    }
    return new TermQuery(new Term(EnterpriseDocuments.HAS, f.jsonName()));
  }

  private static Query absent(Field f) {
    return new TermQuery(new Term(EnterpriseDocuments.MISSING, f.jsonName()));
  }

  private static Query terms(String field, List<String> values) {
    if (values.size() == 1) {
      return new TermQuery(new Term(field, values.get(0)));
    }
    return new TermInSetQuery(field, values.stream().map(BytesRef::new).toList());
  }

  private Query leafTrue(Leaf l) {
    Field f = l.field();
    if (l.op() == Op.EXISTS) {
      return has(f);
    }
    switch (f) {
      case REGION_CODE:
        return terms(l.op() == Op.PREFIX ? EnterpriseDocuments.REGION_PATH : EnterpriseDocuments.REGION, l.texts());
      case INDUSTRY_CODE:
        return terms(l.op() == Op.PREFIX ? EnterpriseDocuments.INDUSTRY_PATH : EnterpriseDocuments.INDUSTRY, l.texts());
      case SIZE_CLASS:
        return terms(EnterpriseDocuments.SIZE_CLASS, l.texts());
      case CREDIT_STATUS:
        return terms(EnterpriseDocuments.CREDIT_STATUS, l.texts());
      case TAGS:
      case STAT_TAGS: {
        String name = f == Field.TAGS ? EnterpriseDocuments.TAGS : EnterpriseDocuments.STAT_TAGS;
        if (l.op() == Op.HAS_ANY) {
          return terms(name, l.texts());
        }
        return and(l.texts().stream().map(t -> (Query) new TermQuery(new Term(name, t))).toList());
      }
      default:
        return numeric(l, false);
    }
  }

  private Query leafFalse(Leaf l) {
    Field f = l.field();
    if (l.op() == Op.EXISTS) {
      return absent(f);
    }
    if (f.type().isNumeric() && l.op() != Op.EQ && l.op() != Op.IN) {
      return numeric(l, true);
    }
    return andNot(has(f), List.of(leafTrue(l)));
  }

  /**
   * Numeric leaf as ranges over the indexed values: the leaf's own range, or its complement among
   * present values when {@code complement}.
   */
  private Query numeric(Leaf l, boolean complement) {
    List<double[]> ranges = new ArrayList<>();
    switch (l.op()) {
      case EQ, IN -> l.numbers().forEach(v -> ranges.add(new double[] {v, v}));
      case GTE -> ranges.add(complement ? below(l.number()) : atLeast(l.number()));
      case GT -> ranges.add(complement ? atMost(l.number()) : above(l.number()));
      case LTE -> ranges.add(complement ? above(l.number()) : atMost(l.number()));
      case LT -> ranges.add(complement ? atLeast(l.number()) : below(l.number()));
      case BETWEEN -> {
        double lo = l.numbers().get(0);
        double hi = l.numbers().get(1);
        if (complement) {
          ranges.add(below(lo));
          ranges.add(above(hi));
        } else {
          ranges.add(new double[] {lo, hi});
        }
      }
      default -> throw new IllegalArgumentException(l.toString());
    }
    List<Query> qs = new ArrayList<>();
    for (double[] r : ranges) {
      Query q = range(l.field(), r[0], r[1]);
      if (q != null) {
        qs.add(q);
      }
    }
    return qs.isEmpty() ? new MatchNoDocsQuery() : or(qs);
  }

  private static double[] atLeast(double v) {
    return new double[] {v, Double.POSITIVE_INFINITY};
  }

  private static double[] above(double v) {
    return new double[] {Math.nextUp(v), Double.POSITIVE_INFINITY};
  }

  private static double[] atMost(double v) {
    return new double[] {Double.NEGATIVE_INFINITY, v};
  }

  private static double[] below(double v) {
    return new double[] {Double.NEGATIVE_INFINITY, Math.nextDown(v)};
  }

  /** Query for values in [lo, hi] (inclusive), or null when no value of the field can be there. */
  private Query range(Field f, double lo, double hi) {
    if (lo > hi) {
      return null;
    }
    switch (f) {
      case EMPLOYEES: {
        long a = (long) Math.max(Integer.MIN_VALUE, Math.ceil(lo));
        long b = (long) Math.min(Integer.MAX_VALUE, Math.floor(hi));
        if (a > b) {
          return null;
        }
        return IntField.newRangeQuery(EnterpriseDocuments.numericField(f), (int) a, (int) b);
      }
      case YEARS_SINCE_ESTABLISHED: {
        // years in [a, b] <=> established in (latest(b + 1), latest(a)]
        double ca = Math.ceil(lo);
        double fb = Math.floor(hi);
        if (ca > fb) {
          return null;
        }
        long min = Long.MIN_VALUE;
        long max = Long.MAX_VALUE;
        if (ca > -MAX_YEARS) {
          max = Years.latestEstablishedFor((int) Math.min(ca, MAX_YEARS), asOf).toEpochDay();
        }
        if (fb < MAX_YEARS) {
          min = Years.latestEstablishedFor((int) Math.max(fb, -MAX_YEARS) + 1, asOf).toEpochDay() + 1;
        }
        if (min > max) {
          return null;
        }
        return LongField.newRangeQuery(EnterpriseDocuments.ESTABLISHED, min, max);
      }
      default:
        return DoubleField.newRangeQuery(EnterpriseDocuments.numericField(f), lo, hi);
    }
  }
}
