package cn.enterprisegrid.mp.fcm;

import java.time.Duration;
import java.util.Optional;

/** A failed FCM send. */
public final class FcmException extends RuntimeException {

  private final FcmErrorCode code;
  private final int httpStatus;
  private final Duration retryAfter;

  /**
   * @param code       why it failed
   * @param httpStatus the HTTP status, 0 when no answer arrived
   * @param message    FCM's message or a description
   * @param retryAfter the {@code Retry-After} FCM asked for, nullable
   * @param cause      the transport failure, nullable
   */
  public FcmException(FcmErrorCode code, int httpStatus, String message, Duration retryAfter, Throwable cause) {
    super("FCM " + code + (httpStatus != 0 ? " (HTTP " + httpStatus + ")" : "") + ": " + message, cause);
    this.code = code;
    this.httpStatus = httpStatus;
    this.retryAfter = retryAfter;
  }

  /** @return why it failed */
  public FcmErrorCode code() {
    return code;
  }

  /** @return the HTTP status, 0 when no answer arrived */
  public int httpStatus() {
    return httpStatus;
  }

  /** @return the {@code Retry-After} delay FCM asked for, if any */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** @return the device token is dead (UNREGISTERED, INVALID_ARGUMENT, SENDER_ID_MISMATCH): drop it */
  public boolean isDeadToken() {
    return code.deadToken();
  }

  /**
   * @return the same send may succeed later with backoff (QUOTA_EXCEEDED, UNAVAILABLE, INTERNAL, timeouts,
   * network failures, other 5xx)
   */
  public boolean isRetryable() {
    return code.retryable() || (code == FcmErrorCode.UNKNOWN && httpStatus >= 500);
  }
}
