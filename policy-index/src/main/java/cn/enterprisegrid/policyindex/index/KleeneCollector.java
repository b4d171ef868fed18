package cn.enterprisegrid.policyindex.index;

import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.rule.Benefit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.NumericUtils;

/**
 * Counts a rule's TRUE and UNKNOWN sets in one pass: iterates the "not false" set and tells TRUE
 * from UNKNOWN by advancing the TRUE query's scorer alongside, so the UNKNOWN set never has to be
 * iterated on its own. Optionally breaks both down by single-valued keyword fields (doc-values
 * ordinals per segment, resolved once per segment) and sums a benefit's amounts. One instance per
 * search slice.
 */
final class KleeneCollector implements Collector {
  private final Weight trueWeight;
  private final String[] fields;
  private final List<Map<String, long[]>> counts;
  private final Benefit benefit;
  private final String figureField;
  private final boolean figureIsInt;
  private final boolean keepAmounts;

  long trueHits;
  long unknownHits;
  double trueTotal;
  double unknownTotal;
  long paid;
  long withoutFigure;
  double[] amounts = new double[0];
  int amountCount;

  private KleeneCollector(Weight trueWeight, String[] fields, Benefit benefit, boolean keepAmounts) {
    this.trueWeight = trueWeight;
    this.fields = fields;
    this.counts = new ArrayList<>(fields.length);
    for (int i = 0; i < fields.length; i++) {
      counts.add(new HashMap<>());
    }
    this.benefit = benefit;
    Field fig = benefit == null ? null : benefit.figure();
    this.figureField = fig == null ? null : EnterpriseDocuments.numericField(fig);
    this.figureIsInt = fig == Field.EMPLOYEES;
    this.keepAmounts = keepAmounts;
  }

  /** Value → {TRUE count, UNKNOWN count} for field {@code i}. */
  Map<String, long[]> counts(int i) {
    return counts.get(i);
  }

  static KleeneCollector collect(IndexSearcher searcher, Query notFalse, Query trueSet, String[] fields, Benefit benefit,
      boolean keepAmounts) throws IOException {
    Weight w = searcher.createWeight(searcher.rewrite(trueSet), ScoreMode.COMPLETE_NO_SCORES, 1f);
    return searcher.search(notFalse, new CollectorManager<KleeneCollector, KleeneCollector>() {
      @Override
      public KleeneCollector newCollector() {
        return new KleeneCollector(w, fields, benefit, keepAmounts);
      }

      @Override
      public KleeneCollector reduce(Collection<KleeneCollector> collectors) {
        KleeneCollector out = new KleeneCollector(w, fields, benefit, keepAmounts);
        for (KleeneCollector c : collectors) {
          out.trueHits += c.trueHits;
          out.unknownHits += c.unknownHits;
          out.trueTotal += c.trueTotal;
          out.unknownTotal += c.unknownTotal;
          out.paid += c.paid;
          out.withoutFigure += c.withoutFigure;
          for (int i = 0; i < fields.length; i++) {
            Map<String, long[]> target = out.counts.get(i);
            c.counts.get(i).forEach((k, v) -> {
              long[] t = target.computeIfAbsent(k, x -> new long[2]);
              t[0] += v[0];
              t[1] += v[1];
            });
          }
          for (int i = 0; i < c.amountCount; i++) {
            out.keep(c.amounts[i]);
          }
        }
        return out;
      }
    });
  }

  @Override
  public ScoreMode scoreMode() {
    return ScoreMode.COMPLETE_NO_SCORES;
  }

  @Override
  public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
    Scorer ts = trueWeight.scorer(context);
    TwoPhaseIterator twoPhase = ts == null ? null : ts.twoPhaseIterator();
    DocIdSetIterator approx = ts == null ? null : twoPhase != null ? twoPhase.approximation() : ts.iterator();
    int n = fields.length;
    SortedDocValues[] dvs = new SortedDocValues[n];
    int[][] seg = new int[n][];
    for (int i = 0; i < n; i++) {
      dvs[i] = DocValues.getSorted(context.reader(), fields[i]);
      seg[i] = new int[2 * (int) dvs[i].getValueCount()];
    }
    SortedNumericDocValues figure = figureField == null ? null : DocValues.getSortedNumeric(context.reader(), figureField);
    return new LeafCollector() {
      @Override
      public void setScorer(Scorable scorer) {}

      @Override
      public void collect(int doc) throws IOException {
        boolean isTrue = false;
        if (approx != null) {
          int d = approx.docID();
          if (d < doc) {
            d = approx.advance(doc);
          }
          isTrue = d == doc && (twoPhase == null || twoPhase.matches());
        }
        int slot = isTrue ? 0 : 1;
        if (isTrue) {
          trueHits++;
        } else {
          unknownHits++;
        }
        for (int i = 0; i < n; i++) {
          if (dvs[i].advanceExact(doc)) {
            seg[i][2 * dvs[i].ordValue() + slot]++;
          }
        }
        if (benefit != null) {
          double amount;
          if (figure == null) {
            amount = benefit.amountForFigure(0);
          } else if (figure.advanceExact(doc)) {
            long raw = figure.nextValue();
            amount = benefit.amountForFigure(figureIsInt ? (double) raw : NumericUtils.sortableLongToDouble(raw));
          } else {
            if (isTrue) {
              withoutFigure++;
            }
            return;
          }
          if (isTrue) {
            trueTotal += amount;
            paid++;
            keep(amount);
          } else {
            unknownTotal += amount;
          }
        }
      }

      @Override
      public void finish() throws IOException {
        for (int i = 0; i < n; i++) {
          int[] c = seg[i];
          for (int ord = 0; 2 * ord < c.length; ord++) {
            if (c[2 * ord] != 0 || c[2 * ord + 1] != 0) {
              long[] t = counts.get(i).computeIfAbsent(dvs[i].lookupOrd(ord).utf8ToString(), k -> new long[2]);
              t[0] += c[2 * ord];
              t[1] += c[2 * ord + 1];
            }
          }
        }
      }
    };
  }

  private void keep(double amount) {
    if (!keepAmounts) {
      return;
    }
    if (amountCount == amounts.length) {
      amounts = Arrays.copyOf(amounts, Math.max(1024, amountCount * 2));
    }
    amounts[amountCount++] = amount;
  }
}
