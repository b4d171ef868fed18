package cn.enterprisegrid.problem;

import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Links new cases to the open ones that may be the same (共性问题), after the filing and off the
 * request: {@link ProblemIndexer} hands it the cases filed since its last commit once they are
 * searchable, so a burst of alike filings links each to the earlier ones. The candidates are kept
 * on the case as {@code similar: [{id, overlap, sharedWords}]} ({@code problem_similar.lua}) for the
 * grid admin who decides to merge; a case with none gets no field. Blocking (Lucene): call it on a
 * worker.
 */
final class SimilarLinks {
  /** A case filed since the last commit, with its words cut when it was indexed. */
  record Fresh(SimilarProblems.Entry entry, SimilarProblems.Words words) {}

  private final Store store;
  private final SimilarProblems similar;

  SimilarLinks(Store store, SimilarProblems similar) {
    this.store = store;
    this.similar = similar;
  }

  /** Writes in flight at once: a burst's thousands of links must not take every pooled connection. */
  static final int WRITES_AT_ONCE = 64;

  /** Finds and writes the candidates of {@code fresh} (already searchable); completes when written. */
  Future<Void> link(List<Fresh> fresh) {
    return link(fresh, 0);
  }

  private Future<Void> link(List<Fresh> fresh, int from) {
    if (from >= fresh.size()) {
      return Future.succeededFuture();
    }
    List<Future<?>> writes = new ArrayList<>();
    int to = Math.min(fresh.size(), from + WRITES_AT_ONCE);
    for (Fresh f : fresh.subList(from, to)) {
      JsonArray found = candidates(f);
      if (!found.isEmpty()) {
        writes.add(store.script("problem_similar", List.of(ProblemKeys.problem(f.entry().id())),
            List.of(found.encode())));
      }
    }
    return Future.all(writes).compose(v -> link(fresh, to));
  }

  private JsonArray candidates(Fresh f) {
    JsonArray out = new JsonArray();
    for (SimilarProblems.Match m : similar.similarTo(f.entry(), f.words())) {
      out.add(new JsonObject().put("id", m.id()).put("overlap", Math.round(m.overlap() * 100) / 100.0)
          .put("sharedWords", new JsonArray(m.sharedWords().stream().toList())));
    }
    return out;
  }
}
