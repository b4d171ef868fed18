package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.testing.Eventually;
import cn.enterprisegrid.testing.AdminToken;
import cn.enterprisegrid.testing.WithBackend;
import cn.enterprisegrid.testing.TestBackend;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static cn.enterprisegrid.testing.ProblemAssert.assertFieldProblem;
import static org.assertj.core.api.Assertions.assertThat;

@WithBackend
class EnterpriseListTest {
  static TestBackend app;
  @AdminToken static String admin;
  static String huabuAdmin;

  @BeforeAll
  static void start() {
    StringBuilder ndjson = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      JsonObject firm = Firms.firm(Firms.uscc(), i < 40 ? Firms.HUABU : Firms.MAJIN);
      if (i % 4 == 0) {
        firm.put("industryCode", "5261").put("tags", new JsonArray().add("专精特新"));
      }
      firm.put("name", (i % 5 == 0 ? "华埠茶业" : "开化纸业") + i + "有限公司");
      ndjson.append(firm.encode()).append('\n');
    }
    assertThat(Firms.importBody(app, admin, "application/x-ndjson", ndjson.toString())
        .bodyAsJsonObject().getInteger("created")).isEqualTo(60);
    app.createAccount(admin, "huabu.lister", "GRID_ADMIN", new JsonObject().put("region", Firms.HUABU));
    huabuAdmin = app.login("huabu.lister", "secret-pass-1");
    Eventually.until("60 firms indexed", () -> app.backend().enterpriseIndex().size() >= 60);
  }

  private static JsonObject list(String token, String query) {
    var r = app.get("/api/v1/enterprises" + query, token);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  @Test
  void filtersByRegionIndustryTagAndSize() {
    assertThat(list(admin, "").getInteger("total")).isEqualTo(60);
    assertThat(list(admin, "?region=" + Firms.MAJIN).getInteger("total")).isEqualTo(20);
    assertThat(list(admin, "?industry=F").getInteger("total")).isEqualTo(15);
    assertThat(list(admin, "?industry=52&region=" + Firms.HUABU).getInteger("total")).isEqualTo(10);
    assertThat(list(admin, "?tag=" + java.net.URLEncoder.encode("专精特新", java.nio.charset.StandardCharsets.UTF_8)).getInteger("total")).isEqualTo(15);
    // the retail firms (5261, 80 people, 1,200万元) are MEDIUM under the size standard, the
    // manufacturers SMALL: each filter keeps exactly its own
    JsonObject small = list(admin, "?size=SMALL&limit=200");
    assertThat(small.getInteger("total")).isEqualTo(45);
    assertThat(small.getJsonArray("items")).allSatisfy(i -> assertThat(((JsonObject) i).getString("industryCode")).isEqualTo("2221"));
    JsonObject medium = list(admin, "?size=MEDIUM&limit=200");
    assertThat(medium.getInteger("total")).isEqualTo(15);
    assertThat(medium.getJsonArray("items")).allSatisfy(i -> assertThat(((JsonObject) i).getString("industryCode")).isEqualTo("5261"));
    assertThat(list(admin, "?size=LARGE").getInteger("total")).isZero();
  }

  @Test
  void searchesByName() {
    String q = java.net.URLEncoder.encode("华埠茶业", java.nio.charset.StandardCharsets.UTF_8);
    JsonObject found = list(admin, "?q=" + q);
    assertThat(found.getInteger("total")).isEqualTo(12);
    assertThat(found.getJsonArray("items").getJsonObject(0).encode()).contains("华埠茶业");
    String hostile = java.net.URLEncoder.encode("\"(*?[ AND", java.nio.charset.StandardCharsets.UTF_8);
    assertThat(list(admin, "?q=" + hostile).getInteger("total")).isZero();
  }

  @Test
  void aTownshipAdminSeesOnlyItsTownship() {
    assertThat(list(huabuAdmin, "").getInteger("total")).isEqualTo(40);
    assertThat(list(huabuAdmin, "?region=330824").getInteger("total")).isEqualTo(40);
    assertThat(list(huabuAdmin, "?region=" + Firms.MAJIN).getInteger("total")).isZero();
  }

  @Test
  void pagesInStableOrderWithoutGapsOrRepeats() {
    List<String> seen = new ArrayList<>();
    String page = null;
    do {
      JsonObject body = list(admin, "?limit=7" + (page == null ? "" : "&page=" + page));
      for (Object o : body.getJsonArray("items")) {
        seen.add(((JsonObject) o).getString("uscc"));
      }
      page = body.getString("next");
    } while (page != null);
    assertThat(seen).hasSize(60).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void badParametersAreNamed() {
    assertFieldProblem(app.get("/api/v1/enterprises?region=33x", admin), 400, "/region");
    assertFieldProblem(app.get("/api/v1/enterprises?industry=Z9", admin), 400, "/industry");
    assertFieldProblem(app.get("/api/v1/enterprises?size=HUGE", admin), 400, "/size");
    assertFieldProblem(app.get("/api/v1/enterprises?limit=500", admin), 400, "/limit");
    assertFieldProblem(app.get("/api/v1/enterprises?page=xyz", admin), 400, "/page");
  }
}
