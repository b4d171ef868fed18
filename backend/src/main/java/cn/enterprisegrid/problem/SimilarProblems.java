package cn.enterprisegrid.problem;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds open problems that may be the same as a new one (共性问题): the same firm's, or other firms'
 * of the same category in the same township. The Chinese analyzer cuts title and description into
 * words; each word is indexed within its pool ({@code category/township word}), so the postings of
 * the new problem's words name exactly the pool's cases that use them, and the firm's own cases
 * (few) are found by the firm with their words in doc values.
 * A candidate counts when it shares two words and 60 % of the shorter problem's words; the shared
 * words are the explanation a grid admin reads before merging. {@link SimilarLinks} asks it for
 * each new case after the indexer's commit. Blocking: call it on a worker. Thread-safe.
 */
public final class SimilarProblems implements Closeable {
  /** Candidates proposed at most, most alike first. */
  static final int CANDIDATES = 20;
  /** Share of the shorter problem's words the two must have in common. */
  static final double MIN_OVERLAP = 0.6;
  static final int MIN_SHARED = 2;
  /**
   * Cases read per word of each pool, newest first: a pool with thousands of open cases alike (a
   * problem every firm of a township has) costs a bounded search that compares the newest.
   */
  static final int READ_PER_WORD = 64;

  /** The layout of the documents; an index written in another is emptied and rebuilt. */
  private static final String FORMAT = "3";
  private static final String FORMAT_KEY = "format";

  /** The indexed view of a problem. */
  public record Entry(String id, String uscc, String category, String township, String title, String description) {}

  /** A possibly-same open problem and the words both use. */
  public record Match(String id, String uscc, double overlap, Set<String> sharedWords) {}

  /** The words of a problem's title, and of its title and description, as {@link #words(String)} cuts them. */
  record Words(Set<String> title, Set<String> all) {}

  private final Analyzer analyzer = new SmartChineseAnalyzer();
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final boolean current;

  public SimilarProblems(Directory dir) {
    try {
      boolean same = DirectoryReader.indexExists(dir) && FORMAT.equals(
          SegmentInfos.readLatestCommit(dir).getUserData().get(FORMAT_KEY));
      current = same;
      // newest first within each segment, so that a bounded read of a word's postings reads the
      // newest cases; few segments, since every search looks its words up in each
      TieredMergePolicy merges = new TieredMergePolicy();
      merges.setSegmentsPerTier(4);
      writer = new IndexWriter(dir, new IndexWriterConfig(analyzer)
          .setIndexSort(new Sort(new SortField(PoolPostings.ORDER, SortField.Type.LONG, true)))
          .setMergePolicy(merges)
          .setOpenMode(same ? IndexWriterConfig.OpenMode.APPEND : IndexWriterConfig.OpenMode.CREATE));
      writer.setLiveCommitData(Map.of(FORMAT_KEY, FORMAT).entrySet());
      searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether the index on disk was written by this layout and can be followed from where it was
   * committed; when not (none yet, or an older layout: emptied at opening) it must be filled again.
   */
  public boolean current() {
    return current;
  }

  /** Adds or replaces an open problem (visible to searches after {@link #refresh}). */
  public void open(Entry e) {
    open(e, words(e));
  }

  /** {@link #open(Entry)} with the words of {@code e} cut already ({@link #words(Entry)}). */
  void open(Entry e, Words words) {
    Document doc = new Document();
    doc.add(new StringField(PoolPostings.ID, e.id(), Field.Store.NO));
    doc.add(new SortedDocValuesField(PoolPostings.ID, new BytesRef(e.id())));
    doc.add(new SortedDocValuesField(PoolPostings.USCC, new BytesRef(e.uscc())));
    doc.add(new NumericDocValuesField(PoolPostings.ORDER, order(e.id())));
    doc.add(new NumericDocValuesField(PoolPostings.COUNT, words.all().size()));
    // the firm's own cases are few: found by the firm, their words read from doc values
    doc.add(new StringField(PoolPostings.USCC, e.uscc(), Field.Store.NO));
    doc.add(new BinaryDocValuesField(PoolPostings.WORDS, new BytesRef(String.join(" ", words.all()))));
    for (String w : words.all()) {
      doc.add(new StringField(PoolPostings.BUCKET_WORD, PoolPostings.pooled(bucket(e), w), Field.Store.NO));
    }
    try {
      writer.updateDocument(new Term(PoolPostings.ID, e.id()), doc);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Removes a problem that closed, was rejected or merged (after {@link #refresh}). */
  public void closed(String id) {
    try {
      writer.deleteDocuments(new Term(PoolPostings.ID, id));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /**
   * The open problems that may be the same as {@code e} (itself excluded), most alike first: those
   * filed before it when its id is a number of {@code problems:seq} (a burst of filings links each
   * to the earlier ones).
   */
  public List<Match> similarTo(Entry e) {
    return similarTo(e, words(e));
  }

  /** {@link #similarTo(Entry)} with the words of {@code e} cut already. */
  List<Match> similarTo(Entry e, Words words) {
    if (words.all().size() < MIN_SHARED) {
      return List.of();
    }
    try {
      IndexSearcher searcher = searchers.acquire();
      try {
        PoolPostings pools = new PoolPostings(new ArrayList<>(words.all()), e.uscc(), bucket(e), order(e.id()));
        List<Match> out = new ArrayList<>();
        for (Match m : pools.search(searcher.getIndexReader(), CANDIDATES + 1)) {
          if (!m.id().equals(e.id()) && out.size() < CANDIDATES) {
            out.add(m);
          }
        }
        return out;
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /** Cuts the words of {@code e}, once for its indexing and its search. */
  Words words(Entry e) {
    Set<String> title = words(e.title());
    Set<String> all = new LinkedHashSet<>(title);
    all.addAll(words(e.description()));
    return new Words(title, all);
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

  /** The filing order: ids are drawn from {@code problems:seq}, so their number (0 for another id). */
  private static long order(String id) {
    String digits = id.replaceAll("\\D", "");
    return digits.isEmpty() || digits.length() > 18 ? 0 : Long.parseLong(digits);
  }

  /** The pool a problem is compared within besides its firm's: its category in its township. */
  private static String bucket(Entry e) {
    return e.category() + "/" + e.township();
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
