package cn.enterprisegrid.grid;

import cn.enterprisegrid.testing.TestBackend;
import cn.enterprisegrid.testing.WithBackend;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's grid: 开化县's township cells, about 60 liaisons, every demo firm assigned, visits and call-backs. */
@WithBackend(demo = true)
class DemoGridTest {
  @Test
  void demoGridIsComplete(TestBackend app) {
    String admin = app.login("kh.admin", "demo-pass-2026");
    JsonObject cov = app.get("/api/v1/grid/coverage", admin).bodyAsJsonObject();
    JsonObject totals = cov.getJsonObject("totals");
    assertThat(totals.getLong("firms")).isEqualTo(3000);
    assertThat(totals.getLong("unassigned")).isZero();
    assertThat(totals.getLong("liaisons")).isBetween(55L, 70L);
    JsonObject report = app.get("/api/v1/reports/liaisons", admin).bodyAsJsonObject();
    assertThat(report.getJsonArray("items").size()).isEqualTo(totals.getInteger("liaisons"));
    assertThat(report.getLong("red")).isPositive();
    assertThat(report.getLong("green")).isPositive();
    assertThat(app.get("/api/v1/reports/cells", admin).bodyAsJsonObject().getJsonArray("items")).isNotEmpty();
    String liaison = app.login("kh.liaison01", "demo-pass-2026");
    assertThat(app.get("/mp/v1/liaison/firms", liaison).bodyAsJsonObject().getJsonArray("items")).isNotEmpty();
    assertThat(app.get("/api/v1/callbacks", admin).bodyAsJsonObject().getJsonArray("items")).isNotEmpty();
  }
}
