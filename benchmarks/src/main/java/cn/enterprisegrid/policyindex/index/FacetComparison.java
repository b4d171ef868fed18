package cn.enterprisegrid.policyindex.index;

import cn.enterprisegrid.policyindex.rule.Rule;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.MMapDirectory;

/**
 * Benchmark helper (test sources): township breakdown of a rule's TRUE set computed with
 * lucene-facet's {@link StringValueFacetCounts} versus our doc-values counting, on the last commit
 * of an enterprise index.
 */
public final class FacetComparison implements AutoCloseable {
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final StringDocValuesReaderState state;
  /** Time to build the lucene-facet reader state (needed again after every reopen), ns. */
  public final long stateBuildNanos;

  public FacetComparison(Path dir) throws IOException {
    reader = DirectoryReader.open(new MMapDirectory(dir));
    searcher = new IndexSearcher(reader);
    long t0 = System.nanoTime();
    state = new StringDocValuesReaderState(reader, EnterpriseDocuments.TOWNSHIP);
    stateBuildNanos = System.nanoTime() - t0;
  }

  /** Township counts of the TRUE set with lucene-facet; returns the number of townships. */
  public int luceneFacet(Rule rule, LocalDate asOf) throws IOException {
    Query q = new RuleQueries(asOf).trueSet(rule);
    FacetsCollector fc = searcher.search(q, new FacetsCollectorManager());
    FacetResult r = new StringValueFacetCounts(state, fc).getAllChildren(EnterpriseDocuments.TOWNSHIP);
    return r == null ? 0 : r.childCount;
  }

  /** Township counts of the TRUE set with our doc-values collector; returns the number of townships. */
  public int docValues(Rule rule, LocalDate asOf) throws IOException {
    Query q = new RuleQueries(asOf).trueSet(rule);
    return BreakdownCollector.collect(searcher, q, new String[] {EnterpriseDocuments.TOWNSHIP}, null, false).counts(0).size();
  }

  /** Both ways must agree; returns the township count. */
  public int check(List<Rule> rules, LocalDate asOf) throws IOException {
    int n = 0;
    for (Rule r : rules) {
      int a = luceneFacet(r, asOf);
      int b = docValues(r, asOf);
      if (a != b) {
        throw new IllegalStateException("facet counts disagree: " + a + " vs " + b + " for " + r.toJson());
      }
      n += a;
    }
    return n;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
