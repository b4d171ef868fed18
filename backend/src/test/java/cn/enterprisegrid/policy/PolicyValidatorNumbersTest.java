package cn.enterprisegrid.policy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.http.Problem.FieldError;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

/** The validator itself takes any number a body may carry, the HTTP layer's limits aside. */
class PolicyValidatorNumbersTest {
  @Test
  void nonFiniteAndHugeFundPoolsAreFieldErrors() {
    for (Object pool : new Object[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
        Float.POSITIVE_INFINITY, new BigInteger("99999999999999999999"), 1e300}) {
      List<FieldError> errors = PolicyValidator.check(new JsonObject().put("fundPool", pool),
          PolicyValidator.Stage.SIMULATION, null);
      assertThat(errors).as(String.valueOf(pool)).extracting(FieldError::pointer).contains("/fundPool");
    }
  }
}
