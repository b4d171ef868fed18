package cn.enterprisegrid.notify;

import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-app inbox of a firm ({@code firm:USCC}), a liaison ({@code liaison:ID}) or a console account
 * ({@code account:USERNAME}): newest first, read marks.
 */
final class Inbox {
  private final Store store;
  private final RedisAPI redis;

  Inbox(Store store) {
    this.store = store;
    this.redis = store.api();
  }

  /**
   * @param before only notifications older than this cursor (an inbox score: ms * 1000 + position), for paging;
   *               null for the newest
   * @return {@code {"items":[...],"unread":n,"next":cursor|null}}
   */
  Future<JsonObject> list(String to, Long before, int limit) {
    String max = before == null ? "+inf" : "(" + before;
    return redis.zrevrangebyscore(List.of(NotifyKeys.inbox(to), max, "-inf", "WITHSCORES", "LIMIT", "0",
            String.valueOf(limit)))
        .compose(r -> {
          List<String> ids = new ArrayList<>();
          List<Long> scores = new ArrayList<>();
          flatten(r, ids, scores);
          if (ids.isEmpty()) {
            return unread(to).map(u -> new JsonObject().put("items", new JsonArray()).put("unread", u)
                .putNull("next"));
          }
          List<String> hmget = new ArrayList<>();
          hmget.add(NotifyKeys.items(to));
          hmget.addAll(ids);
          List<String> smis = new ArrayList<>();
          smis.add(NotifyKeys.read(to));
          smis.addAll(ids);
          return Future.all(redis.hmget(hmget), redis.smismember(smis), unread(to)).compose(all -> {
            Response items = all.resultAt(0);
            Response read = all.resultAt(1);
            JsonArray notices = new JsonArray();
            for (int i = 0; i < ids.size(); i++) {
              notices.add(items.get(i) == null ? new JsonObject() : new JsonObject(items.get(i).toString()));
            }
            return counts(to, notices).map(counts -> {
              JsonArray out = new JsonArray();
              for (int i = 0; i < ids.size(); i++) {
                JsonObject n = notices.getJsonObject(i);
                if (n.isEmpty()) {
                  continue;
                }
                Message m = Wording.render(to, new JsonArray().add(n), Map.of(), counts);
                JsonObject item = new JsonObject().put("id", ids.get(i)).put("kind", n.getString("kind"))
                    .put("category", m.category()).put("title", m.title()).put("body", m.body());
                if (ProblemNotices.isProblem(n)) {
                  item.put("problemId", Wording.payload(n).getString("id"));
                } else {
                  item.put("policyId", n.getString("policy")).put("version", n.getString("version"));
                }
                out.add(item.put("uscc", n.getString("uscc"))
                    .put("createdAt", Instant.ofEpochMilli(scores.get(i) / 1000).toString())
                    .put("read", read.get(i).toInteger() == 1));
              }
              Object next = ids.size() == limit ? String.valueOf(scores.get(scores.size() - 1)) : null;
              return new JsonObject().put("items", out).put("unread", all.<Long>resultAt(2)).put("next", next);
            });
          });
        });
  }

  /**
   * Marks a notification read and counts it opened in the funnel.
   *
   * @return 1 newly read, 0 read before, -1 not in this inbox
   */
  Future<Integer> read(String to, String id) {
    return store.script("notify_read", List.of(NotifyKeys.items(to), NotifyKeys.read(to)), List.of(to, id))
        .map(r -> (int) r.number());
  }

  private Future<Long> unread(String to) {
    return Future.all(redis.zcard(NotifyKeys.inbox(to)), redis.scard(NotifyKeys.read(to)))
        .map(a -> Math.max(0, a.<Response>resultAt(0).toLong() - a.<Response>resultAt(1).toLong()));
  }

  /** A liaison's firm counts for its policy summaries. */
  private Future<Map<String, Long>> counts(String to, JsonArray notices) {
    Map<String, Long> counts = new HashMap<>();
    if (!to.startsWith("liaison:")) {
      return Future.succeededFuture(counts);
    }
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < notices.size(); i++) {
      JsonObject n = notices.getJsonObject(i);
      String kind = n.getString("kind");
      if (kind != null && kind.startsWith("policy.")) {
        all.add(redis.hget(NotifyKeys.liaisonCount(n.getString("policy"), n.getString("version"), kind),
            to.substring("liaison:".length())).onSuccess(c -> {
              if (c != null) {
                counts.put(n.getString("policy"), c.toLong());
              }
            }));
      }
    }
    return Future.all(all).map(v -> counts);
  }

  /** WITHSCORES answers [member, score, ...] (RESP2) or [[member, score], ...] (RESP3). */
  private static void flatten(Response r, List<String> ids, List<Long> scores) {
    if (r == null) {
      return;
    }
    if (r.size() > 0 && r.get(0).type() == ResponseType.MULTI) {
      for (Response pair : r) {
        ids.add(pair.get(0).toString());
        scores.add((long) Double.parseDouble(pair.get(1).toString()));
      }
      return;
    }
    for (int i = 0; i + 1 < r.size(); i += 2) {
      ids.add(r.get(i).toString());
      scores.add((long) Double.parseDouble(r.get(i + 1).toString()));
    }
  }
}
