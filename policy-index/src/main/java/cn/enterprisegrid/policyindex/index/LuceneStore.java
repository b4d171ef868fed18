package cn.enterprisegrid.policyindex.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The durability and visibility plumbing shared by the indexes: an MMapDirectory, one
 * IndexWriter, a SearcherManager for near-real-time reopen, and the {@code lastChangeId} kept in
 * the commit's user data.
 */
final class LuceneStore implements Closeable {
  static final String LAST_CHANGE_ID = "lastChangeId";
  static final String SCHEMA = "schema";

  /** Something to run with a searcher. */
  interface SearchFunction<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  private final Path path;
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager manager;
  private final String schema;
  private volatile String lastChangeId;

  /**
   * Opens or creates the index. An existing index written with another {@code schema} (document
   * layout) is discarded and recreated empty, without a last change id, so that the caller
   * rebuilds it: the indexes are derived data.
   */
  LuceneStore(Path path, Analyzer analyzer, double ramBufferMb, Sort indexSort, String schema) {
    this.path = path;
    this.schema = schema;
    try {
      Files.createDirectories(path);
      this.directory = new MMapDirectory(path);
      boolean compatible = true;
      if (DirectoryReader.indexExists(directory)) {
        String found = SegmentInfos.readLatestCommit(directory).getUserData().get(SCHEMA);
        compatible = schema.equals(found);
      }
      IndexWriterConfig cfg = new IndexWriterConfig(analyzer)
          .setOpenMode(compatible ? IndexWriterConfig.OpenMode.CREATE_OR_APPEND : IndexWriterConfig.OpenMode.CREATE)
          .setRAMBufferSizeMB(ramBufferMb)
          .setUseCompoundFile(false)
          .setCommitOnClose(false);
      if (indexSort != null) {
        cfg.setIndexSort(indexSort);
      }
      this.writer = new IndexWriter(directory, cfg);
      String last = null;
      Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
      if (data != null) {
        for (Map.Entry<String, String> e : data) {
          if (e.getKey().equals(LAST_CHANGE_ID)) {
            last = e.getValue();
          }
        }
      }
      this.lastChangeId = last;
      this.manager = new SearcherManager(writer, true, false, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open index at " + path, e);
    }
  }

  IndexWriter writer() {
    return writer;
  }

  Optional<String> lastChangeId() {
    return Optional.ofNullable(lastChangeId);
  }

  /** Makes everything written so far durable, recording the change id, and refreshes readers. */
  synchronized void commit(String changeId) {
    try {
      String id = changeId != null ? changeId : lastChangeId;
      writer.setLiveCommitData(id == null ? Map.of(SCHEMA, schema).entrySet()
          : Map.of(SCHEMA, schema, LAST_CHANGE_ID, id).entrySet());
      writer.commit();
      if (changeId != null) {
        lastChangeId = changeId;
      }
      manager.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes everything written so far visible to searches (not durable). */
  void refresh() {
    try {
      manager.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  <T> T search(SearchFunction<T> f) {
    try {
      IndexSearcher s = manager.acquire();
      try {
        return f.apply(s);
      } finally {
        manager.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long sizeOnDisk() {
    try {
      long total = 0;
      for (String f : directory.listAll()) {
        try {
          total += directory.fileLength(f);
        } catch (IOException ignored) {
          // deleted concurrently by a merge
        }
      }
      return total;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void forceMerge(int segments) {
    try {
      writer.forceMerge(segments);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      manager.close();
      writer.rollback(); // uncommitted changes are discarded: the change stream replays them
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close index at " + path, e);
    }
  }
}
