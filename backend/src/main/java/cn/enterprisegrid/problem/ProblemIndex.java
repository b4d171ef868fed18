package cn.enterprisegrid.problem;

import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This node's listing index of cases (the console's problem pool and board): one document per case
 * with the facets a list filters on, so that "the overdue cases of one department in one township,
 * page 3" is a Lucene query, never a scan of Redis. Derived from Redis ({@link ProblemIndexer});
 * {@link #commit} records the last change applied so a restart resumes there. Blocking and
 * thread-safe.
 */
public final class ProblemIndex implements Closeable {
  private static final String LAST_CHANGE = "lastChangeId";
  private static final Sort NEWEST_FIRST = new Sort(new SortField("filedAt", SortField.Type.LONG, true),
      new SortField("idNum", SortField.Type.LONG, true));

  /** What a listing asks for; null members do not filter. */
  public record Filter(String status, String department, String township, Boolean overdue,
      String region, String scopeDepartment, Collection<String> usccs) {}

  /** One page of case ids, newest filed first, and how many match in all. */
  public record Page(List<String> ids, long total) {}

  private final Directory dir;
  private final IndexWriter writer;
  private final SearcherManager searchers;

  private ProblemIndex(Directory dir) throws IOException {
    this.dir = dir;
    this.writer = new IndexWriter(dir, new IndexWriterConfig(new KeywordAnalyzer())
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
    this.searchers = new SearcherManager(writer, null);
  }

  /** Opens (or creates) the index in {@code path}. */
  public static ProblemIndex open(Path path) {
    try {
      return new ProblemIndex(FSDirectory.open(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Indexes the case held in hash {@code h} (as stored by {@code ProblemStore}), replacing its document. */
  public void upsert(Map<String, String> h) {
    String id = h.get("id");
    Document d = new Document();
    d.add(new StringField("id", id, Field.Store.YES));
    d.add(new NumericDocValuesField("idNum", parseLong(id)));
    keyword(d, "status", h.get("status"));
    keyword(d, "department", h.get("department"));
    keyword(d, "pendingDepartment", h.get("pendingDepartment"));
    keyword(d, "township", h.get("township"));
    keyword(d, "uscc", h.get("uscc"));
    keyword(d, "category", h.get("category"));
    long filed = Instant.parse(h.getOrDefault("filedAt", "1970-01-01T00:00:00Z")).toEpochMilli();
    d.add(new NumericDocValuesField("filedAt", filed));
    // the earliest running deadline's end: "overdue now" is a range query against the clock
    String clock = h.get("clock");
    long passes = Long.MAX_VALUE;
    if (clock != null && !h.containsKey("mergedInto")) {
      CaseClock c = ClockJson.decode(new io.vertx.core.json.JsonObject(clock));
      passes = c.running().stream().map(Deadline::passesAt).mapToLong(Instant::toEpochMilli).min().orElse(Long.MAX_VALUE);
    }
    d.add(new LongPoint("passesAt", passes));
    try {
      writer.updateDocument(new Term("id", id), d);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Drops a case (a hash that is gone). */
  public void delete(String id) {
    try {
      writer.deleteDocuments(new Term("id", id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One page ({@code page} from 1) of the cases {@code f} selects, at {@code now}, newest filed first. */
  public Page list(Filter f, Instant now, int page, int pageSize) {
    Query q = query(f, now);
    try {
      IndexSearcher s = searchers.acquire();
      try {
        int upTo = Math.max(1, page * pageSize);
        TopFieldDocs top = s.search(q, upTo, NEWEST_FIRST);
        List<String> ids = new ArrayList<>();
        var stored = s.storedFields();
        for (int i = (page - 1) * pageSize; i < top.scoreDocs.length; i++) {
          ScoreDoc sd = top.scoreDocs[i];
          ids.add(stored.document(sd.doc).get("id"));
        }
        return new Page(ids, s.count(q));
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Query query(Filter f, Instant now) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER);
    term(b, "status", f.status());
    term(b, "department", f.department());
    term(b, "township", f.township());
    if (f.region() != null && !f.region().isEmpty()) {
      b.add(new PrefixQuery(new Term("township", f.region())), BooleanClause.Occur.FILTER);
    }
    if (f.scopeDepartment() != null) {
      // a handler sees its department's cases and the transfers proposed to it
      b.add(new BooleanQuery.Builder()
          .add(new TermQuery(new Term("department", f.scopeDepartment())), BooleanClause.Occur.SHOULD)
          .add(new TermQuery(new Term("pendingDepartment", f.scopeDepartment())), BooleanClause.Occur.SHOULD)
          .build(), BooleanClause.Occur.FILTER);
    }
    if (f.usccs() != null) {
      List<BytesRef> terms = f.usccs().stream().map(BytesRef::new).toList();
      b.add(new TermInSetQuery("uscc", terms), BooleanClause.Occur.FILTER);
    }
    if (f.overdue() != null) {
      Query due = LongPoint.newRangeQuery("passesAt", Long.MIN_VALUE, now.toEpochMilli());
      b.add(due, f.overdue() ? BooleanClause.Occur.FILTER : BooleanClause.Occur.MUST_NOT);
    }
    return b.build();
  }

  /** Makes the writes so far visible to {@link #list}. */
  public void refresh() {
    try {
      searchers.maybeRefresh();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes the writes durable with the id of the last change they include, and visible. */
  public void commit(String lastChangeId) {
    try {
      writer.setLiveCommitData(Map.of(LAST_CHANGE, lastChangeId).entrySet());
      writer.commit();
      refresh();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The change id of the last commit, empty for a new index. */
  public Optional<String> lastChangeId() {
    Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
    if (data != null) {
      for (Map.Entry<String, String> e : data) {
        if (LAST_CHANGE.equals(e.getKey())) {
          return Optional.of(e.getValue());
        }
      }
    }
    return Optional.empty();
  }

  /** Cases indexed (visible to searches). */
  public int size() {
    try {
      IndexSearcher s = searchers.acquire();
      try {
        return s.getIndexReader().numDocs();
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
      dir.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void term(BooleanQuery.Builder b, String field, String value) {
    if (value != null && !value.isEmpty()) {
      b.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.FILTER);
    }
  }

  private static void keyword(Document d, String field, String value) {
    if (value != null && !value.isEmpty()) {
      d.add(new StringField(field, value, Field.Store.NO));
    }
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
