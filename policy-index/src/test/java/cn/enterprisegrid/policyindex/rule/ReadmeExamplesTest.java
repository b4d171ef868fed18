package cn.enterprisegrid.policyindex.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The rule and benefit examples of README.md must stay valid. */
class ReadmeExamplesTest {

  @Test
  void readmeRuleExamplesParse() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String examples = readme.substring(readme.indexOf("### Examples"), readme.indexOf("### Benefit"));
    Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(examples);
    List<Rule> rules = new ArrayList<>();
    while (m.find()) {
      rules.add(Rule.parse(m.group(1)));
    }
    assertThat(rules).hasSize(3);
    assertThat(rules).allSatisfy(r -> assertThat(Rule.fromJson(r.toJson())).isEqualTo(r));
  }

  /** Each inline benefit of the section parses, and pays as the prose next to it says. */
  @Test
  void readmeBenefitExamplesParseAndPayAsDescribed() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int from = readme.indexOf("### Benefit");
    String section = readme.substring(from, readme.indexOf("\n## ", from));
    Matcher m = Pattern.compile("`(\\{\"kind\".*?\\})`", Pattern.DOTALL).matcher(section);
    List<Benefit> benefits = new ArrayList<>();
    while (m.find()) {
      benefits.add(Benefit.parse(m.group(1)));
    }
    assertThat(benefits).extracting(Benefit::kind).containsExactly("FIXED", "PERCENT", "TIERS");
    assertThat(benefits).allSatisfy(b -> assertThat(Benefit.fromJson(b.toJson())).isEqualTo(b));
    Benefit fixed = benefits.get(0);
    Benefit percent = benefits.get(1);
    Benefit tiers = benefits.get(2);
    assertThat(fixed.amountForFigure(0)).isEqualTo(20);
    // rate a fraction, capped at 50
    assertThat(percent.amountForFigure(100)).isEqualTo(10);
    assertThat(percent.amountForFigure(1000)).isEqualTo(50);
    // the highest tier reached; none reached pays 0
    assertThat(tiers.amountForFigure(1999)).isZero();
    assertThat(tiers.amountForFigure(2000)).isEqualTo(10);
    assertThat(tiers.amountForFigure(6000)).isEqualTo(30);
  }
}
