package cn.enterprisegrid.policyindex.index;

import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.rule.Benefit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
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
  private final List<Map<String, long[]>> counts;
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

  BreakdownCollector(String[] fields, Benefit benefit, boolean keepAmounts) {
    this.fields = fields.clone();
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

  /** Counts for field {@code i}: value → count. */
  Map<String, long[]> counts(int i) {
    return counts.get(i);
  }

  /** Runs the query into one collector (merging per-slice collectors when the searcher is concurrent). */
  static BreakdownCollector collect(IndexSearcher searcher, Query query, String[] fields, Benefit benefit,
      boolean keepAmounts) throws IOException {
    return searcher.search(query, new CollectorManager<BreakdownCollector, BreakdownCollector>() {
      @Override
      public BreakdownCollector newCollector() {
        return new BreakdownCollector(fields, benefit, keepAmounts);
      }

      @Override
      public BreakdownCollector reduce(Collection<BreakdownCollector> collectors) {
        BreakdownCollector out = new BreakdownCollector(fields, benefit, keepAmounts);
        for (BreakdownCollector c : collectors) {
          out.hits += c.hits;
          out.total += c.total;
          out.paid += c.paid;
          out.withoutFigure += c.withoutFigure;
          for (int i = 0; i < fields.length; i++) {
            Map<String, long[]> target = out.counts.get(i);
            c.counts.get(i).forEach((k, v) -> target.computeIfAbsent(k, x -> new long[1])[0] += v[0]);
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
              counts.get(i).computeIfAbsent(key, k -> new long[1])[0] += c[ord];
            }
          }
        }
      }
    };
  }

  private void add(double amount) {
    total += amount;
    paid++;
    keep(amount);
  }

  private void keep(double amount) {
    if (keepAmounts) {
      if (amountCount == amounts.length) {
        amounts = Arrays.copyOf(amounts, Math.max(1024, amountCount * 2));
      }
      amounts[amountCount++] = amount;
    }
  }
}
