package cn.enterprisegrid.problem;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files a case with the open cases that may be the same (共性问题): {@link SimilarProblems} (Lucene,
 * blocking, so on a worker) proposes them before the case is written, and they are kept on the
 * case as {@code similar: [{id, overlap, sharedWords}]} for the grid admin who decides to merge.
 * The index is derived: when it fails, the case is filed without candidates, never refused.
 */
public final class ProblemIntake {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemIntake.class);

  private final Vertx vertx;
  private final ProblemStore store;
  private final SimilarProblems similar;

  /** {@code similar} may be null (no index on this node): cases are then filed without candidates. */
  public ProblemIntake(Vertx vertx, ProblemStore store, SimilarProblems similar) {
    this.vertx = vertx;
    this.store = store;
    this.similar = similar;
  }

  /** Files cases without candidates (no index of open cases at hand, e.g. the demo loader). */
  public static ProblemIntake withoutCandidates(ProblemStore store) {
    return new ProblemIntake(null, store, null);
  }

  /** The store it files into. */
  public ProblemStore store() {
    return store;
  }

  /** Files {@code in} as {@code actor} with its possibly same open cases; answers the case's view. */
  public Future<JsonObject> file(ProblemStore.Intake in, String actor) {
    if (similar == null || in.title() == null || in.description() == null || in.uscc() == null
        || in.category() == null || in.township() == null) {
      // the store answers what is missing
      return store.file(in, actor);
    }
    // the new case is not indexed yet: no id to exclude
    SimilarProblems.Entry entry = new SimilarProblems.Entry("", in.uscc(), in.category(), in.township(), in.title(),
        in.description());
    return vertx.executeBlocking(() -> candidates(entry), false)
        .recover(err -> {
          LOG.warn("similar problems unavailable, filing without candidates: {}", err.toString());
          return Future.succeededFuture(new JsonArray());
        })
        .compose(found -> store.file(in, actor, found));
  }

  private JsonArray candidates(SimilarProblems.Entry entry) {
    JsonArray out = new JsonArray();
    for (SimilarProblems.Match m : similar.similarTo(entry)) {
      out.add(new JsonObject().put("id", m.id()).put("overlap", Math.round(m.overlap() * 100) / 100.0)
          .put("sharedWords", new JsonArray(m.sharedWords().stream().toList())));
    }
    return out;
  }
}
