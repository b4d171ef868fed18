package cn.enterprisegrid.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real redis-server binary shipped in the embedded-redis jar as a child process, with AOF
 * persistence in a directory of ours.
 *
 * <p>We start the process ourselves instead of through the library's {@code RedisServer} so that we
 * own its pid file: when a previous JVM was killed with {@code kill -9}, its redis-server is still
 * running, holding the AOF. We find it by the pid file, stop it gracefully (SIGTERM makes Redis
 * flush the AOF), and start a fresh one on the same files.
 */
public final class EmbeddedRedis implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

  private final Process process;
  private final int port;
  private final Path dir;

  private EmbeddedRedis(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /**
   * Starts redis-server with its data in {@code dir}, first stopping an orphan left by a previous run.
   *
   * @param appendFsync {@code everysec} or {@code always}
   */
  public static EmbeddedRedis start(Path dir, String appendFsync) throws IOException {
    Files.createDirectories(dir);
    stopOrphan(dir);
    Files.createDirectories(dir.resolve("bin"));
    File binary = ExecutableProvider.newJarResourceProvider(dir.resolve("bin").toFile()).get();
    if (!binary.canExecute() && !binary.setExecutable(true)) {
      throw new IOException("cannot make " + binary + " executable");
    }
    int port = freePort();
    List<String> cmd = List.of(binary.getAbsolutePath(),
        "--port", String.valueOf(port),
        "--bind", "127.0.0.1",
        "--dir", dir.toAbsolutePath().toString(),
        "--appendonly", "yes",
        "--appendfilename", "appendonly.aof",
        "--appendfsync", appendFsync,
        "--save", "",
        "--pidfile", pidFile(dir).toAbsolutePath().toString(),
        "--logfile", dir.resolve("redis.log").toAbsolutePath().toString(),
        "--daemonize", "no");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.out").toFile()))
        .start();
    EmbeddedRedis redis = new EmbeddedRedis(p, port, dir);
    try {
      redis.awaitReady();
    } catch (IOException e) {
      redis.close();
      throw e;
    }
    LOG.info("embedded redis-server pid {} on 127.0.0.1:{} (AOF in {}, appendfsync {})",
        p.pid(), port, dir, appendFsync);
    return redis;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** Stops redis-server gracefully (SIGTERM: it fsyncs the AOF and removes its pid file). */
  @Override
  public void close() {
    stopProcess(process.toHandle(), "redis-server");
  }

  private void awaitReady() throws IOException {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("redis-server exited with " + process.exitValue()
            + "; see " + dir.resolve("redis.log"));
      }
      if ("+PONG".equals(ping(port))) {
        return;
      }
      sleep(20);
    }
    throw new IOException("redis-server did not become ready within " + READY_TIMEOUT);
  }

  /** One PING over a plain socket; null when not reachable. A loading server answers -LOADING. */
  static String ping(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      s.setSoTimeout(1000);
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) != -1 && c != '\r') {
        line.append((char) c);
      }
      return line.toString();
    } catch (IOException e) {
      return null;
    }
  }

  private static void stopOrphan(Path dir) throws IOException {
    Path pidFile = pidFile(dir);
    if (!Files.exists(pidFile)) {
      return;
    }
    String text = Files.readString(pidFile).trim();
    Optional<ProcessHandle> orphan = Optional.empty();
    try {
      orphan = ProcessHandle.of(Long.parseLong(text))
          .filter(ProcessHandle::isAlive)
          .filter(h -> h.info().command().map(cmd -> cmd.contains("redis-server")).orElse(false));
    } catch (NumberFormatException e) {
      LOG.warn("ignoring unreadable pid file {}", pidFile);
    }
    if (orphan.isPresent()) {
      LOG.warn("found redis-server pid {} left by a previous run; stopping it before starting anew",
          orphan.get().pid());
      stopProcess(orphan.get(), "orphaned redis-server");
    }
    Files.deleteIfExists(pidFile);
  }

  private static void stopProcess(ProcessHandle h, String what) {
    if (!h.isAlive()) {
      return;
    }
    h.destroy();
    try {
      h.onExit().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.error("{} pid {} did not stop within 60 s; killing it", what, h.pid());
      h.destroyForcibly();
    }
  }

  private static Path pidFile(Path dir) {
    return dir.resolve("redis.pid");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
