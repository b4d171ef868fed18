package cn.enterprisegrid.policyindex.rule;

import java.util.Objects;

/**
 * One problem found in a rule or benefit document.
 *
 * @param pointer JSON pointer (RFC 6901) to the offending node, e.g. {@code /all/2/value}
 * @param message what is wrong, for humans
 */
public record ValidationError(String pointer, String message) {
  /** Validates the parts. */
  public ValidationError {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
  }
}
