package cn.enterprisegrid.policyindex.index;

import cn.enterprisegrid.policyindex.profile.Enterprise;
import cn.enterprisegrid.policyindex.profile.ProfileDeriver;
import cn.enterprisegrid.policyindex.rule.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class NameSearchTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 22);

  private static Enterprise firm(String uscc, String name) throws Exception {
    return Enterprise.parse("{\"uscc\":\"" + uscc + "\",\"name\":\"" + name
        + "\",\"regionCode\":\"330824115\",\"industryCode\":\"2221\"}");
  }

  @Test
  void findsNamesHoldingTheQueryAndNothingElse(@TempDir Path dir) throws Exception {
    try (EnterpriseIndex index = EnterpriseIndex.open(dir)) {
      String[][] firms = {
          {"91330824MA28X7Y0X1", "开化华埠纸业有限公司"},
          {"91330824MA28X7Y0X2", "开化县马金茶业有限公司"},
          {"91330824MA28X7Y0X3", "衢州华埠（开化）硅材料有限公司"},
      };
      for (String[] f : firms) {
        index.upsert(ProfileDeriver.standard().profile(firm(f[0], f[1]), DAY));
      }
      index.commit("1-0");
      Rule all = Rule.parse("{\"field\":\"regionCode\",\"op\":\"prefix\",\"value\":[\"330824\"]}");
      assertThat(index.eligible(all, DAY, "华埠", null, 10).ids())
          .containsExactly("91330824MA28X7Y0X1", "91330824MA28X7Y0X3");
      assertThat(index.eligible(all, DAY, "马金茶业", null, 10).ids()).containsExactly("91330824MA28X7Y0X2");
      assertThat(index.eligible(all, DAY, "茶", null, 10).ids()).containsExactly("91330824MA28X7Y0X2");
      assertThat(index.countEligible(all, DAY, "有限公司")).isEqualTo(3);
      assertThat(index.countEligible(all, DAY, "纸茶")).isZero();
      assertThat(index.countEligible(all, DAY, "\"(*?[ ")).isZero();
      assertThat(index.countEligible(all, DAY, null)).isEqualTo(3);
    }
  }
}
