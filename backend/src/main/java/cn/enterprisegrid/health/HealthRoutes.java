package cn.enterprisegrid.health;

import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.http.Problems;
import cn.enterprisegrid.http.Language;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code GET /health} for load balancers: UP (200) or DOWN (503 problem), nothing else, answered
 * from the state of the last check (every {@link #PERIOD_MS}: a probe costs no Redis round trip,
 * and a flood of probes none either); DOWN until the first check of a starting node has passed.
 * {@code GET /health/details} for operators only: the checks (Redis with its latency, the index
 * directory) run at once, with what failed.
 */
public final class HealthRoutes {
  static final long PERIOD_MS = 1000;
  private static final long TIMEOUT_MS = 2000;

  private final Vertx vertx;
  private final Store store;
  private final Path indexDir;
  private volatile JsonObject last;

  public HealthRoutes(Vertx vertx, Store store, Path indexDir) {
    this.vertx = vertx;
    this.store = store;
    this.indexDir = indexDir;
  }

  /** Mounts both; {@code operator} guards the details. The periodic check ends with the verticle. */
  public void mount(Router router, Handler<RoutingContext> operator) {
    HealthChecks checks = checks();
    Runnable refresh = () -> checks.checkStatus().onComplete(ar -> last = outcome(ar.succeeded() ? ar.result() : null,
        ar.failed() ? ar.cause() : null));
    refresh.run();
    vertx.setPeriodic(PERIOD_MS, t -> refresh.run());
    router.get("/health").handler(ctx -> {
      JsonObject state = last;
      if (state != null && "UP".equals(state.getString("status"))) {
        ctx.json(new JsonObject().put("status", "UP"));
      } else {
        down(ctx, Text.of(state == null ? "unhealthy.starting" : "unhealthy.down"), null);
      }
    });
    router.get("/health/details").handler(operator).handler(ctx -> checks.checkStatus().onComplete(ar -> {
      JsonObject outcome = outcome(ar.succeeded() ? ar.result() : null, ar.failed() ? ar.cause() : null);
      if ("UP".equals(outcome.getString("status"))) {
        ctx.json(outcome);
      } else {
        down(ctx, Text.of("unhealthy.checks", failing(outcome)), outcome.getValue("checks"));
      }
    }));
  }

  private HealthChecks checks() {
    return HealthChecks.create(vertx)
        .register("redis", TIMEOUT_MS, promise -> {
          long start = System.nanoTime();
          store.api().ping(List.of())
              .onSuccess(r -> promise.tryComplete(Status.OK(new JsonObject()
                  .put("latencyMs", (System.nanoTime() - start) / 1_000_000.0))))
              .onFailure(err -> promise.tryComplete(Status.KO(new JsonObject()
                  .put("error", String.valueOf(err.getMessage())))));
        })
        .register("index", TIMEOUT_MS, promise -> vertx.executeBlocking(() -> {
          Files.createDirectories(indexDir);
          return Files.isWritable(indexDir);
        }, false).onComplete(ar -> promise.tryComplete(ar.succeeded() && ar.result()
            ? Status.OK(new JsonObject().put("dir", indexDir.toString()))
            : Status.KO(new JsonObject().put("dir", indexDir.toString())
                .put("error", ar.failed() ? ar.cause().getMessage() : "not writable")))));
  }

  private static JsonObject outcome(io.vertx.ext.healthchecks.CheckResult result, Throwable err) {
    if (result == null) {
      return new JsonObject().put("status", "DOWN").put("error", String.valueOf(err));
    }
    JsonObject json = result.toJson();
    return json.put("status", Boolean.TRUE.equals(result.getUp()) ? "UP" : "DOWN");
  }

  /** A 5xx like any other: a problem document; the checks only for operators. */
  private static void down(RoutingContext ctx, Text detail, Object checks) {
    Language lang = Language.of(ctx.request().getHeader("Accept-Language"));
    JsonObject problem = Problem.of(503, "unhealthy", detail).toJson(ctx.request().path(), lang);
    if (checks != null) {
      problem.put("checks", checks);
    }
    ctx.response().setStatusCode(503).putHeader("Content-Type", Problems.CONTENT_TYPE)
        .putHeader("Retry-After", "1").end(problem.encode());
  }

  private static String failing(JsonObject outcome) {
    JsonArray checks = outcome.getJsonArray("checks", new JsonArray());
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < checks.size(); i++) {
      JsonObject c = checks.getJsonObject(i);
      if (!"UP".equals(c.getString("status"))) {
        sb.append(sb.length() == 0 ? "" : "、").append(c.getString("id"));
      }
    }
    return sb.length() == 0 ? "未知" : sb.toString();
  }
}
