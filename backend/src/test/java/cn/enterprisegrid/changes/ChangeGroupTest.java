package cn.enterprisegrid.changes;

import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.testing.Eventually;
import cn.enterprisegrid.testing.SharedRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One entry that always fails is set aside with its error; the entries around it are handled. */
class ChangeGroupTest {
  @Test
  void aPoisonEntryGoesToTheDeadStreamAndTheGroupGoesOn() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Redis client = Redis.createClient(vertx, SharedRedis.url());
      RedisAPI redis = RedisAPI.api(client);
      redis.flushall(List.of()).await();
      for (String kind : List.of("ok", "poison", "ok")) {
        redis.xadd(List.of("changes", "*", "kind", kind, "id", kind + System.nanoTime(), "payload", "{}")).await();
      }
      Set<String> handled = ConcurrentHashMap.newKeySet();
      ChangeGroup group = new ChangeGroup(vertx, client, "test", "node-t", 10, 60_000);
      group.consume(batch -> {
        if (batch.stream().anyMatch(c -> "poison".equals(c.kind()))) {
          return Future.failedFuture(new IllegalStateException("cannot handle poison"));
        }
        batch.forEach(c -> handled.add(c.id()));
        return Future.succeededFuture();
      }).await();
      Eventually.until("poison set aside, the rest handled",
          () -> redis.xlen("changes:dead:test").await().toLong() >= 1 && handled.size() >= 2);
      assertThat(redis.xrange(List.of("changes:dead:test", "-", "+")).await().get(0).get(1).toString())
          .contains("poison", "cannot handle poison");
      assertThat(redis.xpending(List.of("changes", "test")).await().get(0).toLong()).isZero();
      group.stop();
    } finally {
      vertx.close().await();
    }
  }
}
