package cn.enterprisegrid.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.junit.jupiter.api.Test;

/**
 * The start-up hang's cause and its guard: a connection accepted while the server binds has no
 * socket metric; Micrometer's HTTP server metrics throw on its first request, the guarded ones
 * leave it unmeasured, and a connection that has one is measured as before.
 */
class SocketSafeMetricsTest {
  private static final SocketAddress LOCAL = SocketAddress.inetSocketAddress(8080, "127.0.0.1");
  private static final SocketAddress PEER = SocketAddress.inetSocketAddress(40000, "127.0.0.1");

  @Test
  void aRequestOnAConnectionWithoutSocketMetricIsLeftUnmeasuredInsteadOfFailing() {
    Vertx bare = vertx(new MicrometerMetricsFactory(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
    Vertx guarded = vertx(new SocketSafeMetricsFactory(new MicrometerMetricsFactory(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))));
    try {
      assertThatThrownBy(() -> serverMetrics(bare).requestBegin(null, GET))
          .as("vertx-micrometer-metrics 5.0.4 on such a connection").isInstanceOf(NullPointerException.class);

      HttpServerMetrics<Object, Object, Object> m = serverMetrics(guarded);
      assertThat(m.requestBegin(null, GET)).isNull();
      m.responseEnd(null, OK, 10);
      m.bytesRead(null, PEER, 100);
      m.disconnected(null, PEER);

      Object socket = m.connected(PEER, "127.0.0.1");
      Object request = m.requestBegin(socket, GET);
      assertThat(request).as("a connection with its socket metric is measured").isNotNull();
      m.requestEnd(request, GET, 0);
      m.responseBegin(request, OK);
      m.responseEnd(request, OK, 10);
      m.disconnected(socket, PEER);
    } finally {
      bare.close().await();
      guarded.close().await();
    }
  }

  private static Vertx vertx(io.vertx.core.spi.VertxMetricsFactory factory) {
    return Vertx.builder().with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(factory).build();
  }

  @SuppressWarnings("unchecked")
  private static HttpServerMetrics<Object, Object, Object> serverMetrics(Vertx vertx) {
    return (HttpServerMetrics<Object, Object, Object>) ((VertxInternal) vertx).metrics()
        .createHttpServerMetrics(new HttpServerOptions(), LOCAL);
  }

  private static final HttpRequest GET = new HttpRequest() {
    @Override
    public int id() {
      return 1;
    }

    @Override
    public String uri() {
      return "/health";
    }

    @Override
    public String absoluteURI() {
      return "http://127.0.0.1:8080/health";
    }

    @Override
    public HttpMethod method() {
      return HttpMethod.GET;
    }

    @Override
    public MultiMap headers() {
      return MultiMap.caseInsensitiveMultiMap();
    }

    @Override
    public SocketAddress remoteAddress() {
      return PEER;
    }
  };

  private static final HttpResponse OK = new HttpResponse() {
    @Override
    public int statusCode() {
      return 200;
    }

    @Override
    public MultiMap headers() {
      return MultiMap.caseInsensitiveMultiMap();
    }
  };
}
