package cn.enterprisegrid.enterprise;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class UsccTest {

  @Test
  void acceptsTheStandardsExampleAndGeneratedCodes() {
    // The worked example used in GB 32100-2015's explanatory material.
    assertThat(Uscc.problem("91350100M000100Y43")).isEmpty();
    Random random = new Random(1);
    for (int i = 0; i < 1000; i++) {
      String code = Uscc.generate("330824", random);
      assertThat(Uscc.problem(code)).as(code).isEmpty();
    }
  }

  @Test
  void rejectsEverySingleCharacterChange() {
    String valid = "91350100M000100Y43";
    for (int pos = 0; pos < 18; pos++) {
      for (char c : Uscc.CHARSET.toCharArray()) {
        if (c == valid.charAt(pos)) {
          continue;
        }
        String changed = valid.substring(0, pos) + c + valid.substring(pos + 1);
        // the check character's weights are all non-zero modulo the prime 31: every change shows
        assertThat(Uscc.isValid(changed)).as(changed).isFalse();
      }
    }
  }

  @Test
  void namesWhatIsWrong() {
    assertThat(Uscc.problem("9135010")).get().asString().contains("18 位");
    assertThat(Uscc.problem("91350100M000100YI3")).get().asString().contains("第 17 位");
    assertThat(Uscc.problem("91350100M000100Y44")).get().asString().contains("应为 3");
    // The overall check is right, the embedded organisation code's check is not.
    String orgBody = "MA28X7Y0";
    char right = Uscc.organisationCheck(orgBody);
    String first17 = "91330824" + orgBody + (right == '1' ? '2' : '1');
    assertThat(Uscc.problem(first17 + Uscc.checkCharacter(first17))).get().asString().contains("GB 11714");
  }

  @Test
  void doesNotJudgeTheRegistrationRegion() {
    // A firm of 开化县 registered by the provincial authority (330000) is still valid.
    String orgBody = "MA28X7Y0";
    String first17 = "91330000" + orgBody + Uscc.organisationCheck(orgBody);
    assertThat(Uscc.problem(first17 + Uscc.checkCharacter(first17))).isEmpty();
  }
}
