package cn.enterprisegrid.policyindex.rule;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule or benefit document is invalid. Carries every problem found, each with the JSON pointer
 * of the offending node, ready to become an RFC 7807 problem document.
 */
public final class RuleValidationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient List<ValidationError> errors;

  /** An exception for a non-empty list of errors. */
  public RuleValidationException(List<ValidationError> errors) {
    super(errors.stream().map(ValidationError::toString).collect(Collectors.joining("; ")));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("no errors");
    }
    this.errors = List.copyOf(errors);
  }

  /** The problems, in document order. */
  public List<ValidationError> errors() {
    return errors;
  }
}
