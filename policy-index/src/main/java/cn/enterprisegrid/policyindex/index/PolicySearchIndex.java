package cn.enterprisegrid.policyindex.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.SortedSetSelector;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Chinese full-text search over policies: title, summary, body and document number analysed with
 * smartcn; department, benefit kind, mode and status as keywords for filters and facets;
 * highlighted fragments. Any user text is accepted and searched by its words alone (see
 * {@link #textQuery(String)}). Same durability as {@link EnterpriseIndex}: upsert/delete by id, visible after
 * {@link #refresh()}, durable after {@link #commit(String)} with the last change id. Blocking and
 * thread-safe.
 */
public final class PolicySearchIndex implements Closeable {

  static final String ID = "id";
  static final String TITLE = "title";
  static final String SUMMARY = "summary";
  static final String BODY = "body";
  static final String DEPARTMENT = "department";
  static final String DEPARTMENT_TEXT = "departmentText";
  static final String DOC_NUMBER = "docNumber";
  static final String DOC_NUMBER_TEXT = "docNumberText";
  static final String BENEFIT_KIND = "benefitKind";
  static final String MODE = "mode";
  static final String STATUS = "status";
  static final String REGION = "region";
  static final String HAS_REGION = "hasRegion";
  static final String PUBLISHED_ON = "publishedOn";
  private static final int MAX_TEXT = 100;
  private static final String[] HIGHLIGHTED = {TITLE, SUMMARY, BODY};
  private static final Map<String, Float> WEIGHTS = Map.of(TITLE, 4f, SUMMARY, 2f, BODY, 1f, DOC_NUMBER_TEXT, 3f,
      DEPARTMENT_TEXT, 1f);
  private static final FieldType TEXT_WITH_OFFSETS;
  /** Facet dimensions: public name → index field. */
  private static final Map<String, String> FACETS = new LinkedHashMap<>();

  static {
    FieldType t = new FieldType(TextField.TYPE_STORED);
    t.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    t.freeze();
    TEXT_WITH_OFFSETS = t;
    FACETS.put("department", DEPARTMENT);
    FACETS.put("benefitKind", BENEFIT_KIND);
    FACETS.put("mode", MODE);
    FACETS.put("status", STATUS);
  }

  private final Analyzer analyzer;
  private final LuceneStore store;

  private PolicySearchIndex(Path dir) {
    this.analyzer = new SmartChineseAnalyzer();
    this.store = new LuceneStore(dir, analyzer, 32, null, "policy-1");
  }

  /** Opens (or creates) the index in a directory. */
  public static PolicySearchIndex open(Path dir) {
    return new PolicySearchIndex(Objects.requireNonNull(dir));
  }

  /** Adds or replaces a policy. */
  public void upsert(PolicyDocument p) {
    try {
      store.writer().updateDocument(new Term(ID, p.id()), toDocument(p));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a policy (no-op when absent). */
  public void delete(String id) {
    try {
      store.writer().deleteDocuments(new Term(ID, id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes all writes durable, records {@code lastChangeId}, refreshes readers. */
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

  /** Replaces the whole content, commits with {@code lastChangeId} and refreshes. */
  public void rebuild(Iterable<PolicyDocument> policies, String lastChangeId) {
    try {
      store.writer().deleteAll();
      for (PolicyDocument p : policies) {
        store.writer().addDocument(toDocument(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    store.commit(lastChangeId);
  }

  /** Number of policies visible to searches. */
  public long size() {
    return store.search(s -> (long) s.getIndexReader().numDocs());
  }

  /** Searches; never throws because of the user's text. */
  public PolicySearchResult search(PolicyQuery q) {
    Query text = textQuery(q.text());
    Query base = text == null ? new MatchAllDocsQuery() : text;
    Map<String, Query> filters = new LinkedHashMap<>();
    addFilter(filters, DEPARTMENT, q.departments());
    addFilter(filters, BENEFIT_KIND, q.benefitKinds());
    addFilter(filters, MODE, q.modes());
    addFilter(filters, STATUS, q.statuses());
    if (q.regionCode() != null && !q.regionCode().isBlank()) {
      filters.put(REGION, regionFilter(q.regionCode().strip()));
    }
    Query main = combine(base, filters, null);
    return store.search(s -> {
      long total = s.count(main);
      int top = q.offset() + q.limit();
      TopDocs docs = text == null
          ? s.search(main, top, new Sort(publishedSort(), KeywordField.newSortField(ID, false, SortedSetSelector.Type.MIN)), false)
          : s.search(main, top);
      ScoreDoc[] all = docs.scoreDocs;
      int from = Math.min(q.offset(), all.length);
      int n = all.length - from;
      int[] ids = new int[n];
      for (int i = 0; i < n; i++) {
        ids[i] = all[from + i].doc;
      }
      Map<String, String[]> hl = text == null || n == 0 ? Map.of() : highlight(s, text, ids);
      StoredFields stored = s.storedFields();
      List<PolicyHit> hits = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Document d = stored.document(ids[i]);
        Map<String, String> h = new HashMap<>();
        for (String f : HIGHLIGHTED) {
          String[] frag = hl.get(f);
          if (frag != null && frag[i] != null && !frag[i].isEmpty()) {
            h.put(f, frag[i]);
          }
        }
        float score = all[from + i].score;
        hits.add(new PolicyHit(d.get(ID), d.get(TITLE), d.get(DEPARTMENT), d.get(DOC_NUMBER),
            Float.isNaN(score) ? 0f : score, h));
      }
      Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
      for (Map.Entry<String, String> dim : FACETS.entrySet()) {
        BreakdownCollector c = BreakdownCollector.collect(s, combine(base, filters, dim.getValue()),
            new String[] {dim.getValue()}, null, false);
        List<FacetValue> values = new ArrayList<>();
        c.counts(0).forEach((k, v) -> values.add(new FacetValue(k, v[0])));
        values.sort(Comparator.comparingLong(FacetValue::count).reversed().thenComparing(FacetValue::value));
        facets.put(dim.getKey(), values);
      }
      return new PolicySearchResult(total, hits, facets);
    });
  }

  @Override
  public void close() {
    store.close();
  }

  private Map<String, String[]> highlight(IndexSearcher s, Query text, int[] ids) throws IOException {
    UnifiedHighlighter h = UnifiedHighlighter.builder(s, analyzer)
        .withFormatter(new DefaultPassageFormatter("<em>", "</em>", "…", true))
        .withMaxLength(200_000)
        .build();
    int[] passages = new int[HIGHLIGHTED.length];
    Arrays.fill(passages, 2);
    passages[0] = 1;
    return h.highlightFields(HIGHLIGHTED, text, ids, passages);
  }

  /**
   * The user's text as a query, or null when it has no words. The text is only split into words
   * (the analyzer's terms), never parsed: punctuation and operator-like characters ({@code -},
   * quotes, {@code *}, {@code AND}, {@code %}) are what users type, not syntax, so a query finds
   * what its words find.
   */
  Query textQuery(String raw) {
    if (raw == null) {
      return null;
    }
    String stripped = raw.strip();
    String t = stripped.length() > MAX_TEXT ? stripped.substring(0, MAX_TEXT) : stripped;
    if (t.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder words = new BooleanQuery.Builder();
    // at most MAX_TEXT terms per field: well below the clause limit
    WEIGHTS.forEach((field, weight) -> {
      for (String term : terms(field, t)) {
        words.add(new BoostQuery(new TermQuery(new Term(field, term)), weight), Occur.SHOULD);
      }
    });
    return new BooleanQuery.Builder()
        .add(words.build(), Occur.SHOULD)
        .add(new BoostQuery(new TermQuery(new Term(DOC_NUMBER, t)), 10f), Occur.SHOULD)
        .build();
  }

  private Set<String> terms(String field, String text) {
    Set<String> out = new LinkedHashSet<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a string reader does not fail
    }
    return out;
  }

  private static void addFilter(Map<String, Query> filters, String field, Set<String> values) {
    if (!values.isEmpty()) {
      filters.put(field, new TermInSetQuery(field, values.stream().map(BytesRef::new).toList()));
    }
  }

  private static Query regionFilter(String code) {
    List<BytesRef> prefixes = new ArrayList<>();
    for (int len : new int[] {2, 4, 6, 9, 12}) {
      if (code.length() >= len) {
        prefixes.add(new BytesRef(code.substring(0, len)));
      }
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder()
        .add(new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.FILTER)
            .add(new TermQuery(new Term(HAS_REGION, "true")), Occur.MUST_NOT).build(), Occur.SHOULD);
    if (!prefixes.isEmpty()) {
      b.add(new TermInSetQuery(REGION, prefixes), Occur.SHOULD);
    }
    return b.setMinimumNumberShouldMatch(1).build();
  }

  private static Query combine(Query base, Map<String, Query> filters, String except) {
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(base, Occur.MUST);
    filters.forEach((field, q) -> {
      if (!field.equals(except)) {
        b.add(q, Occur.FILTER);
      }
    });
    return b.build();
  }

  private static SortField publishedSort() {
    SortedNumericSortField f = new SortedNumericSortField(PUBLISHED_ON, SortField.Type.LONG, true);
    f.setMissingValue(Long.MIN_VALUE);
    return f;
  }

  private static Document toDocument(PolicyDocument p) {
    Document d = new Document();
    d.add(new KeywordField(ID, p.id(), Field.Store.YES));
    text(d, TITLE, p.title());
    text(d, SUMMARY, p.summary());
    text(d, BODY, p.body());
    if (p.department() != null) {
      d.add(new KeywordField(DEPARTMENT, p.department(), Field.Store.YES));
      d.add(new TextField(DEPARTMENT_TEXT, p.department(), Field.Store.NO));
    }
    if (p.docNumber() != null) {
      d.add(new KeywordField(DOC_NUMBER, p.docNumber(), Field.Store.YES));
      d.add(new TextField(DOC_NUMBER_TEXT, p.docNumber(), Field.Store.NO));
    }
    keyword(d, BENEFIT_KIND, p.benefitKind());
    keyword(d, MODE, p.mode());
    keyword(d, STATUS, p.status());
    if (!p.regionCodes().isEmpty()) {
      d.add(new StringField(HAS_REGION, "true", Field.Store.NO));
      for (String r : p.regionCodes()) {
        d.add(new StringField(REGION, r, Field.Store.NO));
      }
    }
    if (p.publishedOn() != null) {
      d.add(new LongField(PUBLISHED_ON, p.publishedOn().toEpochDay(), Field.Store.NO));
    }
    return d;
  }

  private static void text(Document d, String name, String value) {
    if (value != null) {
      d.add(new Field(name, value, TEXT_WITH_OFFSETS));
    }
  }

  private static void keyword(Document d, String name, String value) {
    if (value != null) {
      d.add(new KeywordField(name, value, Field.Store.NO));
    }
  }

}
