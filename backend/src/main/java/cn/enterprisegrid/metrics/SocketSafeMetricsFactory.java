package cn.enterprisegrid.metrics;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;

/**
 * Another metrics factory (Micrometer's) whose HTTP server metrics accept a connection that has no
 * socket metric ({@link ConnectionSafeServerMetrics}). vertx-core 5.0.4 sets a server's metrics in
 * the bind callback, after the socket is bound ({@code NetServerImpl}): a connection accepted in
 * between gets no socket metric, the HTTP layer then finds the metrics set and calls {@code
 * requestBegin(null, ...)}, Micrometer 5.0.4 throws ({@code "socketMetric" is null}) and the request
 * hangs: a load balancer probing {@code /health} while the node starts saw it. Everything else is
 * the delegate's.
 */
public final class SocketSafeMetricsFactory implements VertxMetricsFactory {
  private final VertxMetricsFactory delegate;

  public SocketSafeMetricsFactory(VertxMetricsFactory delegate) {
    this.delegate = delegate;
  }

  // init is the interface's own: it calls this factory's metrics(), so the guarded ones are installed
  @Override
  public MetricsOptions newOptions() {
    return delegate.newOptions();
  }

  @Override
  public MetricsOptions newOptions(MetricsOptions options) {
    return delegate.newOptions(options);
  }

  @Override
  public MetricsOptions newOptions(JsonObject json) {
    return delegate.newOptions(json);
  }

  @Override
  public VertxMetrics metrics(VertxOptions options) {
    return new Guarded(delegate.metrics(options));
  }

  /** The delegate's metrics, its HTTP servers' guarded. */
  private record Guarded(VertxMetrics d) implements VertxMetrics {
    @Override
    @SuppressWarnings("unchecked")
    public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions options, SocketAddress local) {
      HttpServerMetrics<?, ?, ?> m = d.createHttpServerMetrics(options, local);
      return m == null ? null : new ConnectionSafeServerMetrics((HttpServerMetrics<Object, Object, Object>) m);
    }

    @Override
    public EventBusMetrics createEventBusMetrics() {
      return d.createEventBusMetrics();
    }

    @Override
    public ClientMetrics<?, ?, ?> createClientMetrics(SocketAddress remote, String type, String namespace) {
      return d.createClientMetrics(remote, type, namespace);
    }

    @Override
    public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions options) {
      return d.createHttpClientMetrics(options);
    }

    @Override
    public TCPMetrics<?> createNetServerMetrics(NetServerOptions options, SocketAddress local) {
      return d.createNetServerMetrics(options, local);
    }

    @Override
    public TCPMetrics<?> createNetClientMetrics(NetClientOptions options) {
      return d.createNetClientMetrics(options);
    }

    @Override
    public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions options) {
      return d.createDatagramSocketMetrics(options);
    }

    @Override
    public PoolMetrics<?, ?> createPoolMetrics(String type, String name, int maxSize) {
      return d.createPoolMetrics(type, name, maxSize);
    }

    @Override
    public void vertxCreated(Vertx vertx) {
      d.vertxCreated(vertx);
    }

    @Override
    public boolean isMetricsEnabled() {
      return d.isMetricsEnabled();
    }

    @Override
    public void close() {
      d.close();
    }
  }
}
