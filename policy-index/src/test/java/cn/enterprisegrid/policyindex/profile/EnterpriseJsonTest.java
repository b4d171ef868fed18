package cn.enterprisegrid.policyindex.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnterpriseJsonTest {

  static final String FULL = """
      {"uscc":"91330824MA2DABCDE1","name":"开化县某某科技有限公司","regionCode":"330824106200",
       "address":"华埠镇某路1号","location":{"lat":29.13,"lon":118.41},"industryCode":"3985",
       "establishedOn":"2019-03-01","registeredCapital":500,"employees":120,
       "financials":[{"year":2024,"revenue":6200.5,"assets":5000,"rdExpense":310,"taxPaid":180},
                     {"year":2023,"revenue":5000}],
       "tags":["高新技术企业","专精特新"],"creditStatus":"NORMAL"}
      """;

  @Test
  void readsAndWritesTheCanonicalJson() throws JsonProcessingException {
    Enterprise e = Enterprise.parse(FULL);
    assertThat(e.establishedOn()).isEqualTo(LocalDate.of(2019, 3, 1));
    assertThat(e.financials()).extracting(FinancialYear::year).containsExactly(2023, 2024);
    assertThat(e.tags()).containsExactly("高新技术企业", "专精特新");
    JsonNode out = e.toJson();
    assertThat(out.get("establishedOn").asText()).isEqualTo("2019-03-01");
    assertThat(out.get("financials").get(0).has("assets")).isFalse(); // nulls omitted
    assertThat(Enterprise.fromJson(out)).isEqualTo(e);
    // any default mapper can also read and write it (no module needed)
    ObjectMapper plain = new ObjectMapper();
    Enterprise again = plain.readValue(plain.writeValueAsString(e), Enterprise.class);
    assertThat(again).isEqualTo(e);
  }

  @Test
  void minimalEnterpriseOmitsEverythingMissing() throws JsonProcessingException {
    Enterprise e = Enterprise.parse("{\"uscc\":\"X\"}");
    assertThat(e.employees()).isNull();
    assertThat(e.toJson().toString()).isEqualTo("{\"uscc\":\"X\"}");
  }

  @Test
  void rejectsUnknownPropertiesAndBadValues() {
    assertThatThrownBy(() -> Enterprise.parse("{\"uscc\":\"X\",\"revenue\":5}"))
        .isInstanceOf(UnrecognizedPropertyException.class);
    assertThatThrownBy(() -> Enterprise.parse("{\"uscc\":\"X\",\"establishedOn\":\"2019/03/01\"}"))
        .isInstanceOf(JsonProcessingException.class);
    assertThatThrownBy(() -> Enterprise.parse("{\"uscc\":\"X\",\"creditStatus\":\"GOOD\"}"))
        .isInstanceOf(JsonProcessingException.class);
    assertThatThrownBy(() -> Enterprise.parse("{\"name\":\"no uscc\"}")).isInstanceOf(JsonProcessingException.class);
    assertThatThrownBy(() -> Enterprise.parse("{\"uscc\":\"X\",\"financials\":[{\"year\":2023},{\"year\":2023}]}"))
        .isInstanceOf(JsonProcessingException.class).hasMessageContaining("duplicate financial year");
    assertThatThrownBy(() -> Enterprise.parse("{\"uscc\":\"X\",\"location\":{\"lat\":100,\"lon\":1}}"))
        .isInstanceOf(JsonProcessingException.class);
    assertThatThrownBy(() -> Enterprise.parse("{\"uscc\":\"X\",\"employees\":1.5}"))
        .isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void collectionsAreImmutable() throws JsonProcessingException {
    Enterprise e = Enterprise.parse(FULL);
    assertThatThrownBy(() -> e.tags().add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> e.financials().add(null)).isInstanceOf(UnsupportedOperationException.class);
    Enterprise copy = e.withTags(Set.of("瞪羚企业")).withFinancials(List.of());
    assertThat(copy.tags()).containsExactly("瞪羚企业");
    assertThat(e.tags()).hasSize(2);
  }
}
