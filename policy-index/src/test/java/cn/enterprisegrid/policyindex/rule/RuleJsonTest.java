package cn.enterprisegrid.policyindex.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.enterprisegrid.policyindex.profile.Field;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleJsonTest {

  static final String SAMPLE = """
      {"all":[
        {"field":"regionCode","op":"prefix","value":["330824"],"clause":"第二条"},
        {"field":"industryCode","op":"prefix","value":["C","65"]},
        {"any":[{"field":"tags","op":"hasAny","value":["高新技术企业","专精特新"]},
                {"field":"rdRatio","op":"gte","value":0.03}]},
        {"field":"revenue","op":"between","value":[500,20000.5]},
        {"field":"yearsSinceEstablished","op":"gte","value":2},
        {"not":{"field":"creditStatus","op":"eq","value":"SERIOUS_DISHONESTY"}},
        {"field":"sizeClass","op":"in","value":["SMALL","MICRO"]},
        {"field":"statTags","op":"hasAll","value":["规上工业"]},
        {"field":"employees","op":"lt","value":300},
        {"field":"taxPaid","op":"exists"}
      ]}
      """;

  @Test
  void parsesAndSerializesRoundTrip() throws Exception {
    Rule r = Rule.parse(SAMPLE);
    assertThat(r).isInstanceOf(All.class);
    assertThat(r.leaves()).hasSize(11);
    Leaf first = r.leaves().get(0);
    assertThat(first.field()).isEqualTo(Field.REGION_CODE);
    assertThat(first.op()).isEqualTo(Op.PREFIX);
    assertThat(first.clause()).isEqualTo("第二条");
    assertThat(r.leafPointers()).containsExactly("/all/0", "/all/1", "/all/2/any/0", "/all/2/any/1", "/all/3", "/all/4",
        "/all/5/not", "/all/6", "/all/7", "/all/8", "/all/9");
    assertThat(Rule.fromJson(r.toJson())).isEqualTo(r);
    com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
    assertThat(r.toJson()).isEqualTo(m.readTree(SAMPLE));
  }

  private static List<ValidationError> errors(String json) {
    RuleValidationException e = catchThrowableOfType(RuleValidationException.class, () -> Rule.parse(json));
    assertThat(e).as("expected a validation error for " + json).isNotNull();
    return e.errors();
  }

  @Test
  void unknownFieldIsReportedWithItsPointer() {
    assertThat(errors("{\"all\":[{\"field\":\"regionCode\",\"op\":\"prefix\",\"value\":[\"33\"]},{\"field\":\"profit\",\"op\":\"gte\",\"value\":1}]}"))
        .extracting(ValidationError::pointer).containsExactly("/all/1/field");
  }

  @Test
  void opNotFittingTheField() {
    List<ValidationError> e = errors("{\"any\":[{\"field\":\"tags\",\"op\":\"gte\",\"value\":1}]}");
    assertThat(e).singleElement().satisfies(err -> {
      assertThat(err.pointer()).isEqualTo("/any/0/op");
      assertThat(err.message()).contains("hasAny", "hasAll", "exists");
    });
    assertThat(errors("{\"field\":\"revenue\",\"op\":\"prefix\",\"value\":[\"1\"]}"))
        .extracting(ValidationError::pointer).containsExactly("/op");
    assertThat(errors("{\"field\":\"revenue\",\"op\":\"matches\",\"value\":1}"))
        .extracting(ValidationError::pointer).containsExactly("/op");
  }

  @Test
  void emptyCombinators() {
    assertThat(errors("{\"all\":[]}")).extracting(ValidationError::pointer).containsExactly("/all");
    assertThat(errors("{\"not\":{\"any\":[]}}")).extracting(ValidationError::pointer).containsExactly("/not/any");
    assertThat(errors("{\"all\":{}}")).extracting(ValidationError::pointer).containsExactly("/all");
  }

  @Test
  void malformedCodes() {
    List<ValidationError> e = errors("{\"all\":[{\"field\":\"regionCode\",\"op\":\"prefix\",\"value\":[\"33\",\"3308x\",\"3308241\"]},"
        + "{\"field\":\"industryCode\",\"op\":\"prefix\",\"value\":[\"c\",\"65131\",\"X\"]},"
        + "{\"field\":\"industryCode\",\"op\":\"eq\",\"value\":\"65\"},"
        + "{\"field\":\"regionCode\",\"op\":\"eq\",\"value\":\"330824\"},"
        + "{\"field\":\"regionCode\",\"op\":\"prefix\",\"value\":[\"339999\"]},"
        + "{\"field\":\"industryCode\",\"op\":\"prefix\",\"value\":[\"6598\"]}]}");
    assertThat(e).extracting(ValidationError::pointer).containsExactly("/all/0/value/1", "/all/0/value/2",
        "/all/1/value/0", "/all/1/value/1", "/all/1/value/2", "/all/2/value", "/all/3/value", "/all/4/value/0",
        "/all/5/value/0");
    assertThat(e.get(0).message()).contains("malformed region code");
    assertThat(e.get(7).message()).contains("unknown region code");
  }

  @Test
  void valueShapes() {
    assertThat(errors("{\"field\":\"revenue\",\"op\":\"gte\",\"value\":\"5000\"}"))
        .extracting(ValidationError::pointer).containsExactly("/value");
    assertThat(errors("{\"field\":\"revenue\",\"op\":\"between\",\"value\":[5000,100]}"))
        .extracting(ValidationError::pointer).containsExactly("/value");
    assertThat(errors("{\"field\":\"revenue\",\"op\":\"between\",\"value\":[5000]}"))
        .extracting(ValidationError::pointer).containsExactly("/value");
    assertThat(errors("{\"field\":\"employees\",\"op\":\"gte\",\"value\":10.5}"))
        .extracting(ValidationError::message).singleElement().asString().contains("whole number");
    assertThat(errors("{\"field\":\"tags\",\"op\":\"hasAny\",\"value\":[]}"))
        .extracting(ValidationError::pointer).containsExactly("/value");
    assertThat(errors("{\"field\":\"tags\",\"op\":\"hasAny\",\"value\":[\"a\",7]}"))
        .extracting(ValidationError::pointer).containsExactly("/value/1");
    assertThat(errors("{\"field\":\"taxPaid\",\"op\":\"exists\",\"value\":1}"))
        .extracting(ValidationError::pointer).containsExactly("/value");
    assertThat(errors("{\"field\":\"sizeClass\",\"op\":\"eq\",\"value\":\"TINY\"}"))
        .extracting(ValidationError::pointer).containsExactly("/value");
    assertThat(errors("{\"field\":\"revenue\",\"op\":\"gte\"}"))
        .extracting(ValidationError::pointer).containsExactly("/value");
    assertThat(errors("{\"field\":\"revenue\",\"op\":\"gte\",\"value\":1,\"clause\":5}"))
        .extracting(ValidationError::pointer).containsExactly("/clause");
  }

  @Test
  void structureErrors() {
    assertThat(errors("[]")).extracting(ValidationError::pointer).containsExactly("");
    assertThat(errors("{\"all\":[1]}")).extracting(ValidationError::pointer).containsExactly("/all/0");
    assertThat(errors("{\"all\":[{\"field\":\"revenue\",\"op\":\"gte\",\"value\":1}],\"any\":[]}"))
        .extracting(ValidationError::pointer).containsExactly("");
    assertThat(errors("{\"not\":{\"field\":\"revenue\",\"op\":\"gte\",\"value\":1},\"x/y\":1}"))
        .extracting(ValidationError::pointer).containsExactly("/x~1y");
    assertThat(errors("{\"field\":\"revenue\",\"op\":\"gte\",\"value\":1,\"weight\":2}"))
        .extracting(ValidationError::pointer).containsExactly("/weight");
    assertThat(errors("{\"all\":[{\"all\":[")).extracting(ValidationError::pointer).containsExactly("");
    String deep = "{\"not\":".repeat(40) + "{\"field\":\"revenue\",\"op\":\"exists\"}" + "}".repeat(40);
    assertThat(errors(deep)).singleElement().satisfies(e -> assertThat(e.message()).contains("deeper"));
  }

  @Test
  void collectsEveryErrorInDocumentOrder() {
    List<ValidationError> e = errors("{\"all\":[{\"field\":\"nope\",\"op\":\"eq\",\"value\":1},{\"any\":[]},"
        + "{\"field\":\"revenue\",\"op\":\"gte\",\"value\":\"x\"}]}");
    assertThat(e).extracting(ValidationError::pointer).containsExactly("/all/0/field", "/all/1/any", "/all/2/value");
    RuleValidationException ex = catchThrowableOfType(RuleValidationException.class, () -> Rule.parse("{\"all\":[]}"));
    assertThat(ex.getMessage()).contains("/all");
  }

  @Test
  void programmaticLeavesAreValidatedToo() {
    assertThatThrownBy(() -> Leaf.of(Field.REGION_CODE, Op.PREFIX, "3"))
        .isInstanceOf(RuleValidationException.class);
    assertThatThrownBy(() -> Leaf.of(Field.REVENUE, Op.HAS_ANY, "x")).isInstanceOf(RuleValidationException.class);
    assertThatThrownBy(() -> Rule.all()).isInstanceOf(IllegalArgumentException.class);
    assertThat(Leaf.of(Field.REVENUE, Op.GTE, -0.0).number()).matches(d -> 1 / d > 0);
  }
}
