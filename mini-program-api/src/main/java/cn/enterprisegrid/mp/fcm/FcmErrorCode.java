package cn.enterprisegrid.mp.fcm;

/**
 * Why an FCM send failed: the FCM error codes, and two of our own for transport failures.
 */
public enum FcmErrorCode {
  /** The device token is no longer registered (HTTP 404): drop it. */
  UNREGISTERED(true, false),
  /** The request is invalid, e.g. a malformed token (HTTP 400): treated as a dead token. */
  INVALID_ARGUMENT(true, false),
  /** The token belongs to another sender (HTTP 403): drop it. */
  SENDER_ID_MISMATCH(true, false),
  /** Sending quota exceeded (HTTP 429): retry with backoff. */
  QUOTA_EXCEEDED(false, true),
  /** FCM is overloaded (HTTP 503): retry with backoff. */
  UNAVAILABLE(false, true),
  /** FCM failed internally (HTTP 500): retry with backoff. */
  INTERNAL(false, true),
  /** APNs or web-push credentials are wrong (HTTP 401): a configuration problem. */
  THIRD_PARTY_AUTH_ERROR(false, false),
  /** The bearer token was refused (HTTP 401): the token source must give a fresh one. */
  UNAUTHENTICATED(false, false),
  /** The bearer token lacks the permission (HTTP 403). */
  PERMISSION_DENIED(false, false),
  /** Ours: no answer within the request timeout. */
  TIMEOUT(false, true),
  /** Ours: connection refused, reset, or an unreadable answer to a 5xx. */
  NETWORK(false, true),
  /** Anything else. */
  UNKNOWN(false, false);

  private final boolean deadToken;
  private final boolean retryable;

  FcmErrorCode(boolean deadToken, boolean retryable) {
    this.deadToken = deadToken;
    this.retryable = retryable;
  }

  /** @return the device token should be dropped */
  public boolean deadToken() {
    return deadToken;
  }

  /** @return the same send may succeed later */
  public boolean retryable() {
    return retryable;
  }

  /**
   * Reads FCM's code: the {@code errorCode} of the {@code FcmError} detail if there is one, else
   * {@code error.status}, with the canonical gRPC names FCM uses for its codes mapped too
   * ({@code NOT_FOUND} → {@link #UNREGISTERED}, {@code RESOURCE_EXHAUSTED} → {@link #QUOTA_EXCEEDED}).
   *
   * @param name the code or status as sent
   * @return the code, {@link #UNKNOWN} when unrecognised
   */
  public static FcmErrorCode parse(String name) {
    if (name == null) {
      return UNKNOWN;
    }
    return switch (name) {
      case "NOT_FOUND" -> UNREGISTERED;
      case "RESOURCE_EXHAUSTED" -> QUOTA_EXCEEDED;
      default -> {
        try {
          yield valueOf(name);
        } catch (IllegalArgumentException e) {
          yield UNKNOWN;
        }
      }
    };
  }
}
