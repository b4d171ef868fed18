package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.changes.Change;
import cn.enterprisegrid.changes.ChangeFeed;
import cn.enterprisegrid.config.ChinaTime;
import cn.enterprisegrid.policyindex.index.EnterpriseIndex;
import cn.enterprisegrid.policyindex.profile.ProfileDeriver;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.redis.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps this node's Lucene enterprise index in step with Redis. Deployed as a worker verticle, so
 * the blocking Lucene calls run off the event loops.
 *
 * <p>After start (which it does not hold up) it resumes after the change id recorded in the index's last commit; with no commit
 * (a new node, a deleted index) it first notes the stream's newest id, then copies every firm from
 * Redis, commits with that id, and resumes from there (changes made during the copy are applied
 * again, harmlessly: upserts are idempotent). Then it follows the {@code changes} stream, upserting
 * the firms named by {@code enterprise} events; readers are refreshed after each batch, and a commit
 * (with the batch's last id) is made at most every {@link #COMMIT_INTERVAL_MS}.
 */
public final class EnterpriseIndexer extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(EnterpriseIndexer.class);
  static final long COMMIT_INTERVAL_MS = 1000;
  private static final int COPY_BATCH = 1000;

  private final String redisUrl;
  private final EnterpriseIndex index;
  private Store store;
  private EnterpriseStore enterprises;
  private ChangeFeed feed;
  private long lastCommit;
  private String uncommitted;
  private long commitTimer = -1;
  private volatile String applied;

  public EnterpriseIndexer(String redisUrl, EnterpriseIndex index) {
    this.redisUrl = redisUrl;
    this.index = index;
  }

  @Override
  public Future<?> start() {
    store = Store.connect(vertx, redisUrl);
    enterprises = new EnterpriseStore(store);
    feed = new ChangeFeed(vertx, store.client(), 1000, 1000);
    // Start-up does not wait for a rebuild (minutes at a million firms): listings fill in meanwhile.
    Future<String> position = index.lastChangeId().map(Future::succeededFuture).orElseGet(this::copyAll);
    position.onSuccess(from -> {
      LOG.info("enterprise index: {} firms, following changes after {}", index.size(), from);
      applied = from;
      feed.follow(from, this::apply);
      commitTimer = vertx.setPeriodic(COMMIT_INTERVAL_MS, t -> commitIfDue());
    }).onFailure(err -> LOG.error("enterprise index could not be rebuilt from Redis", err));
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    feed.stop();
    vertx.cancelTimer(commitTimer);
    if (uncommitted != null) {
      index.commit(uncommitted);
    }
    return store.close();
  }

  /** Copies every firm from Redis; answers the stream position to follow from. */
  /**
   * The id of the last change visible in the index, or null while the index is being rebuilt: work
   * that must see the registry as of a change (a match set) waits until this reaches it.
   */
  public String applied() {
    return applied;
  }

  /** True when stream id {@code a} is at or after {@code b}. */
  public static boolean atOrAfter(String a, String b) {
    int da = a.indexOf('-');
    int db = b.indexOf('-');
    long ma = Long.parseLong(a.substring(0, da));
    long mb = Long.parseLong(b.substring(0, db));
    return ma != mb ? ma > mb : Long.parseLong(a.substring(da + 1)) >= Long.parseLong(b.substring(db + 1));
  }

  private Future<String> copyAll() {
    long t0 = System.nanoTime();
    return store.api().xrevrange(List.of(ChangeFeed.STREAM, "+", "-", "COUNT", "1"))
        .map(r -> r == null || r.size() == 0 ? "0-0" : r.get(0).get(0).toString())
        .compose(position -> copyFrom("0", position).map(position))
        .onSuccess(position -> {
          index.commit(position);
          LOG.info("enterprise index rebuilt from Redis: {} firms in {} ms", index.size(),
              (System.nanoTime() - t0) / 1_000_000);
        });
  }

  private Future<Void> copyFrom(String cursor, String position) {
    return store.api().sscan(List.of(EnterpriseKeys.ALL, cursor, "COUNT", String.valueOf(COPY_BATCH)))
        .compose(r -> {
          String next = r.get(0).toString();
          List<String> usccs = new ArrayList<>();
          for (Response member : r.get(1)) {
            usccs.add(member.toString());
          }
          Future<Void> done = usccs.isEmpty() ? Future.succeededFuture() : upsert(usccs);
          return done.compose(v -> "0".equals(next) ? Future.succeededFuture() : copyFrom(next, position));
        });
  }

  private Future<Void> apply(List<Change> batch) {
    Set<String> usccs = new LinkedHashSet<>();
    for (Change c : batch) {
      if ("enterprise".equals(c.kind()) && c.id() != null) {
        usccs.add(c.id());
      }
    }
    String last = batch.get(batch.size() - 1).streamId();
    Future<Void> done = usccs.isEmpty() ? Future.succeededFuture() : upsert(new ArrayList<>(usccs));
    return done.onSuccess(v -> {
      index.refresh();
      applied = last;
      uncommitted = last;
      commitIfDue();
    });
  }

  private Future<Void> upsert(List<String> usccs) {
    return enterprises.loadAll(usccs).map(firms -> {
      LocalDate today = ChinaTime.today();
      ProfileDeriver deriver = ProfileDeriver.standard();
      for (StoredEnterprise s : firms) {
        if (s.exists()) {
          index.upsert(deriver.profile(s.enterprise(), today));
        } else {
          index.delete(s.uscc());
        }
      }
      return null;
    });
  }

  private void commitIfDue() {
    if (uncommitted != null && System.currentTimeMillis() - lastCommit >= COMMIT_INTERVAL_MS) {
      index.commit(uncommitted);
      uncommitted = null;
      lastCommit = System.currentTimeMillis();
    }
  }
}
