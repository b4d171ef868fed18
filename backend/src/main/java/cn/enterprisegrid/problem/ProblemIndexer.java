package cn.enterprisegrid.problem;

import cn.enterprisegrid.changes.Change;
import cn.enterprisegrid.changes.ChangeFeed;
import cn.enterprisegrid.store.Hashes;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps this node's {@link ProblemIndex} (and the open cases of {@link SimilarProblems}) in step
 * with Redis. A worker verticle: the Lucene calls block. With no commit it first notes the stream's
 * newest id, copies every case (ids are dense, from {@code problems:seq}, so no key scan), then
 * follows the {@code changes} stream from there, reloading the cases named by {@code problem*}
 * events (an upsert is idempotent, so a change applied twice is harmless). What it applied becomes
 * visible to searches with the next commit, at most {@link #COMMIT_INTERVAL_MS} later; the cases
 * filed meanwhile are linked to their possibly-same open cases ({@link SimilarLinks}) just before.
 */
public final class ProblemIndexer extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemIndexer.class);
  static final long COMMIT_INTERVAL_MS = 1000;
  private static final int COPY_BATCH = 500;

  private final String redisUrl;
  private final ProblemIndex index;
  private final SimilarProblems similar;
  private Store store;
  private ChangeFeed feed;
  private SimilarLinks links;
  /** Cases filed since the last commit, linked to their possibly-same cases before it. */
  private List<SimilarLinks.Fresh> fresh = new ArrayList<>();
  private String uncommitted;
  private boolean committing;
  /** The commit under way, for stop to wait on. */
  private Future<Void> inFlight = Future.succeededFuture();
  /** Whether changes are followed (cases filed then are linked; a rebuild's copy links none). */
  private boolean following;
  private long lastCommit;
  private long timer = -1;
  private volatile String applied;

  /** {@code similar} may be null (a node that offers no duplicate detection). */
  public ProblemIndexer(String redisUrl, ProblemIndex index, SimilarProblems similar) {
    this.redisUrl = redisUrl;
    this.index = index;
    this.similar = similar;
  }

  @Override
  public Future<?> start() {
    store = Store.connect(vertx, redisUrl);
    feed = new ChangeFeed(vertx, store.client(), 1000, 1000);
    links = similar == null ? null : new SimilarLinks(store, similar);
    // the similar-problems index is refilled with the listing when it is new or of an older layout
    Future<String> position = index.lastChangeId().filter(id -> similar == null || similar.current())
        .map(Future::succeededFuture).orElseGet(this::copyAll);
    position.onSuccess(from -> {
      LOG.info("problem index: {} cases, following changes after {}", index.size(), from);
      applied = from;
      following = true;
      feed.follow(from, this::apply);
      timer = vertx.setPeriodic(COMMIT_INTERVAL_MS, t -> commitIfDue());
    }).onFailure(err -> LOG.error("problem index could not be rebuilt from Redis", err));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    feed.stop();
    vertx.cancelTimer(timer);
    // what was applied is committed (a crash instead applies it again at the next start)
    return inFlight.eventually(() -> {
      lastCommit = 0;
      return commitIfDue();
    }).eventually(store::close);
  }

  /** The id of the last change visible in the index, or null while it is being rebuilt. */
  public String applied() {
    return applied;
  }

  private Future<String> copyAll() {
    return store.api().xrevrange(List.of(ChangeFeed.STREAM, "+", "-", "COUNT", "1"))
        .map(r -> r == null || r.size() == 0 ? "0-0" : r.get(0).get(0).toString())
        .compose(position -> store.api().get(ProblemKeys.SEQUENCE)
            .compose(seq -> copy(1, seq == null ? 0 : Long.parseLong(seq.toString())))
            .map(position))
        .compose(position -> {
          uncommitted = position;
          lastCommit = 0;
          return commitIfDue().map(position);
        });
  }

  private Future<Void> copy(long from, long last) {
    if (from > last) {
      return Future.succeededFuture();
    }
    List<String> ids = new ArrayList<>();
    for (long i = from; i <= last && ids.size() < COPY_BATCH; i++) {
      ids.add(String.valueOf(i));
    }
    return upsert(ids).compose(v -> copy(from + ids.size(), last));
  }

  private Future<Void> apply(List<Change> batch) {
    Set<String> ids = new LinkedHashSet<>();
    for (Change c : batch) {
      if (c.kind() != null && c.kind().startsWith("problem") && c.id() != null) {
        ids.add(c.id());
      }
    }
    String last = batch.get(batch.size() - 1).streamId();
    Future<Void> done = ids.isEmpty() ? Future.succeededFuture() : upsert(new ArrayList<>(ids));
    // made visible by the next commit (at most a second away): a refresh per batch would make a
    // segment per batch under a burst of filings, and every search pays for each segment
    return done.compose(v -> {
      applied = last;
      uncommitted = last;
      return commitIfDue();
    });
  }

  private Future<Void> upsert(List<String> ids) {
    List<Future<Response>> loads = new ArrayList<>();
    ids.forEach(id -> loads.add(store.api().hgetall(ProblemKeys.problem(id))));
    return Future.all(loads).map(all -> {
      for (int i = 0; i < ids.size(); i++) {
        Map<String, String> h = Hashes.flat(all.resultAt(i));
        if (h.isEmpty()) {
          index.delete(ids.get(i));
          if (similar != null) {
            similar.closed(ids.get(i));
          }
          continue;
        }
        h.putIfAbsent("id", ids.get(i));
        try {
          index.upsert(h);
          if (similar != null) {
            feedSimilar(h);
          }
        } catch (RuntimeException e) {
          // one malformed case must not hold up every later change: it is left out and said so
          LOG.warn("problem {} not indexed: {}", ids.get(i), h.keySet(), e);
        }
      }
      return null;
    });
  }

  /** Open, unmerged cases are candidates for "possibly the same"; the others leave. */
  private void feedSimilar(Map<String, String> h) {
    if (h.get("uscc") == null || h.get("category") == null || h.get("township") == null) {
      similar.closed(h.get("id"));
      return;
    }
    ProblemStatus status = ProblemStatus.valueOf(h.get("status"));
    if (status.open() && status != ProblemStatus.RESOLVED && status != ProblemStatus.RATED
        && !h.containsKey("mergedInto")) {
      SimilarProblems.Entry e = new SimilarProblems.Entry(h.get("id"), h.get("uscc"), h.get("category"),
          h.get("township"), h.getOrDefault("title", ""), h.getOrDefault("description", ""));
      SimilarProblems.Words words = similar.words(e);
      similar.open(e, words);
      // not looked at yet: still waiting to be accepted, with no candidates kept
      if (following && status == ProblemStatus.SUBMITTED && !h.containsKey("similar")) {
        fresh.add(new SimilarLinks.Fresh(e, words));
      }
    } else {
      similar.closed(h.get("id"));
    }
  }

  /**
   * Commits what was applied when the last commit is a second old: first the cases filed since
   * are made searchable and linked (their links written to Redis), then both indexes are committed
   * with the position, so a crash in between applies them, and links them, again.
   */
  private Future<Void> commitIfDue() {
    if (uncommitted == null || committing || System.currentTimeMillis() - lastCommit < COMMIT_INTERVAL_MS) {
      return Future.succeededFuture();
    }
    committing = true;
    String position = uncommitted;
    List<SimilarLinks.Fresh> linking = fresh;
    fresh = new ArrayList<>();
    uncommitted = null;
    Future<Void> linked = Future.succeededFuture();
    if (similar != null) {
      similar.refresh();
    }
    if (links != null && !linking.isEmpty()) {
      linked = links.link(linking).recover(err -> {
        // advisory: a case left unlinked is not a reason to stop following the stream
        LOG.warn("{} new problems not linked to similar ones: {}", linking.size(), err.toString());
        return Future.succeededFuture();
      });
    }
    inFlight = linked.eventually(() -> {
      try {
        index.commit(position);
        if (similar != null) {
          similar.commit();
        }
        lastCommit = System.currentTimeMillis();
      } finally {
        committing = false;
      }
      return Future.succeededFuture();
    });
    return inFlight;
  }
}
