package cn.enterprisegrid.http;

import java.util.List;

/** Thrown (or failed with) anywhere in request handling to answer with a problem document. */
public final class ProblemException extends RuntimeException {
  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  public static ProblemException badRequest(String pointer, String detail) {
    return new ProblemException(Problem.field(400, pointer, detail));
  }

  public static ProblemException invalid(String pointer, String detail) {
    return new ProblemException(Problem.field(422, pointer, detail));
  }

  public static ProblemException invalid(List<Problem.FieldError> errors) {
    return new ProblemException(Problem.fields(errors));
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(Problem.of(404, "not-found", "未找到", detail));
  }

  public static ProblemException conflict(String slug, String detail) {
    return new ProblemException(Problem.of(409, slug, "操作冲突", detail));
  }

  public static ProblemException unauthorized(String detail) {
    return new ProblemException(Problem.of(401, "unauthorized", "未登录或登录已失效", detail));
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(Problem.of(403, "forbidden", "无权操作", detail));
  }
}
