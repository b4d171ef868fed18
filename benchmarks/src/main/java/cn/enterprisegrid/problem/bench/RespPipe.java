package cn.enterprisegrid.problem.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Commands written to Redis as raw RESP on one socket, replies read and counted by a second thread
 * (as {@code redis-cli --pipe} does): the bulk load of the benchmark, several times faster than a
 * client's batches, which pay a future per command. Fails on the first error reply.
 */
final class RespPipe implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final Thread reader;
  private final AtomicLong replies = new AtomicLong();
  private volatile String error;
  private long sent;

  RespPipe(String host, int port) throws IOException {
    socket = new Socket(host, port);
    out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
    InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
    reader = new Thread(() -> read(in), "resp-pipe-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Sends one command (its arguments as strings). */
  void send(String... args) {
    try {
      out.write(('*' + Integer.toString(args.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      for (String a : args) {
        byte[] b = a.getBytes(StandardCharsets.UTF_8);
        out.write(('$' + Integer.toString(b.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.write('\r');
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sent++;
    if (error != null) {
      throw new IllegalStateException("redis refused a command: " + error);
    }
  }

  /** Flushes and waits until every command sent has its reply. */
  void sync() {
    try {
      out.flush();
      while (replies.get() < sent) {
        if (error != null) {
          throw new IllegalStateException("redis refused a command: " + error);
        }
        Thread.sleep(2);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void read(InputStream in) {
    try {
      while (true) {
        String line = line(in);
        if (line == null) {
          return;
        }
        switch (line.charAt(0)) {
          case '-' -> error = line;
          case '$' -> {
            int n = Integer.parseInt(line.substring(1));
            if (n >= 0) {
              in.readNBytes(n + 2);
            }
          }
          default -> { }
        }
        replies.incrementAndGet();
      }
    } catch (IOException e) {
      error = e.toString();
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\r') {
        in.read();
        return b.toString();
      }
      b.append((char) c);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    sync();
    socket.close();
  }
}
