package cn.enterprisegrid.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The bulletin's colours exactly at and just past the default thresholds, its ranking and its title. */
class BulletinTest {
  static final LocalDate ON = LocalDate.parse("2026-04-01");

  /** A row of 20 accepted cases: {@code resolved}, {@code satisfied} of 20 rated, {@code onTime} of 20 due. */
  static JsonObject row(String key, long received, long resolved, long satisfied, long rated, long onTime,
      long overdue) {
    return new JsonObject().put("key", key).put("name", key).put("received", received).put("accepted", 20L)
        .put("resolved", resolved).put("satisfied", satisfied).put("rated", rated).put("respondedOnTime", onTime)
        .put("responseDue", 20L).put("overdue", overdue);
  }

  static JsonObject report(JsonObject... rows) {
    return new JsonObject().put("period", new JsonObject().put("from", "2026-03-01").put("to", "2026-03-31"))
        .put("groupBy", "DEPARTMENT").put("scope", new JsonObject().put("name", "开化县").put("region", "330824"))
        .put("rows", new JsonArray(List.of((Object[]) rows))).put("totals", new JsonObject());
  }

  static Map<String, JsonObject> byKey(JsonObject bulletin) {
    Map<String, JsonObject> out = new java.util.HashMap<>();
    bulletin.getJsonArray("items").forEach(o -> out.put(((JsonObject) o).getString("key"), (JsonObject) o));
    return out;
  }

  @Test
  void coloursAtTheThresholds() {
    JsonObject b = Bulletin.of(report(
        // exactly at every red threshold (85 %, 80 %, 80 %, 5 overdue): not red, not green
        row("atRed", 20, 17, 16, 20, 16, 5),
        // one case fewer resolved: 80 % < 85 %
        row("belowRed", 20, 16, 16, 20, 16, 5),
        // six overdue: more than five
        row("overdue", 20, 20, 20, 20, 20, 6),
        // exactly at every green threshold (95 %) and none overdue
        row("atGreen", 20, 19, 19, 20, 19, 0),
        // green rates but one overdue: not green (greenOverdue 0)
        row("oneOverdue", 20, 19, 19, 20, 19, 1),
        // nothing rated yet: satisfaction unknown, so not green either
        row("unrated", 20, 20, 0, 0, 20, 0),
        // two cases only: not judged, however they went
        row("few", 2, 0, 0, 2, 0, 2)), BulletinThresholds.DEFAULTS, ON);
    Map<String, JsonObject> items = byKey(b);
    assertThat(items.get("atRed").getString("colour")).isEqualTo("NONE");
    assertThat(items.get("belowRed").getString("colour")).isEqualTo("RED");
    assertThat(items.get("belowRed").getString("colourLabel")).isEqualTo("通报批评");
    assertThat(items.get("belowRed").getJsonArray("reasons")).containsExactly(new JsonObject()
        .put("code", "RESOLUTION").put("text", "办结率 80.0%，低于 85.0%"));
    assertThat(items.get("overdue").getString("colour")).isEqualTo("RED");
    assertThat(items.get("overdue").getJsonArray("reasons").getJsonObject(0).getString("code")).isEqualTo("OVERDUE");
    assertThat(items.get("atGreen").getString("colour")).isEqualTo("GREEN");
    assertThat(items.get("atGreen").getString("colourLabel")).isEqualTo("通报表扬");
    assertThat(items.get("oneOverdue").getString("colour")).isEqualTo("NONE");
    assertThat(items.get("unrated").getString("colour")).isEqualTo("NONE");
    assertThat(items.get("few").getString("colour")).isEqualTo("NONE");
    assertThat(items.get("few").getJsonArray("reasons").getJsonObject(0).getString("code")).isEqualTo("FEW_CASES");
    assertThat(b.getLong("red")).isEqualTo(2);
    assertThat(b.getLong("green")).isEqualTo(1);

    // green first, then neither (the better resolution first), then red
    assertThat(b.getJsonArray("items")).extracting(o -> ((JsonObject) o).getString("key"))
        .containsExactly("atGreen", "unrated", "oneOverdue", "atRed", "few", "overdue", "belowRed");
    assertThat(b.getJsonArray("items").getJsonObject(0).getInteger("rank")).isEqualTo(1);
    assertThat(b.getString("title")).isEqualTo("开化县企业诉求办理部门双色通报");
    assertThat(b.getString("periodLabel")).isEqualTo("2026年3月1日至2026年3月31日");
    assertThat(b.getString("publishedOn")).isEqualTo("2026-04-01");
  }

  @Test
  void anOfficesOwnThresholds() {
    BulletinThresholds strict = BulletinThresholds.from(Map.of("redSatisfaction", "0.9", "redOverdue", "4"));
    assertThat(strict.redResolution()).isEqualTo(BulletinThresholds.DEFAULTS.redResolution());
    Map<String, JsonObject> items = byKey(Bulletin.of(report(row("atRed", 20, 17, 16, 20, 16, 5)), strict, ON));
    assertThat(items.get("atRed").getString("colour")).isEqualTo("RED");
    assertThat(items.get("atRed").getJsonArray("reasons")).extracting(o -> ((JsonObject) o).getString("code"))
        .containsExactly("SATISFACTION", "OVERDUE");
  }
}
