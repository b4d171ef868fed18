package cn.enterprisegrid.store;

import cn.enterprisegrid.Backend;
import cn.enterprisegrid.config.Settings;
import cn.enterprisegrid.testing.Eventually;
import cn.enterprisegrid.testing.TestBackend;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static cn.enterprisegrid.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /health} turns 503, naming the failing check, when Redis goes away; 200 when it returns. */
class HealthDownTest {

  @Test
  void healthReportsRedisDownAndUpAgain() throws Exception {
    Path dir = Files.createTempDirectory("health-test");
    EmbeddedRedis redis = EmbeddedRedis.start(dir.resolve("redis"), "everysec");
    Vertx vertx = Vertx.vertx();
    RedisServer back = null;
    try {
      int port = TestBackend.freePort();
      Settings settings = Settings.from(new JsonObject().put("HTTP_PORT", port)
          .put("DATA_DIR", dir.toString()).put("ADMIN_PASSWORD", "health-pass-1").put("HTTP_INSTANCES", 1))
          .withRedisUrl(redis.url());
      Backend backend = Backend.start(vertx, settings, null, false).await();
      WebClient client = WebClient.create(vertx);
      assertThat(client.get(port, "127.0.0.1", "/health").send().await().statusCode()).isEqualTo(200);

      String admin = client.post(port, "127.0.0.1", "/api/v1/auth/login").sendJsonObject(new JsonObject()
          .put("username", "admin").put("password", "health-pass-1")).await().bodyAsJsonObject().getString("token");
      redis.close();
      // the load balancers' answer follows the last periodic check, a second at most behind
      Eventually.until("/health down", Duration.ofSeconds(10),
          () -> client.get(port, "127.0.0.1", "/health").send().await().statusCode() == 503);
      assertProblem(client.get(port, "127.0.0.1", "/health").send().await(), 503, "/problems/unhealthy");
      // the operators' names the failing check
      HttpResponse<io.vertx.core.buffer.Buffer> details = client.get(port, "127.0.0.1", "/health/details")
          .putHeader("Authorization", "Bearer " + admin).send().await();
      JsonObject problem = assertProblem(details, 503, "/problems/unhealthy");
      assertThat(problem.getString("detail")).contains("redis");

      // Redis comes back on the same port: the check recovers without a restart of the backend
      back = RedisServer.newRedisServer().bind("127.0.0.1").port(redis.port())
          .setting("dir " + dir.resolve("redis")).setting("appendonly no").build();
      back.start();
      Eventually.until("/health up again", Duration.ofSeconds(30),
          () -> client.get(port, "127.0.0.1", "/health").send().await().statusCode() == 200);
      backend.stop().await();
    } finally {
      redis.close();
      if (back != null) {
        back.stop();
      }
      vertx.close().await();
    }
  }
}
