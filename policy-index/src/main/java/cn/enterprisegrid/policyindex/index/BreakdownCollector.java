package cn.enterprisegrid.policyindex.index;

import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.rule.Benefit;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.NumericUtils;

/**
 * Counts matching documents per value of a few single-valued keyword fields by reading their doc
 * values per segment (ordinal arrays, resolved to strings once per segment), and sums a benefit's
 * amounts from the figure's doc values. Not thread-safe: one instance per search.
 */
final class BreakdownCollector implements Collector {
  private final String[] fields;
  private final Map<String, long[]>[] counts;
  private final Benefit benefit;
  private final String figureField;
  private final boolean figureIsInt;
  private final boolean keepAmounts;

  long hits;
  double total;
  long paid;
  long withoutFigure;
  double[] amounts = new double[0];
  int amountCount;

  @SuppressWarnings("unchecked")
  BreakdownCollector(String[] fields, Benefit benefit, boolean keepAmounts) {
    this.fields = fields.clone();
    this.counts = new Map[fields.length];
    for (int i = 0; i < fields.length; i++) {
      counts[i] = new HashMap<>();
    }
    this.benefit = benefit;
    Field fig = benefit == null ? null : benefit.figure();
    this.figureField = fig == null ? null : EnterpriseDocuments.numericField(fig);
    this.figureIsInt = fig == Field.EMPLOYEES;
    this.keepAmounts = keepAmounts;
  }

  /** Counts for field {@code i}: value → count. */
  Map<String, long[]> counts(int i) {
    return counts[i];
  }

  @Override
  public ScoreMode scoreMode() {
    return ScoreMode.COMPLETE_NO_SCORES;
  }

  @Override
  public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
    int n = fields.length;
    SortedSetDocValues[] dvs = new SortedSetDocValues[n];
    int[][] seg = new int[n][];
    for (int i = 0; i < n; i++) {
      dvs[i] = DocValues.getSortedSet(context.reader(), fields[i]);
      seg[i] = new int[(int) dvs[i].getValueCount()];
    }
    SortedNumericDocValues figure = figureField == null ? null : DocValues.getSortedNumeric(context.reader(), figureField);
    return new LeafCollector() {
      @Override
      public void setScorer(Scorable scorer) {}

      @Override
      public void collect(int doc) throws IOException {
        hits++;
        for (int i = 0; i < n; i++) {
          if (dvs[i].advanceExact(doc)) {
            seg[i][(int) dvs[i].nextOrd()]++;
          }
        }
        if (benefit != null) {
          if (figure == null) {
            add(benefit.amountForFigure(0));
          } else if (figure.advanceExact(doc)) {
            long raw = figure.nextValue();
            double x = figureIsInt ? (double) raw : NumericUtils.sortableLongToDouble(raw);
            add(benefit.amountForFigure(x));
          } else {
            withoutFigure++;
          }
        }
      }

      @Override
      public void finish() throws IOException {
        for (int i = 0; i < n; i++) {
          int[] c = seg[i];
          for (int ord = 0; ord < c.length; ord++) {
            if (c[ord] != 0) {
              String key = dvs[i].lookupOrd(ord).utf8ToString();
              counts[i].computeIfAbsent(key, k -> new long[1])[0] += c[ord];
            }
          }
        }
      }
    };
  }

  private void add(double amount) {
    total += amount;
    paid++;
    if (keepAmounts) {
      if (amountCount == amounts.length) {
        amounts = Arrays.copyOf(amounts, Math.max(1024, amountCount * 2));
      }
      amounts[amountCount++] = amount;
    }
  }
}
