package cn.enterprisegrid.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class CategoriesTest {

  @Test
  void theDefaultsAreTheCountysEightWithThe13710Rule() {
    Categories c = Categories.from(new JsonObject());
    assertThat(c.all()).extracting(Category::label)
        .containsExactly("融资", "用工", "用地", "审批", "政策兑现", "水电气", "法律", "其他");
    assertThat(c.byCode("LABOUR").orElseThrow().levels()).isEqualTo(ServiceLevels.RULE_13710);
  }

  @Test
  void aDeploymentConfiguresItsOwnWithLevelsPerCategory() {
    Categories c = Categories.from(new JsonObject().put("PROBLEM_CATEGORIES", "[{\"code\":\"ENERGY\",\"label\":\"用能\","
        + "\"department\":\"开化县发展和改革局\",\"levels\":{\"ordinaryDays\":5,\"warnShare\":0.5}},"
        + "{\"code\":\"OTHER\",\"label\":\"其他\",\"department\":\"开化县人民政府办公室\"}]"));
    assertThat(c.all()).extracting(Category::code).containsExactly("ENERGY", "OTHER");
    ServiceLevels energy = c.byCode("ENERGY").orElseThrow().levels();
    assertThat(energy.ordinaryDays()).isEqualTo(5);
    assertThat(energy.warnShare()).isEqualTo(0.5);
    assertThat(energy.complexDays()).isEqualTo(22);
    assertThat(c.byCode("OTHER").orElseThrow().levels()).isEqualTo(ServiceLevels.RULE_13710);
  }

  @Test
  void aMalformedEntryFailsStartUpNamingIt() {
    assertThatThrownBy(() -> Categories.from(new JsonObject().put("PROBLEM_CATEGORIES",
        "[{\"code\":\"OK\",\"label\":\"好\",\"department\":\"局\"},{\"code\":\"bad\",\"label\":\"坏\",\"department\":\"局\"}]")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PROBLEM_CATEGORIES[1]");
    assertThatThrownBy(() -> Categories.from(new JsonObject().put("PROBLEM_CATEGORIES",
        "[{\"code\":\"SLOW\",\"label\":\"慢\",\"department\":\"局\",\"levels\":{\"complexDays\":3}}]")))
        .hasMessageContaining("PROBLEM_CATEGORIES[0]");
  }
}
