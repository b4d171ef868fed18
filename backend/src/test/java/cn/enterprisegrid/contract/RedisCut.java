package cn.enterprisegrid.contract;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP proxy in front of Redis that a test can cut: while cut, nothing listens on its port, so
 * the backend's connection attempts are refused as when Redis is down, without stopping the run's
 * shared Redis.
 */
final class RedisCut implements AutoCloseable {
  private final Vertx vertx;
  private final String host;
  private final int upstreamPort;
  private final int port;
  private final NetClient client;
  private final List<NetSocket> open = new ArrayList<>();
  private NetServer server;

  RedisCut(Vertx vertx, String redisUrl, int port) {
    URI u = URI.create(redisUrl);
    this.vertx = vertx;
    this.host = u.getHost();
    this.upstreamPort = u.getPort();
    this.port = port;
    this.client = vertx.createNetClient();
    restore();
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Listens again: new connections reach Redis. */
  void restore() {
    server = vertx.createNetServer().connectHandler(in -> {
      in.pause();
      client.connect(upstreamPort, host).onSuccess(out -> {
        synchronized (open) {
          open.add(in);
          open.add(out);
        }
        in.handler(out::write);
        out.handler(in::write);
        in.closeHandler(v -> out.close());
        out.closeHandler(v -> in.close());
        in.resume();
      }).onFailure(err -> in.close());
    });
    server.listen(port, "127.0.0.1").await();
  }

  /** Stops listening and closes every proxied connection. */
  void cut() {
    server.close().await();
    List<NetSocket> sockets;
    synchronized (open) {
      sockets = new ArrayList<>(open);
      open.clear();
    }
    sockets.forEach(NetSocket::close);
  }

  @Override
  public void close() {
    server.close().await();
    client.close().await();
  }
}
