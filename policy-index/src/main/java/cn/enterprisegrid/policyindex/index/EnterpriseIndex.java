package cn.enterprisegrid.policyindex.index;

import cn.enterprisegrid.policyindex.profile.Profile;
import cn.enterprisegrid.policyindex.reference.Divisions;
import cn.enterprisegrid.policyindex.reference.IndustryCodes;
import cn.enterprisegrid.policyindex.rule.Benefit;
import cn.enterprisegrid.policyindex.rule.Rule;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.BytesRef;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Policy → firms: a Lucene index of enterprise profiles (one document per uscc) that answers a rule
 * with its TRUE (eligible) and UNKNOWN sets, counts, paged or streamed ids, and a pre-publish
 * simulation with breakdowns and payout.
 *
 * <p>Writes ({@link #upsert}, {@link #delete}) become visible to searches after {@link #refresh()}
 * or {@link #commit(String)}, and durable only after {@link #commit(String)}, which also records
 * the id of the last change applied so that a restarted node can catch up from there ({@link
 * #lastChangeId()}). {@link #close()} discards uncommitted writes. yearsSinceEstablished is
 * evaluated at the date given, by default today in Asia/Shanghai. Documents are kept sorted by
 * township code so that a region's firms are contiguous. Counting uses one pass over the rule's
 * "not false" set that tells TRUE from UNKNOWN by advancing the TRUE query alongside. Blocking and
 * thread-safe.
 */
public final class EnterpriseIndex implements Closeable {

  private static final String[] BREAKDOWN = {EnterpriseDocuments.TOWNSHIP, EnterpriseDocuments.SECTION,
      EnterpriseDocuments.SIZE_CLASS};
  private static final String[] NO_FIELDS = {};
  /** Document layout version; an index written with another one is recreated empty on open. */
  static final String SCHEMA = "enterprise-3";

  private final LuceneStore store;
  private final Clock clock;

  private EnterpriseIndex(Path dir, Clock clock) {
    // sorted by township, so that the firms of a region are contiguous doc ids (about twice as fast
    // region-restricted counts, measured)
    this.store = new LuceneStore(dir, new KeywordAnalyzer(), 256,
        new Sort(new SortField(EnterpriseDocuments.TOWNSHIP, SortField.Type.STRING)), SCHEMA);
    this.clock = clock;
  }

  /**
   * Opens (or creates) the index in a directory; dates default to today in Asia/Shanghai. An index
   * written by another version of the document layout is recreated empty (no {@link
   * #lastChangeId()}), so the caller rebuilds it.
   */
  public static EnterpriseIndex open(Path dir) {
    return open(dir, Clock.system(ZoneId.of("Asia/Shanghai")));
  }

  /** Opens (or creates) the index in a directory with a clock for the default evaluation date. */
  public static EnterpriseIndex open(Path dir, Clock clock) {
    return new EnterpriseIndex(Objects.requireNonNull(dir), Objects.requireNonNull(clock));
  }

  /** Adds or replaces the firm's document. */
  public void upsert(Profile profile) {
    try {
      store.writer().updateDocument(new Term(EnterpriseDocuments.USCC, profile.uscc()), EnterpriseDocuments.toDocument(profile));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes the firm's document (no-op when absent). */
  public void delete(String uscc) {
    try {
      store.writer().deleteDocuments(new Term(EnterpriseDocuments.USCC, uscc));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes all writes durable, records {@code lastChangeId} in the commit, and refreshes readers. */
  public void commit(String lastChangeId) {
    store.commit(lastChangeId);
  }

  /** The change id recorded by the last commit (also after a restart). */
  public Optional<String> lastChangeId() {
    return store.lastChangeId();
  }

  /** Makes writes so far visible to searches. */
  public void refresh() {
    store.refresh();
  }

  /**
   * Replaces the whole content: deletes everything, adds every profile (on up to two threads),
   * commits with {@code lastChangeId} and refreshes. Searches keep seeing the old content until
   * the commit.
   */
  public void rebuild(Iterable<Profile> profiles, String lastChangeId) {
    try {
      store.writer().deleteAll();
      int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
      Iterator<Profile> it = profiles.iterator();
      ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "enterprise-index-rebuild");
        t.setDaemon(true);
        return t;
      });
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          futures.add(pool.submit(() -> {
            List<Profile> batch = new ArrayList<>(512);
            while (true) {
              batch.clear();
              synchronized (it) {
                while (batch.size() < 512 && it.hasNext()) {
                  batch.add(it.next());
                }
              }
              if (batch.isEmpty()) {
                return null;
              }
              List<Document> docs = new ArrayList<>(batch.size());
              for (Profile p : batch) {
                docs.add(EnterpriseDocuments.toDocument(p));
              }
              store.writer().addDocuments(docs);
            }
          }));
        }
        for (Future<?> f : futures) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("rebuild interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(c);
    }
    store.commit(lastChangeId);
  }

  /** Merges segments (after a rebuild) for faster searches. */
  public void forceMerge(int maxSegments) {
    store.forceMerge(maxSegments);
  }

  /** Number of firms visible to searches. */
  public long size() {
    return store.search(s -> (long) s.getIndexReader().numDocs());
  }

  /** Bytes used by the index directory. */
  public long sizeOnDisk() {
    return store.sizeOnDisk();
  }

  /** Counts of ELIGIBLE and UNKNOWN firms today. */
  public Counts count(Rule rule) {
    return count(rule, today());
  }

  /** Counts of ELIGIBLE and UNKNOWN firms at a date. */
  public Counts count(Rule rule, LocalDate asOf) {
    RuleQueries q = new RuleQueries(asOf);
    Query nf = q.notFalseSet(rule);
    Query t = q.trueSet(rule);
    return store.search(s -> {
      KleeneCollector c = KleeneCollector.collect(s, nf, t, NO_FIELDS, null, false);
      return new Counts(c.trueHits, c.unknownHits);
    });
  }

  /** One page of ELIGIBLE firm ids in uscc order, after the cursor {@code after} (null for the first). */
  public IdPage eligible(Rule rule, LocalDate asOf, String after, int limit) {
    return page(new RuleQueries(asOf).trueSet(rule), after, limit);
  }

  /**
   * One page of ELIGIBLE firm ids whose name contains (by character bigrams) {@code nameQuery}, in
   * uscc order; a query with no letter or digit matches nothing. For listings.
   */
  public IdPage eligible(Rule rule, LocalDate asOf, String nameQuery, String after, int limit) {
    return page(withName(new RuleQueries(asOf).trueSet(rule), nameQuery), after, limit);
  }

  /** How many ELIGIBLE firms have a name containing {@code nameQuery} (see the paging variant). */
  public long countEligible(Rule rule, LocalDate asOf, String nameQuery) {
    Query q = withName(new RuleQueries(asOf).trueSet(rule), nameQuery);
    return store.search(s -> (long) s.count(q));
  }

  private static Query withName(Query q, String nameQuery) {
    if (nameQuery == null) {
      return q;
    }
    Set<String> grams = NameGrams.query(nameQuery);
    if (grams.isEmpty()) {
      return new MatchNoDocsQuery("no usable character in the name query");
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(q, Occur.FILTER);
    for (String g : grams) {
      b.add(new TermQuery(
          new Term(EnterpriseDocuments.NAME_GRAMS, g)), Occur.FILTER);
    }
    return b.build();
  }

  /** One page of UNKNOWN firm ids in uscc order, after the cursor {@code after} (null for the first). */
  public IdPage unknown(Rule rule, LocalDate asOf, String after, int limit) {
    return page(new RuleQueries(asOf).unknownSet(rule), after, limit);
  }

  /** Streams every ELIGIBLE firm id (index order) to the consumer, on the calling thread. */
  public void forEachEligible(Rule rule, LocalDate asOf, Consumer<String> consumer) {
    stream(new RuleQueries(asOf).trueSet(rule), consumer);
  }

  /** Streams every UNKNOWN firm id (index order) to the consumer, on the calling thread. */
  public void forEachUnknown(Rule rule, LocalDate asOf, Consumer<String> consumer) {
    stream(new RuleQueries(asOf).unknownSet(rule), consumer);
  }

  /** {@link #simulate(Rule, Benefit, Double, LocalDate)} today. */
  public Simulation simulate(Rule rule, Benefit benefit, Double fundPool) {
    return simulate(rule, benefit, fundPool, today());
  }

  /**
   * Simulates a policy: ELIGIBLE and UNKNOWN counts, broken down by township, industry section and
   * size class, and when a benefit is given the estimated payout against the fund pool.
   *
   * @param benefit may be null (no payout)
   * @param fundPool may be null (no pool)
   */
  public Simulation simulate(Rule rule, Benefit benefit, Double fundPool, LocalDate asOf) {
    return simulate(rule, benefit, fundPool, asOf, null);
  }

  /**
   * {@link #simulate(Rule, Benefit, Double, LocalDate)} over the firms of {@code region} only (a
   * division code of any level; null: every firm): what a township's office may see of a draft.
   */
  public Simulation simulate(Rule rule, Benefit benefit, Double fundPool, LocalDate asOf, String region) {
    RuleQueries q = new RuleQueries(asOf);
    Query nf = within(q.notFalseSet(rule), region);
    Query t = within(q.trueSet(rule), region);
    return store.search(s -> {
      KleeneCollector c = KleeneCollector.collect(s, nf, t, BREAKDOWN, benefit, fundPool != null);
      Divisions divisions = Divisions.standard();
      IndustryCodes industries = IndustryCodes.standard();
      List<Bucket> townships = buckets(c.counts(0), k -> divisions.name(k).orElse(null));
      List<Bucket> sections = buckets(c.counts(1), k -> industries.name(k).orElse(null));
      List<Bucket> sizes = buckets(c.counts(2), k -> null);
      Payout payout = benefit == null ? null : payout(c, fundPool);
      return new Simulation(c.trueHits, c.unknownHits, townships, sections, sizes, payout);
    });
  }

  private static Query within(Query q, String region) {
    if (region == null) {
      return q;
    }
    return new BooleanQuery.Builder().add(q, Occur.MUST)
        .add(new TermQuery(new Term(EnterpriseDocuments.REGION_PATH, region)), Occur.FILTER).build();
  }

  @Override
  public void close() {
    store.close();
  }

  private LocalDate today() {
    return LocalDate.now(clock);
  }

  private static Payout payout(KleeneCollector c, Double pool) {
    long worst = c.paid;
    long best = c.paid;
    double shortfall = 0;
    if (pool != null && c.trueTotal > pool) {
      double[] a = Arrays.copyOf(c.amounts, c.amountCount);
      Arrays.sort(a);
      best = covered(a, pool, true);
      worst = covered(a, pool, false);
      shortfall = c.trueTotal - pool;
    }
    return new Payout(c.trueTotal, c.paid, c.withoutFigure, c.unknownTotal, pool, worst, best, shortfall);
  }

  private static long covered(double[] sortedAscending, double pool, boolean smallestFirst) {
    double left = pool;
    long n = 0;
    for (int i = 0; i < sortedAscending.length; i++) {
      double a = sortedAscending[smallestFirst ? i : sortedAscending.length - 1 - i];
      if (a > left) {
        break;
      }
      left -= a;
      n++;
    }
    return n;
  }

  private static List<Bucket> buckets(Map<String, long[]> counts, Function<String, String> label) {
    List<Bucket> out = new ArrayList<>(counts.size());
    counts.forEach((k, v) -> out.add(new Bucket(k, label.apply(k), v[0], v[1])));
    out.sort(Comparator.comparingLong(Bucket::eligible).reversed()
        .thenComparing(Comparator.comparingLong(Bucket::unknown).reversed())
        .thenComparing(Bucket::key));
    return out;
  }

  private IdPage page(Query q, String after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1");
    }
    Query query = q;
    if (after != null) {
      query = new BooleanQuery.Builder()
          .add(q, Occur.FILTER)
          .add(new TermRangeQuery(EnterpriseDocuments.USCC, new BytesRef(after), null, false, false), Occur.FILTER)
          .build();
    }
    Query finalQuery = query;
    Sort sort = new Sort(new SortField(EnterpriseDocuments.USCC, SortField.Type.STRING));
    return store.search(s -> {
      TopFieldDocs top = s.search(finalQuery, limit + 1, sort, false);
      List<String> ids = new ArrayList<>(Math.min(limit, top.scoreDocs.length));
      for (int i = 0; i < top.scoreDocs.length && i < limit; i++) {
        ids.add(((BytesRef) ((FieldDoc) top.scoreDocs[i]).fields[0]).utf8ToString());
      }
      String next = top.scoreDocs.length > limit ? ids.get(ids.size() - 1) : null;
      return new IdPage(ids, next);
    });
  }

  private void stream(Query q, Consumer<String> consumer) {
    store.search(s -> {
      s.search(q, new CollectorManager<Collector, Void>() {
        @Override
        public Collector newCollector() {
          return idCollector(consumer);
        }

        @Override
        public Void reduce(Collection<Collector> collectors) {
          return null;
        }
      });
      return null;
    });
  }

  /** Passes each matching uscc to the consumer (serialized, in case the searcher is concurrent). */
  private static Collector idCollector(Consumer<String> consumer) {
    return new Collector() {
        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
          SortedDocValues ids = DocValues.getSorted(context.reader(), EnterpriseDocuments.USCC);
          return new LeafCollector() {
            @Override
            public void setScorer(Scorable scorer) {}

            @Override
            public void collect(int doc) throws IOException {
              if (ids.advanceExact(doc)) {
                String id = ids.lookupOrd(ids.ordValue()).utf8ToString();
                synchronized (consumer) {
                  consumer.accept(id);
                }
              }
            }
          };
        }

        @Override
        public ScoreMode scoreMode() {
          return ScoreMode.COMPLETE_NO_SCORES;
        }
      };
  }
}
