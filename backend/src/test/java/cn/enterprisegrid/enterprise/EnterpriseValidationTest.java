package cn.enterprisegrid.enterprise;

import static cn.enterprisegrid.testing.ProblemAssert.assertFieldProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.config.ChinaTime;
import cn.enterprisegrid.testing.AdminToken;
import cn.enterprisegrid.testing.TestBackend;
import cn.enterprisegrid.testing.WithBackend;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.function.Consumer;

@WithBackend
class EnterpriseValidationTest {
  static TestBackend app;
  @AdminToken static String admin;

  private HttpResponse<Buffer> putWith(Consumer<JsonObject> change) {
    JsonObject f = Firms.firm(Firms.uscc(), Firms.HUABU);
    change.accept(f);
    return Firms.put(app, admin, f);
  }

  @Test
  void validRecordIsCreatedThenUnchanged() {
    JsonObject f = Firms.firm(Firms.uscc(), Firms.HUABU + "201");
    HttpResponse<Buffer> r = Firms.put(app, admin, f);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("CREATED");
    HttpResponse<Buffer> again = Firms.put(app, admin, f);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject().getString("status")).isEqualTo("UNCHANGED");
  }

  @Test
  void usccCheckCharacterAndOrganisationCodeAreChecked() {
    String good = Firms.uscc();
    char wrongCheck = good.charAt(17) == '0' ? '1' : '0';
    String badCheck = good.substring(0, 17) + wrongCheck;
    JsonObject p = assertFieldProblem(Firms.put(app, admin, Firms.firm(badCheck, Firms.HUABU)), 422, "/uscc");
    assertThat(p.getString("detail")).contains("校验码");
    // a code whose own check character is right but whose organisation code fails GB 11714
    String org = good.substring(8, 16) + (good.charAt(16) == '0' ? '1' : '0');
    String first17 = good.substring(0, 8) + org;
    String badOrg = first17 + Uscc.checkCharacter(first17);
    p = assertFieldProblem(Firms.put(app, admin, Firms.firm(badOrg, Firms.HUABU)), 422, "/uscc");
    assertThat(p.getString("detail")).contains("组织机构代码");
    assertThat(assertFieldProblem(Firms.put(app, admin, Firms.firm("91330824MA2X0000", Firms.HUABU)), 400, "/uscc")
        .getString("detail")).contains("pattern");
  }

  @Test
  void usccRegionPartIsNotHeldAgainstTheFirm() {
    String registeredInHangzhou = Uscc.generate("330100", new java.util.Random(7));
    HttpResponse<Buffer> r = Firms.put(app, admin, Firms.firm(registeredInHangzhou, Firms.HUABU));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
  }

  @Test
  void everyBadFieldIsNamed() {
    String tomorrow = LocalDate.now(ChinaTime.ZONE).plusDays(1).toString();
    assertFieldProblem(putWith(f -> f.remove("name")), 422, "/name");
    assertFieldProblem(putWith(f -> f.put("name", "  ")), 422, "/name");
    assertFieldProblem(putWith(f -> f.put("regionCode", "330824999")), 422, "/regionCode");
    assertFieldProblem(putWith(f -> f.put("regionCode", "330824")), 422, "/regionCode");
    assertFieldProblem(putWith(f -> f.remove("regionCode")), 422, "/regionCode");
    assertFieldProblem(putWith(f -> f.put("industryCode", "22")), 422, "/industryCode");
    assertFieldProblem(putWith(f -> f.put("industryCode", "2229")), 422, "/industryCode");
    assertFieldProblem(putWith(f -> f.put("establishedOn", tomorrow)), 422, "/establishedOn");
    assertFieldProblem(putWith(f -> f.put("establishedOn", "2023-02-30")), 422, "/establishedOn");
    assertFieldProblem(putWith(f -> f.put("registeredCapital", -1)), 422, "/registeredCapital");
    assertFieldProblem(putWith(f -> f.put("employees", 12.5)), 400, "/employees");
    assertFieldProblem(putWith(f -> f.getJsonArray("financials").getJsonObject(1).put("revenue", -5)), 422,
        "/financials/1/revenue");
    assertFieldProblem(putWith(f -> f.getJsonArray("financials").getJsonObject(0).put("year", 1800)), 422,
        "/financials/0/year");
    assertFieldProblem(putWith(f -> f.getJsonArray("financials").getJsonObject(0).put("year", Firms.LAST_YEAR)),
        422, "/financials/1/year");
    assertFieldProblem(putWith(f -> f.put("tags", new JsonArray().add(" "))), 422, "/tags/0");
    assertFieldProblem(putWith(f -> f.put("tags", new JsonArray().add("ok").add("x".repeat(33)))), 422, "/tags/1");
    assertFieldProblem(putWith(f -> f.put("creditStatus", "BLACK")), 422, "/creditStatus");
    assertFieldProblem(putWith(f -> f.put("location", new JsonObject().put("lat", 95).put("lon", 118))), 422,
        "/location/lat");
    assertFieldProblem(putWith(f -> f.put("colour", "red")), 400, "/colour");
  }

  @Test
  void singleClassGroupsAreValidClasses() {
    // 5320 is the only class of group 532: listed at class level only
    HttpResponse<Buffer> r = putWith(f -> f.put("industryCode", "5320"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isIn(200, 201);
    assertThat(r.bodyAsJsonObject().getJsonObject("derived").getJsonObject("industry")
        .getJsonObject("group").getString("code")).isEqualTo("532");
  }

  @Test
  void derivedFiguresAreReturned() {
    JsonObject f = Firms.firm(Firms.uscc(), Firms.HUABU + "201");
    Firms.put(app, admin, f);
    JsonObject p = app.get("/api/v1/enterprises/" + f.getString("uscc"), admin).bodyAsJsonObject();
    JsonObject d = p.getJsonObject("derived");
    assertThat(d.getString("countyCode")).isEqualTo("330824");
    assertThat(d.getString("countyName")).isEqualTo("开化县");
    assertThat(d.getString("townshipCode")).isEqualTo(Firms.HUABU);
    assertThat(d.getString("townshipName")).isEqualTo("华埠镇");
    assertThat(d.getJsonObject("industry").getJsonObject("section").getString("code")).isEqualTo("C");
    assertThat(d.getString("sizeClass")).isEqualTo("SMALL");
    assertThat(d.getJsonArray("statTags").getList()).isEmpty(); // 1,200 万元 < 2,000: not 规上
    assertThat(d.getInteger("yearsSinceEstablished")).isGreaterThanOrEqualTo(13);
    assertThat(d.getDouble("rdRatio")).isEqualTo(0.04);
    assertThat(d.getDouble("revenueGrowth")).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(p.getJsonObject("completeness").getInteger("score")).isEqualTo(95);
    assertThat(p.getJsonObject("completeness").getJsonArray("missing").getList()).containsExactly("location");
    assertThat(p.getJsonObject("provenance").getJsonObject("employees").getString("source")).isEqualTo("REGISTRY");

    JsonObject big = Firms.firm(Firms.uscc(), Firms.HUABU);
    big.getJsonArray("financials").getJsonObject(1).put("revenue", 2500);
    Firms.put(app, admin, big);
    assertThat(app.get("/api/v1/enterprises/" + big.getString("uscc"), admin).bodyAsJsonObject()
        .getJsonObject("derived").getJsonArray("statTags").getList()).containsExactly("规上工业");

    JsonObject sparse = new JsonObject().put("uscc", Firms.uscc()).put("name", "稀疏公司").put("regionCode", Firms.HUABU);
    Firms.put(app, admin, sparse);
    JsonObject sp = app.get("/api/v1/enterprises/" + sparse.getString("uscc"), admin).bodyAsJsonObject();
    assertThat(sp.getJsonObject("derived").containsKey("sizeClass")).isFalse();
    assertThat(sp.getJsonObject("completeness").getJsonArray("missing").getString(0))
        .isEqualTo("financials." + Firms.LAST_YEAR + ".revenue");
  }
}
