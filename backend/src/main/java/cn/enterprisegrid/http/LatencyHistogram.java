package cn.enterprisegrid.http;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Publishes the HTTP server's response time as a histogram with fixed buckets (Prometheus {@code
 * vertx_http_server_response_time_seconds_bucket}), so that the server's own tail (p99 ≤ 5 ms for
 * profile reads) can be read off {@code /metrics} and compared with a load generator's. Fixed
 * buckets cost one array search per request; percentile histograms of micrometer's own would cost
 * far more buckets.
 */
public final class LatencyHistogram {
  /** The Vert.x timer of answered HTTP requests. */
  public static final String METER = "vertx.http.server.response.time";
  private static final double[] BUCKETS_MS = {0.25, 0.5, 1, 2, 3, 5, 10, 20, 50, 100, 250, 1000, 5000};

  private LatencyHistogram() {}

  /** Must be called before Vert.x registers its meters (before the Vertx instance is built). */
  public static void install(MeterRegistry registry) {
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!METER.equals(id.getName())) {
          return config;
        }
        double[] nanos = new double[BUCKETS_MS.length]; // a timer's buckets are in nanoseconds
        for (int i = 0; i < nanos.length; i++) {
          nanos[i] = BUCKETS_MS[i] * 1_000_000;
        }
        return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
      }
    });
  }
}
