package cn.enterprisegrid.store;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The mechanical part of the Lua convention (docs/lua.md): small files, every script loads with its
 * includes, answers through include/result, declares its KEYS, and builds no key name from data
 * without a comment saying why.
 */
class LuaConventionTest {
  private static final int MAX_LINES = 250;
  /** A string literal that starts a stored key name, concatenated with something. */
  private static final Pattern KEY_BUILT = Pattern.compile(
      "'(ent:\\{|policy:\\{|grid:|notify:|audit:|visits?:|callbacks?:|problems?:|wxuser:|account:|inv:)[^']*'\\s*\\.\\.");
  private static final String EXCEPTION_MARK = "key built here";

  @Test
  void everyFileIsSmall() throws Exception {
    for (Path p : files()) {
      long lines = Files.readAllLines(p).size();
      assertTrue(lines <= MAX_LINES, p.getFileName() + " has " + lines + " lines (at most " + MAX_LINES + ")");
    }
  }

  @Test
  void everyScriptLoadsAndAnswersTheOneShape() throws Exception {
    List<String> names = scripts();
    assertTrue(names.size() > 20, "scripts found: " + names);
    for (String name : names) {
      LuaScript s = LuaScript.load(name);
      assertTrue(!s.source().contains("@include"), name + ": an include was left unresolved");
      assertTrue(s.source().contains("local function ok(payload)"), name + " must include include/result");
      String header = header(LuaScript.raw(name));
      assertTrue(header.contains("KEYS") || LuaScript.raw(name).contains("include/grid_"),
          name + ": the header comment must declare the script's KEYS");
    }
  }

  @Test
  void everyIncludeIsInlinedOnce() {
    String source = LuaScript.load("grid_index").source();
    assertEquals(1, count(source, "local function many("), "grid_state inlined once");
    assertEquals(1, count(source, "local function ok(payload)"), "result inlined once");
  }

  @Test
  void aMissingIncludeFailsWithItsChain() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> LuaScript.load("no_such_script"));
    assertTrue(e.getMessage().contains("lua/no_such_script.lua"), e.getMessage());
  }

  @Test
  void noKeyIsBuiltFromDataWithoutAComment() throws Exception {
    List<String> offences = new ArrayList<>();
    for (Path p : files()) {
      List<String> lines = Files.readAllLines(p);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.startsWith("--") || line.startsWith("audit(") || !KEY_BUILT.matcher(line).find()
            || line.contains(" == '") || line.contains(" ~= '")) {
          continue;
        }
        boolean marked = false;
        for (int j = Math.max(0, i - 3); j <= i; j++) {
          marked |= lines.get(j).contains(EXCEPTION_MARK);
        }
        if (!marked) {
          offences.add(p.getFileName() + ":" + (i + 1) + ": " + line);
        }
      }
    }
    assertTrue(offences.isEmpty(), "keys built in a script without a '-- " + EXCEPTION_MARK
        + ": KEY, why' comment (pass them in KEYS instead):\n" + String.join("\n", offences));
  }

  private static String header(String source) {
    StringBuilder out = new StringBuilder();
    for (String line : source.split("\n")) {
      if (!line.startsWith("--")) {
        break;
      }
      out.append(line).append('\n');
    }
    return out.toString();
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  /**
   * The scripts as written (surefire runs in the module's folder): a build folder that was not
   * cleaned may still hold scripts deleted since, which the product no longer loads.
   */
  private static Path dir() throws URISyntaxException {
    Path source = Path.of("src/main/resources/lua");
    return Files.isDirectory(source) ? source
        : Path.of(LuaConventionTest.class.getClassLoader().getResource("lua").toURI());
  }

  private static List<Path> files() throws IOException, URISyntaxException {
    try (Stream<Path> s = Files.walk(dir())) {
      return s.filter(p -> p.toString().endsWith(".lua")).sorted().toList();
    }
  }

  private static List<String> scripts() throws IOException, URISyntaxException {
    try (Stream<Path> s = Files.list(dir())) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".lua"))
          .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
    }
  }
}
