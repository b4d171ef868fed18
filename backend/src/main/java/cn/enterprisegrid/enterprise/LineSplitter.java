package cn.enterprisegrid.enterprise;

import io.vertx.core.buffer.Buffer;

/**
 * Cuts a byte stream into records ({@code \n} or {@code \r\n}) without ever holding more than one
 * record plus one chunk: a record longer than the limit is skipped to its end and reported as
 * overlong instead of being buffered. In CSV mode a line break inside a quoted cell (RFC 4180; Excel
 * writes one when a cell holds a line break) does not end the record. Cutting bytes is safe before
 * decoding: neither {@code "} nor {@code \n} occurs inside a multi-byte character of UTF-8 or GB18030.
 */
final class LineSplitter {
  /** Receives each record, numbered from 1 (blank ones included); {@code bytes} is null for an overlong one. */
  interface Sink {
    void line(long number, byte[] bytes);
  }

  private final int maxBytes;
  private final boolean csvQuotes;
  private final Sink sink;
  private Buffer partial = Buffer.buffer();
  private boolean overlong;
  private boolean quoted;
  private long number;

  /** {@code csvQuotes}: whether a line break inside double quotes belongs to the record. */
  LineSplitter(int maxBytes, boolean csvQuotes, Sink sink) {
    this.maxBytes = maxBytes;
    this.csvQuotes = csvQuotes;
    this.sink = sink;
  }

  void feed(Buffer chunk) {
    int start = 0;
    int len = chunk.length();
    for (int i = 0; i < len; i++) {
      byte b = chunk.getByte(i);
      if (b == '"' && csvQuotes) {
        quoted = !quoted; // a doubled quote toggles twice
      } else if (b == '\n' && !quoted) {
        append(chunk, start, i);
        emit();
        start = i + 1;
      }
    }
    append(chunk, start, len);
  }

  /** The last record when the stream does not end with a newline (or ends inside quotes). */
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
    byte[] bytes = null;
    if (!overlong) {
      int n = partial.length();
      if (n > 0 && partial.getByte(n - 1) == '\r') {
        n--;
      }
      bytes = partial.getBytes(0, n);
    }
    overlong = false;
    quoted = false;
    partial = Buffer.buffer();
    sink.line(number, bytes);
  }
}
