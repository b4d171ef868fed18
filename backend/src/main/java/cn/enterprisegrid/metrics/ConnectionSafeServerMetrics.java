package cn.enterprisegrid.metrics;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;

/**
 * HTTP server metrics that leave unmeasured a connection without a socket metric (accepted while
 * the server was binding, see {@link SocketSafeMetricsFactory}) and its requests, instead of
 * failing them; every other call goes to the delegate.
 */
final class ConnectionSafeServerMetrics implements HttpServerMetrics<Object, Object, Object> {
  private final HttpServerMetrics<Object, Object, Object> d;

  ConnectionSafeServerMetrics(HttpServerMetrics<Object, Object, Object> d) {
    this.d = d;
  }

  @Override
  public Object requestBegin(Object socket, HttpRequest request) {
    return socket == null ? null : d.requestBegin(socket, request);
  }

  @Override
  public void requestEnd(Object request, HttpRequest req, long bytesRead) {
    if (request != null) {
      d.requestEnd(request, req, bytesRead);
    }
  }

  @Override
  public void requestReset(Object request) {
    if (request != null) {
      d.requestReset(request);
    }
  }

  @Override
  public void responseBegin(Object request, HttpResponse response) {
    if (request != null) {
      d.responseBegin(request, response);
    }
  }

  @Override
  public Object responsePushed(Object socket, HttpMethod method, String uri, HttpResponse response) {
    return socket == null ? null : d.responsePushed(socket, method, uri, response);
  }

  @Override
  public void responseEnd(Object request, HttpResponse response, long bytesWritten) {
    if (request != null) {
      d.responseEnd(request, response, bytesWritten);
    }
  }

  @Override
  public Object connected(Object socket, Object request, ServerWebSocket webSocket) {
    return socket == null || request == null ? null : d.connected(socket, request, webSocket);
  }

  @Override
  public void disconnected(Object webSocket) {
    if (webSocket != null) {
      d.disconnected(webSocket);
    }
  }

  @Override
  public void requestRouted(Object request, String route) {
    if (request != null) {
      d.requestRouted(request, route);
    }
  }

  @Override
  public Object connected(SocketAddress remote, String remoteName) {
    return d.connected(remote, remoteName);
  }

  @Override
  public void disconnected(Object socket, SocketAddress remote) {
    if (socket != null) {
      d.disconnected(socket, remote);
    }
  }

  @Override
  public void bytesRead(Object socket, SocketAddress remote, long bytes) {
    if (socket != null) {
      d.bytesRead(socket, remote, bytes);
    }
  }

  @Override
  public void bytesWritten(Object socket, SocketAddress remote, long bytes) {
    if (socket != null) {
      d.bytesWritten(socket, remote, bytes);
    }
  }

  @Override
  public void exceptionOccurred(Object socket, SocketAddress remote, Throwable t) {
    if (socket != null) {
      d.exceptionOccurred(socket, remote, t);
    }
  }

  @Override
  public void close() {
    d.close();
  }
}
