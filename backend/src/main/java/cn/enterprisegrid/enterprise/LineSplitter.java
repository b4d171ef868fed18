package cn.enterprisegrid.enterprise;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * Cuts a byte stream into UTF-8 lines ({@code \n} or {@code \r\n}) without ever holding more than
 * one line plus one chunk: a line longer than the limit is skipped to its end and reported as
 * overlong instead of being buffered.
 */
final class LineSplitter {
  /** Receives each line, numbered from 1; {@code text} is null for an overlong line. */
  interface Sink {
    void line(long number, String text);
  }

  private final int maxBytes;
  private final Sink sink;
  private Buffer partial = Buffer.buffer();
  private boolean overlong;
  private long number;
  private boolean first = true;

  LineSplitter(int maxBytes, Sink sink) {
    this.maxBytes = maxBytes;
    this.sink = sink;
  }

  void feed(Buffer chunk) {
    int start = 0;
    int len = chunk.length();
    for (int i = 0; i < len; i++) {
      if (chunk.getByte(i) == '\n') {
        append(chunk, start, i);
        emit();
        start = i + 1;
      }
    }
    append(chunk, start, len);
  }

  /** The last line when the stream does not end with a newline. */
  void end() {
    if (partial.length() > 0 || overlong) {
      emit();
    }
  }

  private void append(Buffer chunk, int from, int to) {
    if (overlong || to <= from) {
      return;
    }
    if (partial.length() + (to - from) > maxBytes) {
      overlong = true;
      partial = Buffer.buffer();
      return;
    }
    partial.appendBuffer(chunk, from, to - from);
  }

  private void emit() {
    number++;
    String text = null;
    if (!overlong) {
      byte[] bytes = partial.getBytes();
      int off = 0;
      int n = bytes.length;
      if (first && n >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
        off = 3; // a UTF-8 byte order mark, as spreadsheet exports write it
      }
      if (n > off && bytes[n - 1] == '\r') {
        n--;
      }
      text = new String(bytes, off, n - off, StandardCharsets.UTF_8);
    }
    first = false;
    overlong = false;
    partial = Buffer.buffer();
    sink.line(number, text);
  }
}
