package cn.enterprisegrid.enterprise;

import static cn.enterprisegrid.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.demo.DemoEnterprises;
import cn.enterprisegrid.testing.AdminToken;
import cn.enterprisegrid.testing.TestBackend;
import cn.enterprisegrid.testing.WithBackend;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

@WithBackend
class ImportTest {
  static TestBackend app;
  @AdminToken static String admin;

  private static JsonObject result(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private static JsonObject rejection(JsonObject result, int line) {
    for (Object o : result.getJsonArray("rejected")) {
      if (((JsonObject) o).getLong("line") == line) {
        return (JsonObject) o;
      }
    }
    throw new AssertionError("line " + line + " not rejected: " + result.encode());
  }

  @Test
  void ndjsonGoodLinesAreStoredBadOnesReportedAndNothingHalfWritten() {
    JsonObject good1 = Firms.firm(Firms.uscc(), Firms.HUABU);
    JsonObject good2 = Firms.firm(Firms.uscc(), Firms.MAJIN);
    JsonObject badFinancials = Firms.firm(Firms.uscc(), Firms.HUABU);
    badFinancials.getJsonArray("financials").getJsonObject(1).put("revenue", -1);
    JsonObject badRegion = Firms.firm(Firms.uscc(), "330824");
    String body = String.join("\n", good1.encode(), "{not json", badFinancials.encode(), "",
        good2.encode(), badRegion.encode()) + "\n";
    long auditBefore = Firms.auditLength(app);
    JsonObject r = result(Firms.importBody(app, admin, "application/x-ndjson", body));
    assertThat(r.getLong("created")).isEqualTo(2);
    assertThat(r.getLong("rejectedCount")).isEqualTo(3);
    assertThat(rejection(r, 2).getString("field")).isEqualTo("");
    assertThat(rejection(r, 3).getString("field")).isEqualTo("financials/1/revenue");
    assertThat(rejection(r, 6).getString("field")).isEqualTo("regionCode");
    assertThat(app.get("/api/v1/enterprises/" + good1.getString("uscc"), admin).statusCode()).isEqualTo(200);
    assertThat(app.get("/api/v1/enterprises/" + good2.getString("uscc"), admin).statusCode()).isEqualTo(200);
    assertProblem(app.get("/api/v1/enterprises/" + badFinancials.getString("uscc"), admin), 404, "/problems/not-found");
    assertThat(app.redis().exists(List.of(EnterpriseKeys.firm(badFinancials.getString("uscc")))).await().toInteger())
        .isZero();
    assertThat(Firms.auditLength(app)).isEqualTo(auditBefore + 2);

    // the same file again changes nothing: no audit entries, no history
    long historyBefore = app.redis().llen(EnterpriseKeys.history(good1.getString("uscc"))).await().toLong();
    JsonObject again = result(Firms.importBody(app, admin, "application/x-ndjson", body));
    assertThat(again.getLong("created")).isZero();
    assertThat(again.getLong("updated")).isZero();
    assertThat(again.getLong("unchanged")).isEqualTo(2);
    assertThat(again.getLong("rejectedCount")).isEqualTo(3);
    assertThat(Firms.auditLength(app)).isEqualTo(auditBefore + 2);
    assertThat(app.redis().llen(EnterpriseKeys.history(good1.getString("uscc"))).await().toLong())
        .isEqualTo(historyBefore);

    // a changed figure is an update of that field only
    good1.getJsonArray("financials").getJsonObject(1).put("revenue", 1300);
    JsonObject changed = result(Firms.importBody(app, admin, "application/x-ndjson", good1.encode()));
    assertThat(changed.getLong("updated")).isEqualTo(1);
    JsonObject history = app.get("/api/v1/enterprises/" + good1.getString("uscc") + "/history", admin).bodyAsJsonObject();
    JsonObject newest = history.getJsonArray("items").getJsonObject(0);
    assertThat(newest.getString("field")).isEqualTo("financials." + Firms.LAST_YEAR);
    assertThat(newest.getJsonObject("before").getDouble("revenue")).isEqualTo(1200.0);
    assertThat(newest.getJsonObject("after").getDouble("revenue")).isEqualTo(1300.0);
    assertThat(newest.getString("source")).isEqualTo("REGISTRY");
  }

  @Test
  void csvWithBomQuotesAndTags() {
    String u1 = Firms.uscc();
    String u2 = Firms.uscc();
    String u3 = Firms.uscc();
    String csv = "\uFEFFuscc,name,regionCode,industryCode,establishedOn,employees,tags,year,revenue,assets,lat,lon\r\n"
        + u1 + ",\"开化县华埠, 纸业有限公司\"," + Firms.HUABU + ",2221,2010-03-04,45,高新技术企业|专精特新,"
        + Firms.LAST_YEAR + ",2500.5,1800,29.14,118.41\r\n"
        + u2 + ",坏年份公司," + Firms.HUABU + ",2221,2010-03-04,45,,1800,10,10,,\r\n"
        + u3 + ",坏数字公司," + Firms.MAJIN + ",1530,2011-01-01,abc,,,,,,\r\n";
    JsonObject r = result(Firms.importBody(app, admin, "text/csv; charset=utf-8", csv));
    assertThat(r.getLong("created")).isEqualTo(1);
    assertThat(rejection(r, 3).getString("field")).isEqualTo("year");
    assertThat(rejection(r, 4).getString("field")).isEqualTo("employees");
    JsonObject p = app.get("/api/v1/enterprises/" + u1, admin).bodyAsJsonObject();
    assertThat(p.getString("name")).isEqualTo("开化县华埠, 纸业有限公司");
    assertThat(p.getJsonArray("tags").getList()).containsExactlyInAnyOrder("高新技术企业", "专精特新");
    assertThat(p.getJsonArray("financials").getJsonObject(0).getDouble("revenue")).isEqualTo(2500.5);
    assertThat(p.getJsonObject("location").getDouble("lat")).isEqualTo(29.14);
    assertThat(p.getJsonObject("derived").getJsonArray("statTags").getList()).containsExactly("规上工业");
  }

  @Test
  void unknownCsvColumnOrMediaTypeIsRefused() {
    assertProblem(Firms.importBody(app, admin, "text/csv", "uscc,colour\nx,y\n"), 400, "/problems/validation");
    assertProblem(Firms.importBody(app, admin, "application/json", "{}"), 415, "/problems/unsupported-media-type");
  }

  @Test
  void overlongLinesAreRejectedNotBuffered() {
    JsonObject good = Firms.firm(Firms.uscc(), Firms.HUABU);
    String huge = "{\"name\":\"" + "x".repeat(70_000) + "\"}";
    JsonObject r = result(Firms.importBody(app, admin, "application/x-ndjson", huge + "\n" + good.encode()));
    assertThat(r.getLong("created")).isEqualTo(1);
    assertThat(rejection(r, 1).getString("reason")).contains("超过");
  }

  @Test
  void regionAdminImportsOnlyInsideItsRegion() {
    app.createAccount(admin, "huabu.importer", "GRID_ADMIN", new JsonObject().put("region", Firms.HUABU));
    String township = app.login("huabu.importer", "secret-pass-1");
    JsonObject inside = Firms.firm(Firms.uscc(), Firms.HUABU + "201");
    JsonObject outside = Firms.firm(Firms.uscc(), Firms.MAJIN);
    JsonObject r = result(Firms.importBody(app, township, "application/x-ndjson",
        inside.encode() + "\n" + outside.encode() + "\n"));
    assertThat(r.getLong("created")).isEqualTo(1);
    assertThat(rejection(r, 2).getString("field")).isEqualTo("regionCode");
    assertThat(rejection(r, 2).getString("reason")).contains("不在本账号的区划");
    // a firm registered elsewhere cannot be pulled into the township by an import
    JsonObject elsewhere = Firms.firm(Firms.uscc(), Firms.MAJIN);
    Firms.put(app, admin, elsewhere);
    elsewhere.put("regionCode", Firms.HUABU);
    JsonObject moved = result(Firms.importBody(app, township, "application/x-ndjson", elsewhere.encode()));
    assertThat(moved.getLong("rejectedCount")).isEqualTo(1);
  }

  @Test
  void supervisorsCannotImport() {
    app.createAccount(admin, "sup.import", "SUPERVISOR", new JsonObject());
    String sup = app.login("sup.import", "secret-pass-1");
    assertProblem(Firms.importBody(app, sup, "application/x-ndjson", "{}"), 403, "/problems/forbidden");
  }

  @Test
  void twentyThousandLinesStream() {
    DemoEnterprises gen = new DemoEnterprises(99);
    List<String> regions = gen.regions("330824");
    StringBuilder sb = new StringBuilder(20_000 * 700);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      JsonObject f = gen.inCounty("330824", regions);
      ids.add(f.getString("uscc"));
      sb.append(f.encode()).append('\n');
    }
    long t0 = System.nanoTime();
    JsonObject r = result(Firms.importBody(app, admin, "application/x-ndjson", sb.toString()));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("imported 20k lines in " + ms + " ms: " + r.encode().substring(0, Math.min(200, r.encode().length())));
    long distinct = ids.stream().distinct().count();
    assertThat(r.getLong("created") + r.getLong("updated") + r.getLong("unchanged")).isEqualTo(20_000);
    assertThat(r.getLong("created")).isEqualTo(distinct);
    assertThat(r.getLong("rejectedCount")).isZero();
    JsonObject last = app.get("/api/v1/enterprises/" + ids.get(ids.size() - 1), admin).bodyAsJsonObject();
    assertThat(last.getString("regionCode")).startsWith("330824");
  }
}
