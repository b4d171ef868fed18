package cn.enterprisegrid.problem;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds open problems that may be the same as a new one (共性问题): the same firm's, or other firms'
 * of the same category in the same township. Lucene (the Chinese analyzer's words, BM25, the new
 * title's words counting double) proposes candidates; a candidate counts when it shares enough of the new problem's
 * words, and the shared words are the explanation a grid admin reads before merging. Blocking:
 * call it on a worker. Thread-safe.
 */
public final class SimilarProblems implements Closeable {
  /** Candidates Lucene proposes before the overlap check. */
  static final int CANDIDATES = 20;
  /** Share of the shorter problem's words the two must have in common. */
  static final double MIN_OVERLAP = 0.6;
  static final int MIN_SHARED = 2;

  /** The indexed view of a problem. */
  public record Entry(String id, String uscc, String category, String township, String title, String description) {}

  /** A possibly-same open problem and the words both use. */
  public record Match(String id, String uscc, double overlap, Set<String> sharedWords) {}

  private final Analyzer analyzer = new SmartChineseAnalyzer();
  private final IndexWriter writer;
  private final SearcherManager searchers;

  public SimilarProblems(Directory dir) {
    try {
      writer = new IndexWriter(dir, new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
      searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds or replaces an open problem (visible to searches after {@link #refresh}). */
  public void open(Entry e) {
    Document doc = new Document();
    doc.add(new StringField("id", e.id(), Field.Store.YES));
    doc.add(new StringField("uscc", e.uscc(), Field.Store.YES));
    doc.add(new StringField("category", e.category(), Field.Store.NO));
    doc.add(new StringField("township", e.township(), Field.Store.NO));
    Set<String> words = words(e.title() + " " + e.description());
    doc.add(new StoredField("words", String.join(" ", words)));
    words.forEach(w -> doc.add(new StringField("w", w, Field.Store.NO)));
    try {
      writer.updateDocument(new Term("id", e.id()), doc);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Removes a problem that closed, was rejected or merged (after {@link #refresh}). */
  public void closed(String id) {
    try {
      writer.deleteDocuments(new Term("id", id));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** The open problems that may be the same as {@code e} (itself excluded), most alike first. */
  public List<Match> similarTo(Entry e) {
    Set<String> mine = words(e.title() + " " + e.description());
    if (mine.size() < MIN_SHARED) {
      return List.of();
    }
    // the same firm's problems, or the same category's in the same township
    BooleanQuery scope = new BooleanQuery.Builder()
        .add(new TermQuery(new Term("uscc", e.uscc())), BooleanClause.Occur.SHOULD)
        .add(new BooleanQuery.Builder()
            .add(new TermQuery(new Term("category", e.category())), BooleanClause.Occur.FILTER)
            .add(new TermQuery(new Term("township", e.township())), BooleanClause.Occur.FILTER).build(),
            BooleanClause.Occur.SHOULD)
        .setMinimumNumberShouldMatch(1).build();
    // one clause per distinct word, a word of the new title counting double: BM25 over the words
    // ranks the candidates, and asking for MIN_SHARED of them lets Lucene skip the many open cases
    // that share one common word only (few terms: each costs a lookup in every segment)
    Set<String> titleWords = words(e.title());
    BooleanQuery.Builder common = new BooleanQuery.Builder().setMinimumNumberShouldMatch(MIN_SHARED);
    for (String w : mine) {
      Query term = new TermQuery(new Term("w", w));
      common.add(titleWords.contains(w) ? new BoostQuery(term, 2f) : term, BooleanClause.Occur.SHOULD);
    }
    BooleanQuery q = new BooleanQuery.Builder()
        .add(common.build(), BooleanClause.Occur.MUST)
        .add(scope, BooleanClause.Occur.FILTER)
        .add(new TermQuery(new Term("id", e.id())), BooleanClause.Occur.MUST_NOT)
        .build();
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        List<Match> out = new ArrayList<>();
        for (ScoreDoc sd : searcher.search(q, CANDIDATES).scoreDocs) {
          Document d = searcher.storedFields().document(sd.doc);
          Set<String> theirs = Set.of(d.get("words").split(" "));
          Set<String> shared = new TreeSet<>(mine);
          shared.retainAll(theirs);
          double overlap = (double) shared.size() / Math.min(mine.size(), theirs.size());
          if (shared.size() >= MIN_SHARED && overlap >= MIN_OVERLAP) {
            out.add(new Match(d.get("id"), d.get("uscc"), overlap, shared));
          }
        }
        out.sort((a, b) -> Double.compare(b.overlap(), a.overlap()));
        return out;
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** The distinct words of a text as the Chinese analyzer cuts them (single characters dropped: too common). */
  Set<String> words(String text) {
    Set<String> out = new LinkedHashSet<>();
    try (TokenStream ts = analyzer.tokenStream("description", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        if (term.length() > 1) {
          out.add(term.toString());
        }
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Makes the writes so far visible to {@link #similarTo} (a refresh per write would cost more
   * than the write: the indexer refreshes once per batch of changes).
   */
  public void refresh() {
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes what was written durable (the index is derived: rebuilt from Redis when lost). */
  public void commit() {
    try {
      writer.commit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
