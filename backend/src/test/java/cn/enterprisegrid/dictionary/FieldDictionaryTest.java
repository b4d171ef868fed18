package cn.enterprisegrid.dictionary;

import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.testing.AdminToken;
import cn.enterprisegrid.testing.TestBackend;
import cn.enterprisegrid.testing.WithBackend;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.util.List;

/** The one field dictionary: every rule field labelled, served alike to the console and the mini-program. */
@WithBackend
class FieldDictionaryTest {
  static TestBackend app;
  @AdminToken static String admin;

  @Test
  void everyRuleFieldHasAChineseLabelAndAUnitWhereItIsANumber() {
    for (Field f : Field.values()) {
      FieldLabel l = FieldLabels.standard().find(f.jsonName()).orElseThrow(() -> new AssertionError(f.jsonName()));
      assertThat(l.label()).as(f.jsonName()).matches(".*\\p{IsHan}.*");
      if (f.type().isNumeric()) {
        assertThat(l.unit()).as(f.jsonName()).isIn("万元", "人", "年", "%");
      }
      for (String v : f.enumValues()) {
        assertThat(l.valueName(v)).as(f.jsonName() + " " + v).matches(".*\\p{IsHan}.*");
      }
    }
  }

  @Test
  void servedReadOnlyToBothClientsFromTheSameFile() {
    HttpResponse<Buffer> console = app.get("/api/v1/dictionary/fields", admin);
    assertThat(console.statusCode()).as(console.bodyAsString()).isEqualTo(200);
    HttpResponse<Buffer> mp = app.get("/mp/v1/dictionary/fields", admin);
    assertThat(mp.statusCode()).as(mp.bodyAsString()).isEqualTo(200);
    assertThat(mp.bodyAsJsonObject()).isEqualTo(console.bodyAsJsonObject());
    JsonArray items = console.bodyAsJsonObject().getJsonArray("items");
    JsonObject revenue = items.stream().map(JsonObject.class::cast)
        .filter(i -> i.getString("field").equals("revenue")).findFirst().orElseThrow();
    assertThat(revenue).isEqualTo(new JsonObject().put("field", "revenue").put("label", "上年度营业收入")
        .put("unit", "万元").put("kind", "amount"));
    JsonObject size = items.stream().map(JsonObject.class::cast)
        .filter(i -> i.getString("field").equals("sizeClass")).findFirst().orElseThrow();
    assertThat(size.getJsonObject("values").getString("SMALL")).isEqualTo("小型");
    assertThat(items.stream().map(i -> ((JsonObject) i).getString("field")).toList())
        .containsAll(List.of("regionCode", "industryCode", "rdRatio", "employees"));
    assertThat(app.get("/api/v1/dictionary/fields", null).statusCode()).isEqualTo(401);
    assertThat(app.get("/mp/v1/dictionary/fields", null).statusCode()).isEqualTo(401);
  }
}
