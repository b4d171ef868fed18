package cn.enterprisegrid.contract;

import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.testing.Eventually;
import cn.enterprisegrid.testing.SharedRedis;
import cn.enterprisegrid.testing.TestBackend;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.time.Duration;

/**
 * Checks the backend's answers against the OpenAPI documents it serves, with a third-party tool:
 * every call goes through Stoplight Prism in proxy mode, which validates the request and the
 * answer against the served document, one Prism per document (the mini-program's and the
 * console's). The calls exercise every documented status of every operation (the success, the
 * error answers, and those every operation shares: 401 without a token, 403 for a wrong role, 400
 * for a malformed path parameter, 413 and 415 for bodies, 503 with Redis unreachable); the test
 * fails on any difference Prism reports, on an answered status the document does not list, and on
 * a documented status no call exercised.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContractConformanceTest {
  static final String PASSWORD = "demo-pass-2026";

  static Vertx proxyVertx;
  static RedisCut redis;
  static TestBackend app;
  static Prism mp;
  static Prism console;
  static WebClient mpClient;
  static WebClient consoleClient;
  static Operations mpOps;
  static Operations consoleOps;

  @BeforeAll
  static void start() throws Exception {
    proxyVertx = Vertx.vertx();
    redis = new RedisCut(proxyVertx, SharedRedis.url(), TestBackend.freePort());
    // no quiet hours: the walk's pushes (and the dead letter it replays) go out at any time of day
    app = TestBackend.start(true, redis.url(), new JsonObject().put("NOTIFY_QUIET_HOURS", "none"));
    String upstream = "http://127.0.0.1:" + app.port;
    mpOps = Operations.parse(app.get("/mp/v1/openapi.yaml", null).bodyAsString());
    consoleOps = Operations.parse(app.get("/api/v1/openapi.yaml", null).bodyAsString());
    mp = Prism.start(upstream + "/mp/v1/openapi.yaml", upstream, TestBackend.freePort());
    console = Prism.start(upstream + "/api/v1/openapi.yaml", upstream, TestBackend.freePort());
    mpClient = WebClient.create(app.vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(mp.port));
    consoleClient = WebClient.create(app.vertx,
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(console.port));
  }

  @AfterAll
  static void stop() {
    for (Prism p : new Prism[] {mp, console}) {
      if (p != null) {
        p.close();
      }
    }
    if (app != null) {
      app.close();
    }
    if (redis != null) {
      redis.close();
    }
    if (proxyVertx != null) {
      proxyVertx.close().await();
    }
  }

  static MiniProgramWalk mpWalk;
  static ConsoleWalk consoleWalk;

  @Test
  @Order(1)
  void everyMiniProgramOperationAnswersAsDocumented() throws IOException {
    mpWalk = new MiniProgramWalk();
    mpWalk.run();
    mpWalk.verify(false);
  }

  @Test
  @Order(2)
  void everyConsoleOperationAnswersAsDocumented() {
    consoleWalk = new ConsoleWalk();
    consoleWalk.run();
    consoleWalk.verify(false);
  }

  /** Last, as it disturbs the backend's background work: every operation again with Redis unreachable. */
  @Test
  @Order(3)
  void withRedisUnreachableEveryOperationAnswersAsDocumented() {
    assertThat(mpWalk).as("the mini-program walk ran").isNotNull();
    assertThat(consoleWalk).as("the console walk ran").isNotNull();
    try {
      mpWalk.unavailable(redis);
      consoleWalk.unavailable(redis);
    } finally {
      Eventually.until("the backend reaches Redis again", Duration.ofSeconds(30),
          () -> app.get("/health", null).statusCode() == 200);
      System.out.println("mini-program contract walk: " + mpWalk.coverage());
      System.out.println("console contract walk: " + consoleWalk.coverage());
    }
    mpWalk.verify(true);
    consoleWalk.verify(true);
  }
}
