package cn.enterprisegrid.policyindex.match;

import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.policyindex.rule.Rule;
import cn.enterprisegrid.policyindex.rule.Truth;
import org.junit.jupiter.api.Test;

class LeafSlotsTest {

  private static CompiledRule[] compile(String... rules) {
    CompiledRule[] out = new CompiledRule[rules.length];
    for (int i = 0; i < rules.length; i++) {
      out[i] = new CompiledRule(new CompiledRule("p" + i, Rule.parse(rules[i])), i);
    }
    return out;
  }

  @Test
  void aLeafRepeatedAtTheSamePointerSharesItsSlotAndAnyChangeGetsItsOwn() {
    String region = "{\"field\":\"regionCode\",\"op\":\"prefix\",\"value\":[\"330824\"],\"clause\":\"第二条\"}";
    LeafSlots s = new LeafSlots(compile(
        "{\"all\":[" + region + ",{\"field\":\"revenue\",\"op\":\"gte\",\"value\":500}]}",
        "{\"all\":[" + region + ",{\"field\":\"employees\",\"op\":\"gte\",\"value\":5},"
            + "{\"field\":\"revenue\",\"op\":\"gte\",\"value\":500}]}",
        "{\"all\":[{\"field\":\"regionCode\",\"op\":\"prefix\",\"value\":[\"330824\"]},"
            + "{\"field\":\"revenue\",\"op\":\"gte\",\"value\":500,\"clause\":\"第三条\"}]}"));
    assertThat(s.leafCount(0)).isEqualTo(2);
    assertThat(s.leafCount(1)).isEqualTo(3);
    int[] r0 = {s.slotOf[s.firstLeaf[0]], s.slotOf[s.firstLeaf[0] + 1]};
    int[] r1 = {s.slotOf[s.firstLeaf[1]], s.slotOf[s.firstLeaf[1] + 1], s.slotOf[s.firstLeaf[1] + 2]};
    int[] r2 = {s.slotOf[s.firstLeaf[2]], s.slotOf[s.firstLeaf[2] + 1]};
    assertThat(r1[0]).as("same region leaf at /all/0").isEqualTo(r0[0]);
    assertThat(r1[2]).as("same revenue leaf at another pointer").isNotEqualTo(r0[1]);
    assertThat(s.condition[r1[2]]).as("same condition").isEqualTo(s.condition[r0[1]]);
    assertThat(r2[0]).as("clause differs").isNotEqualTo(r0[0]);
    assertThat(r2[1]).as("clause differs").isNotEqualTo(r0[1]);
    assertThat(s.condition[r2[1]]).isEqualTo(s.condition[r0[1]]);
    assertThat(s.leafSlots()).isEqualTo(6);
    assertThat(s.conditionSlots()).isEqualTo(3);
    assertThat(s.maxLeaves()).isEqualTo(3);
    assertThat(s.pointer[r1[2]]).isEqualTo("/all/2");
    assertThat(s.unknown[r0[0]].truth()).isEqualTo(Truth.UNKNOWN);
    assertThat(s.unknown[r0[0]].clause()).isEqualTo("第二条");
    assertThat(s.unknown[r0[0]].have()).isNull();
  }
}
