package cn.enterprisegrid.policyindex.index;

import cn.enterprisegrid.policyindex.profile.Profile;
import cn.enterprisegrid.policyindex.rule.Rule;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.QueryMatch;

/**
 * Benchmark helper (test sources): firm → policies with Lucene Monitor, registering each rule's
 * TRUE and UNKNOWN queries (the same translation the enterprise index uses) and matching one
 * profile document at a time. Verdicts only, no explanations or near misses.
 */
public final class MonitorComparison implements AutoCloseable {
  private final Monitor monitor;

  public MonitorComparison(Map<String, Rule> rules, LocalDate asOf) throws IOException {
    monitor = new Monitor(new KeywordAnalyzer());
    RuleQueries q = new RuleQueries(asOf);
    List<MonitorQuery> all = new ArrayList<>();
    rules.forEach((id, r) -> {
      all.add(new MonitorQuery(id + "#T", q.trueSet(r)));
      all.add(new MonitorQuery(id + "#U", q.unknownSet(r)));
    });
    monitor.register(all);
  }

  /** Number of policies ELIGIBLE or UNKNOWN for the firm. */
  public int match(Profile p) throws IOException {
    return monitor.match(EnterpriseDocuments.toDocument(p), QueryMatch.SIMPLE_MATCHER).getMatchCount();
  }

  @Override
  public void close() throws IOException {
    monitor.close();
  }
}
