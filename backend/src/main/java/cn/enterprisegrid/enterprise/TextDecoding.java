package cn.enterprisegrid.enterprise;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns the records of one imported text file into strings, strictly: a byte sequence that is not
 * valid in the file's encoding is an error, never a replacement character, so undecodable text is
 * never stored (a GBK file read as UTF-8 used to store 高新技术企业 as garbage that no policy matched).
 * <p>
 * The encoding is decided once per file: a byte order mark decides it (UTF-8, or GB18030's {@code 84 31
 * 95 33}); otherwise the first record holding a non-ASCII byte does: valid UTF-8 makes the file UTF-8,
 * else valid GB18030 (a superset of GBK and GB2312, what Excel on a Chinese Windows PC writes) makes
 * it GB18030, else the file is in neither. Until then the records are ASCII, the same in both. The
 * {@code charset} of the {@code Content-Type} is not trusted: offices' uploads rarely declare the
 * right one. Not thread-safe; records are decoded in file order (one batch at a time).
 */
final class TextDecoding {
  /** The GB18030 encoding of U+FEFF. */
  private static final byte[] GB_BOM = {(byte) 0x84, 0x31, (byte) 0x95, 0x33};
  private static final Charset GB18030 = Charset.forName("GB18030");

  private final List<Charset> candidates;
  private CharsetDecoder decoder;
  private boolean first = true;

  private TextDecoding(List<Charset> candidates) {
    this.candidates = candidates;
  }

  /** CSV: UTF-8 (with or without a byte order mark) or GB18030. */
  static TextDecoding csv() {
    return new TextDecoding(List.of(StandardCharsets.UTF_8, GB18030));
  }

  /** NDJSON: JSON is UTF-8 (RFC 8259), so UTF-8 only. */
  static TextDecoding utf8() {
    return new TextDecoding(List.of(StandardCharsets.UTF_8));
  }

  /** The encoding decided on, or null while every record has been ASCII. */
  Charset charset() {
    return decoder == null ? null : decoder.charset();
  }

  /** The encodings this file may be in, for a person: "UTF-8 或 GB18030". */
  String accepted() {
    return String.join(" 或 ", candidates.stream().map(Charset::name).toList());
  }

  /**
   * One record (its line break removed) as text; the first record may start with a byte order mark,
   * which decides the encoding and is dropped.
   *
   * @throws Undecodable when the bytes are not valid in the file's encoding, or, for the record that
   *     decides it, in none of the candidates ({@link Undecodable#deciding()})
   */
  String decode(byte[] bytes, int off, int len) throws Undecodable {
    if (first) {
      first = false;
      if (startsWith(bytes, off, len, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})) {
        decoder = strict(StandardCharsets.UTF_8);
        off += 3;
        len -= 3;
      } else if (candidates.contains(GB18030) && startsWith(bytes, off, len, GB_BOM)) {
        decoder = strict(GB18030);
        off += 4;
        len -= 4;
      }
    }
    if (decoder == null) {
      if (ascii(bytes, off, len)) {
        return new String(bytes, off, len, StandardCharsets.US_ASCII);
      }
      for (Charset c : candidates) {
        CharsetDecoder d = strict(c);
        String s = tryDecode(d, bytes, off, len);
        if (s != null) {
          decoder = d;
          return s;
        }
      }
      throw new Undecodable(true);
    }
    String s = tryDecode(decoder, bytes, off, len);
    if (s == null) {
      throw new Undecodable(false);
    }
    return s;
  }

  private static String tryDecode(CharsetDecoder d, byte[] bytes, int off, int len) {
    try {
      CharBuffer out = d.reset().decode(ByteBuffer.wrap(bytes, off, len));
      return out.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static CharsetDecoder strict(Charset c) {
    return c.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  private static boolean ascii(byte[] bytes, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (bytes[i] < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] bytes, int off, int len, byte[] prefix) {
    if (len < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[off + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** A record whose bytes are not text in the file's encoding. */
  static final class Undecodable extends Exception {
    private final boolean deciding;

    Undecodable(boolean deciding) {
      super(null, null, false, false);
      this.deciding = deciding;
    }

    /** Whether this record was to decide the file's encoding (so the file is in none accepted). */
    boolean deciding() {
      return deciding;
    }
  }
}
