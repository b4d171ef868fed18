package cn.enterprisegrid.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One Lua script of {@code resources/lua}, prefixed with the shared {@code lib.lua} (audit and
 * change-stream helpers), so that every write, its audit entry and its change event are one atomic
 * script.
 */
public record LuaScript(String name, String source, String sha1) {

  /** Loads {@code lua/NAME.lua} from the classpath, with the shared library in front. */
  public static LuaScript load(String name) {
    String source = resource("lua/lib.lua") + "\n" + resource("lua/" + name + ".lua");
    return new LuaScript(name, source, sha1(source));
  }

  private static String resource(String path) {
    try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing Lua script " + path);
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
