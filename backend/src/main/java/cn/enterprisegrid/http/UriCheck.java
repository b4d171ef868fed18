package cn.enterprisegrid.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Refuses a request whose path or query string is not well-formed percent-encoded UTF-8 (a lone
 * {@code %}, {@code %zz}, {@code %ff}) with a 400 problem naming the query parameter or the path
 * segment, before any route sees it: the router decodes path parameters while matching and would
 * otherwise fail with a 500, and a handler reading the query would get a generic 400.
 */
final class UriCheck implements Handler<RoutingContext> {
  private static final int SHOWN = 40;

  @Override
  public void handle(RoutingContext ctx) {
    String uri = ctx.request().uri();
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    for (String segment : path.split("/")) {
      if (!decodes(segment)) {
        Problems.send(ctx, new Problem("/problems/bad-request", 400,
            Text.of("uri.path-encoding", shown(segment)), null, List.of()));
        return;
      }
    }
    if (q >= 0) {
      for (String pair : uri.substring(q + 1).split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        if (!decodes(name) || (eq >= 0 && !decodes(pair.substring(eq + 1)))) {
          // the pointer names the parameter as decoded, or as sent when its very name is malformed
          String named = decodes(name) ? decode(name) : name;
          Problems.send(ctx, Problem.field(400, "/" + named, Text.of("uri.query-encoding", shown(named))));
          return;
        }
      }
    }
    ctx.next();
  }

  /** Whether {@code s} is well-formed percent-encoding of UTF-8. */
  static boolean decodes(String s) {
    if (s.indexOf('%') < 0) {
      return true;
    }
    try {
      decode(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Strict percent-decoding ({@code +} stays itself); fails on a bad escape or on bytes that are not UTF-8. */
  static String decode(String s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          throw new IllegalArgumentException("truncated escape");
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("not a hex escape");
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("not UTF-8", e);
    }
  }

  private static String shown(String raw) {
    return "\"" + (raw.length() > SHOWN ? raw.substring(0, SHOWN) + "…" : raw) + "\"";
  }
}
