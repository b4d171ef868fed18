package cn.enterprisegrid.mp.testsupport;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Redis for tests: the server named by the {@code REDIS_URL} environment variable when set, else an embedded
 * redis-server 6.2 on a free port of 127.0.0.1, without persistence. Start once per test class:
 * <pre>{@code
 * static TestRedis redis;
 * @BeforeAll static void redis() { redis = TestRedis.start(); }
 * @AfterAll static void stop() { redis.close(); }
 * ... Redis.createClient(vertx, redis.url()) ...
 * }</pre>
 */
public final class TestRedis implements AutoCloseable {

  private final RedisServer server;
  private final String url;

  private TestRedis(RedisServer server, String url) {
    this.server = server;
    this.url = url;
  }

  /** @return a running Redis */
  public static TestRedis start() {
    String external = System.getenv("REDIS_URL");
    if (external != null && !external.isBlank()) {
      return new TestRedis(null, external);
    }
    try {
      int port = freePort();
      Path dir = Files.createTempDirectory("test-redis");
      RedisServer server = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
        .setting("save \"\"").setting("appendonly no").setting("dir " + dir).build();
      server.start();
      return new TestRedis(server, "redis://127.0.0.1:" + port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the connection string for {@code Redis.createClient} */
  public String url() {
    return url;
  }

  /** @return whether this is an embedded server (not {@code REDIS_URL}) */
  public boolean embedded() {
    return server != null;
  }

  /** Stops the embedded server, if any. */
  @Override
  public void close() {
    if (server != null) {
      try {
        server.stop();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
