package cn.enterprisegrid.policyindex.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.enterprisegrid.policyindex.profile.CreditStatus;
import cn.enterprisegrid.policyindex.profile.Enterprise;
import cn.enterprisegrid.policyindex.profile.FinancialYear;
import cn.enterprisegrid.policyindex.profile.Profile;
import cn.enterprisegrid.policyindex.profile.ProfileDeriver;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenefitTest {

  private static Profile firm(Double revenue, Double rd) {
    Enterprise e = new Enterprise("U", null, "330824106", null, null, "6513", null, null, 10,
        List.of(new FinancialYear(2024, revenue, null, rd, null)), null, CreditStatus.NORMAL);
    return ProfileDeriver.standard().profile(e, LocalDate.of(2025, 1, 1));
  }

  @Test
  void amounts() {
    Benefit fixed = Benefit.parse("{\"kind\":\"FIXED\",\"amount\":10}");
    Benefit pct = Benefit.parse("{\"kind\":\"PERCENT\",\"of\":\"rdExpense\",\"rate\":0.1,\"cap\":50}");
    Benefit tiers = Benefit.parse("{\"kind\":\"TIERS\",\"of\":\"revenue\",\"tiers\":[{\"min\":2000,\"amount\":10},{\"min\":5000,\"amount\":30}]}");
    assertThat(fixed.amountFor(firm(null, null)).getAsDouble()).isEqualTo(10);
    assertThat(pct.amountFor(firm(1000.0, 200.0)).getAsDouble()).isEqualTo(20);
    assertThat(pct.amountFor(firm(1000.0, 900.0)).getAsDouble()).isEqualTo(50);
    assertThat(pct.amountFor(firm(1000.0, null))).isEmpty();
    assertThat(tiers.amountFor(firm(1999.0, null)).getAsDouble()).isEqualTo(0);
    assertThat(tiers.amountFor(firm(2000.0, null)).getAsDouble()).isEqualTo(10);
    assertThat(tiers.amountFor(firm(7000.0, null)).getAsDouble()).isEqualTo(30);
    assertThat(tiers.amountFor(firm(null, null))).isEmpty();
    for (Benefit b : List.of(fixed, pct, tiers)) {
      assertThat(Benefit.fromJson(b.toJson())).isEqualTo(b);
    }
  }

  @Test
  void validation() {
    RuleValidationException e = catchThrowableOfType(RuleValidationException.class, () -> Benefit.parse("{\"kind\":\"TIERS\",\"of\":\"name\",\"tiers\":[{\"min\":5,\"amount\":1},{\"min\":5,\"amount\":-1,\"x\":1}]}"));
    assertThat(e.errors()).extracting(ValidationError::pointer).containsExactly("/of", "/tiers/1/x", "/tiers/1/amount");
    e = catchThrowableOfType(RuleValidationException.class, () -> Benefit.parse("{\"kind\":\"PERCENT\",\"of\":\"revenue\",\"rate\":5}"));
    assertThat(e.errors()).extracting(ValidationError::pointer).containsExactly("/rate");
    e = catchThrowableOfType(RuleValidationException.class, () -> Benefit.parse("{\"kind\":\"TIERS\",\"of\":\"revenue\",\"tiers\":[{\"min\":5,\"amount\":1},{\"min\":4,\"amount\":1}]}"));
    assertThat(e.errors()).extracting(ValidationError::pointer).containsExactly("/tiers/1/min");
    e = catchThrowableOfType(RuleValidationException.class, () -> Benefit.parse("{\"kind\":\"GIFT\"}"));
    assertThat(e.errors()).extracting(ValidationError::pointer).containsExactly("/kind");
  }
}
