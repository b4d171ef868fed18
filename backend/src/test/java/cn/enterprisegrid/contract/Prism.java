package cn.enterprisegrid.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stoplight Prism in proxy mode in front of the backend: it forwards every request and reports in
 * the {@code sl-violations} header where the request or the answer breaks the OpenAPI document.
 * Without {@code --errors}, so that a deliberately malformed request still reaches the backend and
 * its error answer is checked too. Installed by {@code npm ci} in {@code tools/openapi}.
 */
final class Prism implements AutoCloseable {
  static final Path TOOLS = Path.of("..", "tools", "openapi").toAbsolutePath().normalize();
  private static final Path BIN = TOOLS.resolve("node_modules/.bin/prism");

  final int port;
  private final Process process;
  private final List<String> log = new ArrayList<>();

  private Prism(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  /** Starts Prism on {@code port} for the document at {@code documentUrl}, forwarding to {@code upstream}. */
  static Prism start(String documentUrl, String upstream, int port) throws IOException, InterruptedException {
    if (!Files.isExecutable(BIN)) {
      throw new IllegalStateException("Prism is not installed: run (cd tools/openapi && npm ci)");
    }
    Process p = new ProcessBuilder(BIN.toString(), "proxy", documentUrl, upstream,
        "--host", "127.0.0.1", "--port", String.valueOf(port))
        .redirectErrorStream(true).start();
    Prism prism = new Prism(port, p);
    CompletableFuture<Boolean> listening = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          synchronized (prism.log) {
            prism.log.add(line);
          }
          if (line.contains("Prism is listening")) {
            listening.complete(true);
          }
        }
      } catch (IOException e) {
        // the process ended: nothing more to read
      }
      listening.complete(false);
    }, "prism-log");
    reader.setDaemon(true);
    reader.start();
    try {
      if (!listening.get(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("Prism did not start:\n" + prism.log());
      }
    } catch (ExecutionException | TimeoutException e) {
      prism.close();
      throw new IllegalStateException("Prism did not start:\n" + prism.log(), e);
    }
    return prism;
  }

  /** The violations Prism reported for one exchange (an empty array when none). */
  static JsonArray violations(String header) {
    return header == null || header.isBlank() ? new JsonArray() : new JsonArray(header);
  }

  /** Whether a violation concerns the answer (as opposed to the request). */
  static boolean onResponse(Object violation) {
    JsonArray location = ((JsonObject) violation).getJsonArray("location", new JsonArray());
    return !location.isEmpty() && "response".equals(location.getString(0));
  }

  String log() {
    synchronized (log) {
      return String.join("\n", log);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
