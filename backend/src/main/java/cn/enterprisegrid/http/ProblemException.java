package cn.enterprisegrid.http;

import java.util.List;

/** Thrown (or failed with) anywhere in request handling to answer with a problem document. */
public final class ProblemException extends RuntimeException {
  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.type(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  /** The type and the English detail, for logs (rendered only when a log asks). */
  @Override
  public String getMessage() {
    return problem.type() + ": " + problem.detail().render(Language.EN);
  }

  public static ProblemException badRequest(String pointer, Text detail) {
    return new ProblemException(Problem.field(400, pointer, detail));
  }

  public static ProblemException invalid(String pointer, Text detail) {
    return new ProblemException(Problem.field(422, pointer, detail));
  }

  public static ProblemException invalid(List<Problem.FieldError> errors) {
    return new ProblemException(Problem.fields(errors));
  }

  public static ProblemException notFound(Text detail) {
    return new ProblemException(Problem.of(404, "not-found", detail));
  }

  public static ProblemException conflict(String slug, Text detail) {
    return new ProblemException(Problem.of(409, slug, detail));
  }

  public static ProblemException unauthorized(Text detail) {
    return new ProblemException(Problem.of(401, "unauthorized", detail));
  }

  public static ProblemException forbidden(Text detail) {
    return new ProblemException(Problem.of(403, "forbidden", detail));
  }
}
