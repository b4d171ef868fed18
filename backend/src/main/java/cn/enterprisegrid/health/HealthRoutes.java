package cn.enterprisegrid.health;

import cn.enterprisegrid.store.Store;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.core.json.JsonArray;
import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.http.Problems;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code GET /health}: 200 when Redis answers and the index directory is writable, 503 naming the
 * failing check otherwise (for load balancers and the supervisor of the process).
 */
public final class HealthRoutes {
  private static final long TIMEOUT_MS = 2000;

  private final Vertx vertx;
  private final Store store;
  private final Path indexDir;

  public HealthRoutes(Vertx vertx, Store store, Path indexDir) {
    this.vertx = vertx;
    this.store = store;
    this.indexDir = indexDir;
  }

  public void mount(Router router) {
    HealthChecks checks = HealthChecks.create(vertx)
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
    router.get("/health").handler(ctx -> checks.checkStatus().onComplete(ar -> {
      JsonObject outcome = ar.succeeded() ? ar.result().toJson()
          : new JsonObject().put("status", "DOWN").put("error", String.valueOf(ar.cause()));
      boolean up = ar.succeeded() && ar.result().getUp();
      if (up) {
        ctx.json(outcome);
        return;
      }
      // A 5xx like any other: a problem document, carrying the failing checks.
      JsonObject problem = Problem.of(503, "unhealthy", "Service unavailable",
              "a health check failed: " + failing(outcome))
          .toJson(ctx.request().path())
          .put("checks", outcome.getValue("checks"));
      ctx.response().setStatusCode(503).putHeader("Content-Type", Problems.CONTENT_TYPE)
          .end(problem.encode());
    }));
  }

  private static String failing(JsonObject outcome) {
    JsonArray checks = outcome.getJsonArray("checks", new JsonArray());
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < checks.size(); i++) {
      JsonObject c = checks.getJsonObject(i);
      if (!"UP".equals(c.getString("status"))) {
        sb.append(sb.length() == 0 ? "" : ", ").append(c.getString("id"));
      }
    }
    return sb.length() == 0 ? "unknown" : sb.toString();
  }
}
