package cn.enterprisegrid.problem;

import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One search of {@link SimilarProblems}: reads the postings of the new problem's words within its
 * category and township's pool, and the words of its firm's own cases, segment by segment, and
 * notes for each case which of the words it uses (a bit per word). A TermsEnum per field and segment serves every word (a query would build term states per
 * word and segment, the larger cost for a problem of a dozen words), and each word's postings are
 * read newest first up to {@link SimilarProblems#READ_PER_WORD} cases in all segments together.
 */
final class PoolPostings {
  static final String ID = "id";
  static final String USCC = "uscc";
  /** The filing order (doc values; the index is sorted by it, newest first). */
  static final String ORDER = "order";
  /** How many distinct words the case has (doc values). */
  static final String COUNT = "count";
  /** A word within its category and township's pool ({@code category/township word}). */
  static final String BUCKET_WORD = "bw";
  /** The case's words, space-separated (doc values). */
  static final String WORDS = "words";
  /** Words compared at most (a bit each); a longer text is compared by its first ones, title first. */
  static final int MAX_WORDS = 63;

  private static final Comparator<Found> ALIKE_FIRST = Comparator.comparingDouble(Found::overlap).reversed()
      .thenComparing(Comparator.comparingInt(Found::shared).reversed())
      .thenComparing(Comparator.comparingLong(Found::order).reversed());

  private final List<String> words;
  /** Each word's bit. */
  private final Map<String, Integer> bit = new HashMap<>();
  private final String uscc;
  private final String bucket;
  private final long before;

  /** {@code before}: only cases filed before this order count (0: any). */
  PoolPostings(List<String> words, String uscc, String bucket, long before) {
    this.words = words.size() > MAX_WORDS ? words.subList(0, MAX_WORDS) : words;
    for (int i = 0; i < this.words.size(); i++) {
      bit.put(this.words.get(i), i);
    }
    this.uscc = uscc;
    this.bucket = bucket;
    this.before = before;
  }

  static String pooled(String pool, String word) {
    return pool + ' ' + word;
  }

  /** The {@code top} cases most alike that pass the thresholds, most alike first. */
  List<SimilarProblems.Match> search(IndexReader reader, int top) throws IOException {
    List<Found> best = new ArrayList<>();
    // the newest segments first (a merge puts older cases in the earlier ones), each word's budget
    // shared by all of them
    List<LeafReaderContext> leaves = reader.leaves();
    int[] firmBudget = {SimilarProblems.READ_PER_WORD};
    int[] bucketBudget = new int[words.size()];
    Arrays.fill(bucketBudget, SimilarProblems.READ_PER_WORD);
    for (int i = leaves.size() - 1; i >= 0; i--) {
      best.addAll(search(leaves.get(i), top, firmBudget, bucketBudget));
    }
    best.sort(ALIKE_FIRST);
    List<Found> kept = best.subList(0, Math.min(top, best.size()));
    // ids and firms of the kept ones only, segment by segment in increasing doc order (doc values
    // move forward), then given back most alike first
    List<Found> byDoc = new ArrayList<>(kept);
    byDoc.sort(Comparator.comparingInt(Found::doc));
    Map<Found, SimilarProblems.Match> named = new IdentityHashMap<>();
    LeafReaderContext at = null;
    SortedDocValues ids = null;
    SortedDocValues firms = null;
    for (Found f : byDoc) {
      if (f.leaf != at) {
        at = f.leaf;
        ids = DocValues.getSorted(at.reader(), ID);
        firms = DocValues.getSorted(at.reader(), USCC);
      }
      int doc = f.doc - at.docBase;
      if (ids.advanceExact(doc) && firms.advanceExact(doc)) {
        named.put(f, new SimilarProblems.Match(ids.lookupOrd(ids.ordValue()).utf8ToString(),
            firms.lookupOrd(firms.ordValue()).utf8ToString(), f.overlap, sharedWords(f.mask)));
      }
    }
    List<SimilarProblems.Match> out = new ArrayList<>();
    kept.stream().map(named::get).filter(m -> m != null).forEach(out::add);
    return out;
  }

  /** A case that passed, before its id and firm are read ({@code doc} of the whole index). */
  private record Found(LeafReaderContext leaf, int doc, long mask, int shared, double overlap, long order) {}

  private List<Found> search(LeafReaderContext leaf, int top, int[] firmBudget, int[] bucketBudget)
      throws IOException {
    LeafReader r = leaf.reader();
    DocMasks masks = new DocMasks();
    Bits live = r.getLiveDocs();
    readFirm(r, live, masks, firmBudget);
    read(r.terms(BUCKET_WORD), bucket, live, masks, bucketBudget);
    int[] docs = masks.docsWith(SimilarProblems.MIN_SHARED);
    if (docs.length == 0) {
      return List.of();
    }
    Arrays.sort(docs);
    NumericDocValues order = DocValues.getNumeric(r, ORDER);
    NumericDocValues count = DocValues.getNumeric(r, COUNT);
    List<Found> found = new ArrayList<>();
    for (int doc : docs) {
      long o = order.advanceExact(doc) ? order.longValue() : 0;
      if (before > 0 && o >= before) {
        continue;
      }
      long mask = masks.get(doc);
      int shared = Long.bitCount(mask);
      long theirs = count.advanceExact(doc) ? count.longValue() : shared;
      double overlap = (double) shared / Math.max(1, Math.min(words.size(), theirs));
      if (overlap >= SimilarProblems.MIN_OVERLAP) {
        found.add(new Found(leaf, leaf.docBase + doc, mask, shared, Math.min(1.0, overlap), o));
      }
    }
    found.sort(ALIKE_FIRST);
    return found.subList(0, Math.min(top, found.size()));
  }

  /** The firm's own cases, newest first up to the budget: which of the words each uses, from its doc values. */
  private void readFirm(LeafReader r, Bits live, DocMasks masks, int[] budget) throws IOException {
    Terms terms = r.terms(USCC);
    if (terms == null || budget[0] == 0) {
      return;
    }
    TermsEnum te = terms.iterator();
    if (!te.seekExact(new BytesRef(uscc))) {
      return;
    }
    PostingsEnum postings = te.postings(null, PostingsEnum.NONE);
    BinaryDocValues theirs = DocValues.getBinary(r, WORDS);
    for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS && budget[0] > 0;
        doc = postings.nextDoc()) {
      if ((live != null && !live.get(doc)) || !theirs.advanceExact(doc)) {
        continue;
      }
      long bits = 0;
      for (String w : theirs.binaryValue().utf8ToString().split(" ")) {
        Integer i = bit.get(w);
        if (i != null) {
          bits |= 1L << i;
        }
      }
      if (bits != 0) {
        masks.or(doc, bits);
      }
      budget[0]--;
    }
  }

  private void read(Terms terms, String pool, Bits live, DocMasks masks, int[] budget) throws IOException {
    if (terms == null) {
      return;
    }
    TermsEnum te = terms.iterator();
    PostingsEnum postings = null;
    for (int i = 0; i < words.size(); i++) {
      if (budget[i] == 0 || !te.seekExact(new BytesRef(pooled(pool, words.get(i))))) {
        continue;
      }
      postings = te.postings(postings, PostingsEnum.NONE);
      for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS && budget[i] > 0;
          doc = postings.nextDoc()) {
        if (live == null || live.get(doc)) {
          masks.or(doc, 1L << i);
          budget[i]--;
        }
      }
    }
  }

  private Set<String> sharedWords(long mask) {
    Set<String> out = new TreeSet<>();
    for (int i = 0; i < words.size(); i++) {
      if ((mask & (1L << i)) != 0) {
        out.add(words.get(i));
      }
    }
    return out;
  }

  /** Doc → word bits, open addressing (a search touches a few thousand docs at most). */
  private static final class DocMasks {
    private int[] keys = new int[1024];
    private long[] values = new long[1024];
    private int size;

    DocMasks() {
      Arrays.fill(keys, -1);
    }

    void or(int doc, long bits) {
      if (size * 2 >= keys.length) {
        grow();
      }
      int i = slot(keys, doc);
      if (keys[i] < 0) {
        keys[i] = doc;
        size++;
      }
      values[i] |= bits;
    }

    long get(int doc) {
      int i = slot(keys, doc);
      return keys[i] == doc ? values[i] : 0;
    }

    int[] docsWith(int minBits) {
      int[] out = new int[size];
      int n = 0;
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] >= 0 && Long.bitCount(values[i]) >= minBits) {
          out[n++] = keys[i];
        }
      }
      return Arrays.copyOf(out, n);
    }

    private static int slot(int[] keys, int doc) {
      int mask = keys.length - 1;
      int i = (doc * 0x9E3779B9) >>> 1 & mask;
      while (keys[i] >= 0 && keys[i] != doc) {
        i = (i + 1) & mask;
      }
      return i;
    }

    private void grow() {
      int[] oldKeys = keys;
      long[] oldValues = values;
      keys = new int[oldKeys.length * 2];
      values = new long[oldKeys.length * 2];
      Arrays.fill(keys, -1);
      for (int j = 0; j < oldKeys.length; j++) {
        if (oldKeys[j] >= 0) {
          int i = slot(keys, oldKeys[j]);
          keys[i] = oldKeys[j];
          values[i] = oldValues[j];
        }
      }
    }
  }
}
