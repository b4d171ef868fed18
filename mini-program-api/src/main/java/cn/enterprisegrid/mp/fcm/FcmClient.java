package cn.enterprisegrid.mp.fcm;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Firebase Cloud Messaging HTTP v1 on Vert.x {@link WebClient}:
 * {@code POST /v1/projects/{project}/messages:send} with a bearer token from a caller-supplied token source.
 * Failures are {@link FcmException}s; nothing is retried here. Thread-safe.
 */
public final class FcmClient {

  private final WebClient webClient;
  private final boolean ownsWebClient;
  private final FcmConfig config;
  private final Supplier<Future<String>> tokenSource;
  private final String sendUrl;

  /**
   * A client with its own {@link WebClient}; {@link #close()} closes it.
   *
   * @param vertx       the Vert.x instance
   * @param config      endpoint and project
   * @param tokenSource gives an OAuth2 access token for scope
   *                    {@code https://www.googleapis.com/auth/firebase.messaging}; asked before every send, so it
   *                    should cache
   */
  public FcmClient(Vertx vertx, FcmConfig config, Supplier<Future<String>> tokenSource) {
    this(WebClient.create(vertx), true, config, tokenSource);
  }

  /**
   * A client on a caller-owned {@link WebClient}; {@link #close()} leaves it open.
   *
   * @param webClient   the HTTP client
   * @param config      endpoint and project
   * @param tokenSource gives the bearer token before every send
   */
  public FcmClient(WebClient webClient, FcmConfig config, Supplier<Future<String>> tokenSource) {
    this(webClient, false, config, tokenSource);
  }

  private FcmClient(WebClient webClient, boolean ownsWebClient, FcmConfig config,
                    Supplier<Future<String>> tokenSource) {
    this.webClient = webClient;
    this.ownsWebClient = ownsWebClient;
    this.config = Objects.requireNonNull(config, "config");
    this.tokenSource = Objects.requireNonNull(tokenSource, "tokenSource");
    this.sendUrl = config.apiBase() + "/v1/projects/" + config.projectId() + "/messages:send";
  }

  /**
   * Sends one message.
   *
   * @param message the message
   * @return FCM's message name ({@code projects/.../messages/...}); or a failed future with an
   * {@link FcmException} (a failure of the token source is passed on as it is)
   */
  public Future<String> send(FcmMessage message) {
    JsonObject body = message.toJson();
    return tokenSource.get().compose(bearer -> webClient.postAbs(sendUrl)
      .timeout(config.requestTimeout().toMillis())
      .bearerTokenAuthentication(bearer)
      .sendJsonObject(body)
      .transform(ar -> ar.succeeded() ? answer(ar.result()) : Future.failedFuture(transport(ar.cause()))));
  }

  /** Closes the {@link WebClient} if this client created it. */
  public void close() {
    if (ownsWebClient) {
      webClient.close();
    }
  }

  private static FcmException transport(Throwable failure) {
    FcmErrorCode code = failure instanceof TimeoutException ? FcmErrorCode.TIMEOUT : FcmErrorCode.NETWORK;
    return new FcmException(code, 0, String.valueOf(failure.getMessage()), null, failure);
  }

  private static Future<String> answer(HttpResponse<Buffer> response) {
    int status = response.statusCode();
    JsonObject json = parse(response.body());
    if (status == 200) {
      String name = json == null ? null : json.getString("name");
      return Future.succeededFuture(name);
    }
    JsonObject error = json == null ? null : json.getJsonObject("error");
    FcmErrorCode code = error == null ? fromHttpStatus(status) : code(error, status);
    String message = error == null ? "HTTP " + status : error.getString("message", "");
    return Future.failedFuture(new FcmException(code, status, message, retryAfter(response), null));
  }

  private static FcmErrorCode code(JsonObject error, int status) {
    Object details = error.getValue("details");
    if (details instanceof JsonArray array) {
      for (Object detail : array) {
        if (detail instanceof JsonObject d && d.getValue("errorCode") instanceof String errorCode) {
          FcmErrorCode parsed = FcmErrorCode.parse(errorCode);
          if (parsed != FcmErrorCode.UNKNOWN) {
            return parsed;
          }
        }
      }
    }
    FcmErrorCode byStatus = FcmErrorCode.parse(error.getValue("status") instanceof String s ? s : null);
    return byStatus != FcmErrorCode.UNKNOWN ? byStatus : fromHttpStatus(status);
  }

  /** Only for answers without FCM's error body: a bare 404 is more likely a wrong URL than a dead token. */
  private static FcmErrorCode fromHttpStatus(int status) {
    return switch (status) {
      case 429 -> FcmErrorCode.QUOTA_EXCEEDED;
      case 500 -> FcmErrorCode.INTERNAL;
      case 502, 503, 504 -> FcmErrorCode.UNAVAILABLE;
      default -> FcmErrorCode.UNKNOWN;
    };
  }

  private static JsonObject parse(Buffer body) {
    if (body == null || body.length() == 0) {
      return null;
    }
    try {
      Object value = Json.decodeValue(body);
      return value instanceof JsonObject o ? o : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Duration retryAfter(HttpResponse<Buffer> response) {
    String header = response.getHeader("Retry-After");
    if (header == null) {
      return null;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(header.trim()));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
