package cn.enterprisegrid.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Lua script of {@code resources/lua}, with its includes inlined (docs/lua.md): a line
 * {@code --- @include "include/NAME"} is replaced by {@code lua/include/NAME.lua}, itself resolved
 * the same way. Each include is inlined once per script (the first time it is named), so shared
 * functions are defined once however many includes need them; a cycle or a missing include fails
 * the load with the chain that led to it.
 */
public record LuaScript(String name, String source, String sha1) {
  private static final Pattern INCLUDE = Pattern.compile("^---\\s*@include\\s+\"([\\w/]+)\"\\s*$");

  /** Loads {@code lua/NAME.lua} from the classpath with its includes resolved. */
  public static LuaScript load(String name) {
    String source = resolve(name, new HashSet<>(), new ArrayDeque<>());
    return new LuaScript(name, source, sha1(source));
  }

  private static String resolve(String name, Set<String> included, Deque<String> chain) {
    if (chain.contains(name)) {
      throw new IllegalStateException("Lua include cycle: " + String.join(" -> ", chain) + " -> " + name);
    }
    chain.addLast(name);
    String text = resource("lua/" + name + ".lua", chain);
    StringBuilder out = new StringBuilder(text.length() + 256);
    for (String line : text.split("\n", -1)) {
      Matcher m = INCLUDE.matcher(line.strip());
      if (m.matches()) {
        if (included.add(m.group(1))) {
          out.append(resolve(m.group(1), included, chain));
          if (out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
          }
        }
      } else {
        out.append(line).append('\n');
      }
    }
    chain.removeLast();
    return out.toString();
  }

  /** The file itself, includes not resolved (for the convention test). */
  public static String raw(String name) {
    return resource("lua/" + name + ".lua", new ArrayDeque<>());
  }

  private static String resource(String path, Deque<String> chain) {
    try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing Lua script " + path
            + (chain.size() > 1 ? " (included via " + String.join(" -> ", chain) + ")" : ""));
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(String s) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
