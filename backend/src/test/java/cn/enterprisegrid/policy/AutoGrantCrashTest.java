package cn.enterprisegrid.policy;

import cn.enterprisegrid.testing.Eventually;
import cn.enterprisegrid.testing.SharedRedis;
import cn.enterprisegrid.testing.TestBackend;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of the backend in the middle of a 免申即享 batch: after a restart the batch
 * completes, every eligible firm holds exactly one grant, and the pool, the ledger and the change
 * events agree with the grants (nothing reserved twice). The backend runs as a real process with
 * the demo data (its 稳岗返还 policy grants to about 3,000 firms) in batches of 10, on the shared
 * Redis, which outlives the kill.
 */
class AutoGrantCrashTest {
  private final List<Process> started = new ArrayList<>();
  private Vertx vertx;

  @AfterEach
  void cleanUp() {
    started.forEach(Process::destroyForcibly);
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @Test
  void aBatchKilledHalfwayCompletesAfterRestartWithoutDoubleGrants() throws Exception {
    vertx = Vertx.vertx();
    RedisAPI redis = RedisAPI.api(Redis.createClient(vertx, SharedRedis.url()));
    redis.flushall(List.of()).await();
    Path dataDir = Files.createTempDirectory("autogrant-crash");
    int port = TestBackend.freePort();

    Process first = startBackend(dataDir, port);
    String policy = awaitAutoGrantPolicy(redis, first);
    String apps = "policy:{p:" + policy + "}:apps";
    Eventually.until("auto-grant started", Duration.ofSeconds(120), () -> {
      assertThat(first.isAlive()).as("backend exited early").isTrue();
      return redis.zcard(apps).await().toLong() >= 50;
    });
    first.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL, mid-batch
    long eligible = redis.scard("policy:{p:" + policy + "}:eligible").await().toLong();
    long before = redis.zcard(apps).await().toLong();
    assertThat(before).as("killed before the batch completed").isLessThan(eligible);

    startBackend(dataDir, port);
    Eventually.until("auto-grant completed after restart", Duration.ofSeconds(240),
        () -> "1".equals(str(redis.hget("policy:{p:" + policy + "}", "grantedVersion").await())));

    assertThat(redis.zcard(apps).await().toLong()).isEqualTo(eligible);
    assertThat(redis.xlen("policy:{p:" + policy + "}:ledger").await().toLong()).isEqualTo(eligible);
    long reserved = 0;
    for (Response member : redis.zrange(List.of(apps, "0", "-1")).await()) {
      Response amount = redis.hget("policy:{p:" + policy + "}:app:" + member, "amount").await();
      reserved += Long.parseLong(amount.toString());
    }
    assertThat(Long.parseLong(redis.hget("policy:{p:" + policy + "}:pool", "reserved").await().toString()))
        .isEqualTo(reserved);
    Map<String, Integer> events = new HashMap<>();
    for (Response entry : redis.xrange(List.of("changes", "-", "+")).await()) {
      Response f = entry.get(1);
      if ("application".equals(f.get(1).toString()) && f.get(3).toString().startsWith(policy + "-")) {
        events.merge(f.get(3).toString(), 1, Integer::sum);
      }
    }
    assertThat(events).hasSize((int) eligible);
    assertThat(events.values()).allMatch(n -> n == 1);
    System.out.printf("auto-grant %s: killed after %d of %d grants, completed after restart%n", policy, before,
        eligible);
  }

  /** The first AUTO_GRANT demo policy whose match set is stored (it grants next). */
  private String awaitAutoGrantPolicy(RedisAPI redis, Process p) {
    return Eventually.value("an AUTO_GRANT demo policy with a match set", Duration.ofSeconds(120), () -> {
      assertThat(p.isAlive()).as("backend exited early").isTrue();
      for (Response id : redis.smembers("policies").await()) {
        Response mode = redis.hget("policy:{p:" + id + "}", "mode").await();
        if (mode != null && "AUTO_GRANT".equals(mode.toString())
            && redis.scard("policy:{p:" + id + "}:eligible").await().toLong() > 1000) {
          return id.toString();
        }
      }
      return null;
    }, id -> id != null);
  }

  private static String str(Response r) {
    return r == null ? null : r.toString();
  }

  private Process startBackend(Path dataDir, int port) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        "cn.enterprisegrid.Main", "--demo")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("backend.out").toFile()));
    pb.environment().put("REDIS_URL", SharedRedis.url());
    pb.environment().put("DATA_DIR", dataDir.toString());
    pb.environment().put("HTTP_PORT", String.valueOf(port));
    pb.environment().put("AUTO_GRANT_BATCH", "10");
    pb.environment().put("ADMIN_PASSWORD", "crash-admin-pass");
    Process p = pb.start();
    started.add(p);
    return p;
  }
}
