package cn.enterprisegrid.mp.sms;

/**
 * A send the SMS service refused or that did not complete: the service's error code (e.g.
 * {@code LimitExceeded.PhoneNumberDailyLimit}, {@code AuthFailure.SignatureFailure}) or
 * {@code transport} / {@code timeout}, and whether trying again later can succeed.
 */
public final class SmsException extends RuntimeException {
  private final String code;
  private final boolean retryable;

  public SmsException(String code, String message, boolean retryable) {
    super(code + ": " + message, null, false, false);
    this.code = code;
    this.retryable = retryable;
  }

  public String code() {
    return code;
  }

  public boolean retryable() {
    return retryable;
  }

  /** Whether a code is worth retrying: the service's own faults and rate limits, not bad requests. */
  static boolean retryableCode(String code) {
    return code.startsWith("InternalError") || code.equals("RequestLimitExceeded")
        || code.equals("LimitExceeded.DeliveryFrequencyLimit") || code.equals("FailedOperation.JsonParseFail")
        || code.equals("transport") || code.equals("timeout");
  }
}
