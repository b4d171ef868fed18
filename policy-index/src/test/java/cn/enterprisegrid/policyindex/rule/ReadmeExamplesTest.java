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
}
