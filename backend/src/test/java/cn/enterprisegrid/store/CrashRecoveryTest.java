package cn.enterprisegrid.store;

import cn.enterprisegrid.testing.Eventually;
import cn.enterprisegrid.testing.TestBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backend as a real process with its embedded redis-server: data written through the API
 * survives {@code kill -9} of the JVM alone (its redis-server left orphaned) and a restart, and
 * SIGTERM stops both processes.
 */
class CrashRecoveryTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    started.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void writesSurviveKill9OfTheJvmAndARestart() throws Exception {
    Path dataDir = Files.createTempDirectory("crash-test");
    int port = TestBackend.freePort();

    Process first = startBackend(dataDir, port);
    long startMs = awaitHealthy(port, first);
    String admin = token(port, "admin", "crash-admin-pass");
    int created = post(port, "/api/v1/accounts", admin,
        "{\"username\":\"survivor\",\"password\":\"survivor-pass\",\"role\":\"SUPERVISOR\"}");
    assertThat(created).isEqualTo(201);

    long orphanPid = Long.parseLong(Files.readString(dataDir.resolve("redis/redis.pid")).trim());
    first.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
    assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).contains(true);

    Process second = startBackend(dataDir, port);
    long restartMs = awaitHealthy(port, second);
    assertThat(token(port, "survivor", "survivor-pass")).isNotBlank();
    assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    long newPid = Long.parseLong(Files.readString(dataDir.resolve("redis/redis.pid")).trim());
    assertThat(newPid).isNotEqualTo(orphanPid);

    second.destroy(); // SIGTERM: both stop cleanly
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
    ProcessHandle redis = ProcessHandle.of(newPid).orElse(null);
    if (redis != null) {
      redis.onExit().get(30, TimeUnit.SECONDS);
    }
    assertThat(Files.exists(dataDir.resolve("redis/redis.pid"))).isFalse();
    System.out.printf("start to healthy: first %d ms, after kill -9 %d ms%n", startMs, restartMs);
  }

  private Process startBackend(Path dataDir, int port) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
        "cn.enterprisegrid.Main")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("backend.out").toFile()));
    pb.environment().remove("REDIS_URL");
    pb.environment().put("DATA_DIR", dataDir.toString());
    pb.environment().put("HTTP_PORT", String.valueOf(port));
    pb.environment().put("ADMIN_PASSWORD", "crash-admin-pass");
    Process p = pb.start();
    started.add(p);
    return p;
  }

  private long awaitHealthy(int port, Process p) {
    long t0 = System.nanoTime();
    Eventually.until("backend healthy", Duration.ofSeconds(60), () -> {
      assertThat(p.isAlive()).as("backend exited early").isTrue();
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200;
      } catch (IOException notYet) {
        return false; // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    });
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private String token(int port, String user, String password) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new io.vertx.core.json.JsonObject(r.body()).getString("token");
  }

  private int post(int port, String path, String token, String json) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }
}
