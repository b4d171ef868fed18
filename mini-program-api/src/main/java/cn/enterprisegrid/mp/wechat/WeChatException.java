package cn.enterprisegrid.mp.wechat;

/**
 * A failed WeChat call: either WeChat's own non-zero {@code errcode}, or one of the negative transport codes of
 * this class ({@link #TIMEOUT}, {@link #HTTP_STATUS}, {@link #NETWORK}, {@link #BAD_RESPONSE}) when no usable
 * answer arrived.
 */
public final class WeChatException extends RuntimeException {

  /** WeChat: system busy, try again. */
  public static final int SYSTEM_BUSY = -1;
  /** WeChat: the access token is invalid (not the current one). */
  public static final int INVALID_ACCESS_TOKEN = 40001;
  /** WeChat: the openid ({@code touser}) is invalid. */
  public static final int INVALID_OPENID = 40003;
  /** WeChat: the AppID is invalid. */
  public static final int INVALID_APPID = 40013;
  /** WeChat: the login or phone-number code is invalid, used or expired. */
  public static final int INVALID_CODE = 40029;
  /** WeChat: the template id is invalid. */
  public static final int INVALID_TEMPLATE_ID = 40037;
  /** WeChat: the AppSecret is invalid. */
  public static final int INVALID_SECRET = 40125;
  /** WeChat: the page is invalid. */
  public static final int INVALID_PAGE = 41030;
  /** WeChat: the access token has expired. */
  public static final int ACCESS_TOKEN_EXPIRED = 42001;
  /** WeChat: the user has no subscription left for this template (refused, or one-time consent used up). */
  public static final int NO_SUBSCRIPTION = 43101;
  /** WeChat: calls too frequent (quota per minute reached). */
  public static final int TOO_FREQUENT = 45011;
  /** WeChat: an argument is invalid, e.g. a template value breaks the field's rules. */
  public static final int ARGUMENT_INVALID = 47003;

  /** Transport: no answer within the configured request timeout. Retryable. */
  public static final int TIMEOUT = -1001;
  /**
   * Transport: WeChat answered with an HTTP status other than 200; see {@link #httpStatus()}. Retryable for 5xx and
   * 429.
   */
  public static final int HTTP_STATUS = -1002;
  /** Transport: connection refused, reset or closed before an answer. Retryable. */
  public static final int NETWORK = -1003;
  /** Transport: HTTP 200 with a body that is not the JSON expected. Not retryable. */
  public static final int BAD_RESPONSE = -1004;

  private final int errcode;
  private final String errmsg;
  private final int httpStatus;

  /**
   * @param errcode WeChat's errcode or one of the transport codes
   * @param errmsg  WeChat's errmsg or a description
   */
  public WeChatException(int errcode, String errmsg) {
    this(errcode, errmsg, 0, null);
  }

  /**
   * @param errcode    WeChat's errcode or one of the transport codes
   * @param errmsg     WeChat's errmsg or a description
   * @param httpStatus the HTTP status when {@code errcode} is {@link #HTTP_STATUS}, otherwise 0
   * @param cause      the transport failure, nullable
   */
  public WeChatException(int errcode, String errmsg, int httpStatus, Throwable cause) {
    super("WeChat errcode " + errcode + (httpStatus != 0 ? " (HTTP " + httpStatus + ")" : "") + ": " + errmsg, cause);
    this.errcode = errcode;
    this.errmsg = errmsg;
    this.httpStatus = httpStatus;
  }

  /** @return WeChat's errcode, or a negative transport code of this class */
  public int errcode() {
    return errcode;
  }

  /** @return WeChat's errmsg or a description of the transport failure */
  public String errmsg() {
    return errmsg;
  }

  /** @return the HTTP status for {@link #HTTP_STATUS}, otherwise 0 */
  public int httpStatus() {
    return httpStatus;
  }

  /** @return the access token was rejected (40001 invalid or 42001 expired): fetch again and retry once */
  public boolean isTokenInvalid() {
    return errcode == INVALID_ACCESS_TOKEN || errcode == ACCESS_TOKEN_EXPIRED;
  }

  /** @return the user has no subscription left for the template (43101): do not retry, wait for a new consent */
  public boolean isNoSubscription() {
    return errcode == NO_SUBSCRIPTION;
  }

  /** @return a value broke the template's rules (47003): the message itself must change, do not retry */
  public boolean isBadData() {
    return errcode == ARGUMENT_INVALID;
  }

  /** @return the login or phone code is invalid, used or expired (40029) */
  public boolean isInvalidCode() {
    return errcode == INVALID_CODE;
  }

  /**
   * @return the same call may succeed later (with backoff): system busy (-1), too frequent (45011), timeouts,
   * network failures, HTTP 5xx and 429
   */
  public boolean isRetryable() {
    return switch (errcode) {
      case SYSTEM_BUSY, TOO_FREQUENT, TIMEOUT, NETWORK -> true;
      case HTTP_STATUS -> httpStatus >= 500 || httpStatus == 429;
      default -> false;
    };
  }
}
