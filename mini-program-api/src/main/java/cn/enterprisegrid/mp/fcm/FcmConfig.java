package cn.enterprisegrid.mp.fcm;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how {@link FcmClient} sends.
 *
 * @param apiBase        base URL of the FCM HTTP v1 API, without trailing slash; {@code null} means
 *                       {@link #DEFAULT_API_BASE}
 * @param projectId      the Firebase project id
 * @param requestTimeout time allowed for one send; {@code null} means {@link #DEFAULT_REQUEST_TIMEOUT}
 */
public record FcmConfig(String apiBase, String projectId, Duration requestTimeout) {

  /** The public FCM endpoint. */
  public static final String DEFAULT_API_BASE = "https://fcm.googleapis.com";
  /** Default time allowed for one send: 10 seconds. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** Validates and fills defaults. */
  public FcmConfig {
    apiBase = apiBase == null || apiBase.isBlank() ? DEFAULT_API_BASE : apiBase.trim();
    if (apiBase.endsWith("/")) {
      apiBase = apiBase.substring(0, apiBase.length() - 1);
    }
    Objects.requireNonNull(projectId, "projectId");
    requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
    if (requestTimeout.isZero() || requestTimeout.isNegative()) {
      throw new IllegalArgumentException("requestTimeout must be positive");
    }
  }

  /**
   * @param apiBase   base URL, {@code null} for the default
   * @param projectId the Firebase project id
   */
  public FcmConfig(String apiBase, String projectId) {
    this(apiBase, projectId, null);
  }
}
