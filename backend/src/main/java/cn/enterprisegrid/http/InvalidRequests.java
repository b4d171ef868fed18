package cn.enterprisegrid.http;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers the requests the HTTP decoder could not read (the server's invalid-request handler): a
 * request line over {@link #MAX_URL_BYTES} is a 414, headers over {@link #MAX_HEADER_BYTES} a 431,
 * anything else the decoder refused a 400, each a problem document like every other 4xx (Vert.x's
 * own handler answers them with an empty body). The router never sees these requests, so this is
 * the only place they are answered; the connection is closed after the answer, as the decoder's
 * state cannot be trusted.
 */
final class InvalidRequests implements Handler<HttpServerRequest> {
  /** The longest URL (path and query) accepted. */
  static final int MAX_URL_BYTES = 4096;
  /** All header lines together. */
  static final int MAX_HEADER_BYTES = 16384;
  /** Room for the method and the version around the URL on the request line. */
  private static final int REQUEST_LINE_SLACK = 32;

  /** {@code options} with the decoder's limits set to the ones this class words. */
  static HttpServerOptions limits(HttpServerOptions options) {
    return options.setMaxInitialLineLength(MAX_URL_BYTES + REQUEST_LINE_SLACK).setMaxHeaderSize(MAX_HEADER_BYTES);
  }

  @Override
  public void handle(HttpServerRequest req) {
    DecoderResult result = req.decoderResult();
    Throwable cause = result == null ? null : result.cause();
    Problem problem = problem(cause);
    // the decoder stops at what is too long: a request line or headers over the limit leave no
    // Accept-Language to honour (the answer is Chinese), a malformed request may have one
    Language lang = cause instanceof TooLongHttpHeaderException ? Language.ZH
        : Language.of(req.headers().get("Accept-Language"));
    req.response().setStatusCode(problem.status())
        .putHeader("Content-Type", Problems.CONTENT_TYPE)
        .putHeader("Content-Language", lang.tag())
        .putHeader("Connection", "close")
        .end(problem.toJson(null, lang).encode())
        .onComplete(v -> req.connection().close());
  }

  static Problem problem(Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      return Problem.of(414, "uri-too-long", Text.of("uri-too-long", MAX_URL_BYTES));
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return Problem.of(431, "headers-too-large", Text.of("headers-too-large", MAX_HEADER_BYTES));
    }
    return Problem.of(400, "bad-request", Text.of("bad-request.http"));
  }
}
