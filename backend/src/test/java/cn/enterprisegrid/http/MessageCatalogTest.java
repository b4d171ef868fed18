package cn.enterprisegrid.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The message catalog is complete: every title rendered by default is Chinese, both bundles hold
 * the same keys with matching arguments, and every key the code names exists.
 */
class MessageCatalogTest {
  private static final Messages M = Messages.standard();
  private static final Pattern CJK = Pattern.compile("\\p{IsHan}");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d)}");
  /** Text.of("key" and the keys of the few helpers that take one (require, invalid(c, "key")). */
  private static final Pattern KEY_IN_CODE = Pattern.compile(
      "(?:Text\\.of\\(|require\\([^,]+, \"[^\"]*\", |invalid\\(c, )\"([a-z][a-z0-9.-]*[a-z0-9])\"");

  @Test
  void everyTitleRenderedByDefaultIsChinese() {
    List<String> titles = M.keys(Language.ZH).stream().filter(k -> k.startsWith("title.")).toList();
    assertThat(titles).hasSizeGreaterThan(30);
    for (String key : titles) {
      String zh = Text.of(key).render(Language.ZH);
      assertThat(CJK.matcher(zh).find()).as(key + " = " + zh).isTrue();
      String en = Text.of(key).render(Language.EN);
      assertThat(CJK.matcher(en).find()).as(key + " in English = " + en).isFalse();
    }
  }

  @Test
  void everyProblemTypeTheCodeNamesHasItsOwnChineseTitle() throws IOException {
    // slugs passed to Problem.of / conflict and the scripts' refusal slugs answered as problem types
    Pattern slug = Pattern.compile("(?:Problem\\.of\\([^,]+, |conflict\\()\"([a-z-]+)\"");
    Set<String> missing = new TreeSet<>();
    for (String source : sources()) {
      Matcher m = slug.matcher(source);
      while (m.find()) {
        if (!M.has("title." + m.group(1))) {
          missing.add(m.group(1));
        }
      }
    }
    // these conflicts share the status's title (操作冲突) on purpose: the detail says which
    missing.removeAll(Set.of("already-merged", "already-recorded", "appeal-exists", "appeal-not-offered",
        "deadline-passed", "extension-pending", "has-merged", "merge-target-closed", "merge-target-merged",
        "no-pending-appeal", "no-pending-transfer", "no-rating", "not-draft", "not-in-review", "transfer-pending"));
    assertThat(missing).isEmpty();
  }

  @Test
  void bothBundlesHoldTheSameKeysAndArguments() {
    assertThat(M.keys(Language.EN)).isEqualTo(M.keys(Language.ZH));
    for (String key : M.keys(Language.ZH)) {
      Set<String> zh = placeholders(M.pattern(Language.ZH, key));
      Set<String> en = placeholders(M.pattern(Language.EN, key));
      // a script's refusal keeps its English sentence as {0}; the Chinese one need not quote it
      assertThat(en).as(key).containsAll(zh);
      assertThat(CJK.matcher(M.pattern(Language.ZH, key)).find()).as(key + " has Chinese").isTrue();
    }
  }

  @Test
  void everyKeyTheCodeNamesIsInTheCatalog() throws IOException {
    Set<String> missing = new TreeSet<>();
    int found = 0;
    for (String source : sources()) {
      Matcher m = KEY_IN_CODE.matcher(source);
      while (m.find()) {
        found++;
        if (!M.has(m.group(1))) {
          missing.add(m.group(1));
        }
      }
    }
    assertThat(found).isGreaterThan(200);
    assertThat(missing).isEmpty();
  }

  @Test
  void argumentsAreFilledInTheirLanguage() {
    Text nested = Text.of("validation.more", Text.of("field.required", "title"), 2);
    assertThat(nested.render(Language.ZH)).isEqualTo("title 为必填项（另有 2 处）");
    assertThat(nested.render(Language.EN)).isEqualTo("title is required (and 2 more)");
    assertThat(Text.verbatim("第 3 行").render(Language.EN)).isEqualTo("第 3 行");
    assertThat(Text.of("no.such.key").render(Language.EN)).isEqualTo("no.such.key");
  }

  private static Set<String> placeholders(String pattern) {
    Set<String> out = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(pattern);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** The main sources, read from the module's directory (tests run in it). */
  private static List<String> sources() throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        out.add(Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
