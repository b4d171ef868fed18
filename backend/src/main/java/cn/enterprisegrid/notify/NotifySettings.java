package cn.enterprisegrid.notify;

import static cn.enterprisegrid.config.ConfigValues.integer;
import static cn.enterprisegrid.config.ConfigValues.positive;
import static cn.enterprisegrid.config.ConfigValues.str;

import cn.enterprisegrid.mp.sms.TencentSmsConfig;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The notification settings (README configuration table, {@code NOTIFY_*}), SMS included
 * ({@code NOTIFY_SMS_*}: Tencent Cloud SMS, off while {@code NOTIFY_SMS_SECRET_ID} is unset).
 *
 * @param senders        pushes in flight at once per node (bounded concurrency towards WeChat/FCM)
 * @param maxAttempts    attempts of a push before it moves to the dead-letter stream
 * @param retryBase      first retry delay; doubled per attempt (exponential backoff), at most 10 minutes
 * @param claimIdle      an outbox entry pending this long with a consumer is taken over by the sweeper
 * @param weeklyCap      policy pushes per firm (or liaison) within 7 days; 0 = no cap
 * @param quietStart     start of the quiet hours (local time), null = none
 * @param quietEnd       end of the quiet hours (local time)
 * @param zone           time zone of the quiet hours
 * @param digestWindow   policy notices of one recipient arriving within this window are pushed as one
 * @param page           mini-program page a push opens, {@code ?id=} the notification id is appended
 * @param templates      WeChat template ids and data mapping per category (JSON, see {@link WeChatTemplates})
 * @param fcmApiBase     FCM HTTP v1 base URL
 * @param fcmProject     FCM project id; unset = no FCM channel
 * @param fcmToken       OAuth2 bearer token for FCM
 * @param sendTimeout    timeout of one WeChat or FCM call
 * @param enabled        whether this node runs the sender (notices are enqueued by the scripts regardless)
 * @param sms            Tencent Cloud SMS: where and as whom; null = no SMS provider (nothing is texted)
 * @param smsTemplates   SMS template ids and parameters per notice kind or category (JSON, see {@link SmsTemplates})
 */
public record NotifySettings(int senders, int maxAttempts, Duration retryBase, Duration claimIdle, int weeklyCap,
    LocalTime quietStart, LocalTime quietEnd, ZoneId zone, Duration digestWindow, String page,
    JsonObject templates, String fcmApiBase, String fcmProject, String fcmToken,
    Duration sendTimeout, boolean enabled, TencentSmsConfig sms, JsonObject smsTemplates) {

  /** The default WeChat templates: one per category, one-time subscriptions. */
  public static final String DEFAULT_TEMPLATES = "{"
      + "\"policy\":{\"id\":\"TPL_POLICY_MATCH\",\"longTerm\":false,"
      + "\"data\":{\"thing1\":\"title\",\"thing2\":\"department\",\"thing3\":\"deadline\",\"thing4\":\"hint\"}},"
      + "\"application\":{\"id\":\"TPL_APPLICATION_STATUS\",\"longTerm\":false,"
      + "\"data\":{\"thing1\":\"title\",\"phrase2\":\"status\",\"thing3\":\"amount\",\"thing4\":\"hint\"}},"
      + "\"problem\":{\"id\":\"TPL_PROBLEM_STATUS\",\"longTerm\":false,"
      + "\"data\":{\"thing1\":\"title\",\"phrase2\":\"status\",\"thing3\":\"hint\",\"date4\":\"date\"}}}";

  /**
   * The default SMS templates: a liaison's policy summary ("政策{1}：{2}"), an application's news ("{1}{2}"), a
   * deadline warning ("诉求{1}（交办单号{2}）的{3}时限将于{4}到期，请及时办理。") and an escalation ("诉求{1}（交办单号{2}）已超过{3}时限（{4}），
   * 请立即办理。"); the ids are placeholders for those the provider gives the approved templates. Problem status
   * changes have none: they are not texted.
   */
  public static final String DEFAULT_SMS_TEMPLATES = "{"
      + "\"policy\":{\"id\":\"TPL_SMS_POLICY\",\"params\":[\"title\",\"hint\"]},"
      + "\"application\":{\"id\":\"TPL_SMS_APPLICATION\",\"params\":[\"title\",\"status\"]},"
      + "\"problem.warning\":{\"id\":\"TPL_SMS_WARNING\",\"params\":[\"problemId\",\"dispatchNo\",\"deadline\",\"due\"]},"
      + "\"problem.breach\":{\"id\":\"TPL_SMS_BREACH\",\"params\":[\"problemId\",\"dispatchNo\",\"deadline\",\"due\"]}}";

  /** Reads the {@code NOTIFY_*} keys of the merged configuration. */
  public static NotifySettings from(JsonObject c) {
    String quiet = str(c, "NOTIFY_QUIET_HOURS", "22:00-08:00");
    LocalTime qs = null;
    LocalTime qe = null;
    if (!quiet.equalsIgnoreCase("none")) {
      String[] p = quiet.split("-");
      if (p.length != 2) {
        throw new IllegalArgumentException("NOTIFY_QUIET_HOURS must be HH:mm-HH:mm or none, was " + quiet);
      }
      qs = LocalTime.parse(p[0].trim());
      qe = LocalTime.parse(p[1].trim());
    }
    JsonObject templates;
    try {
      templates = new JsonObject(str(c, "NOTIFY_WX_TEMPLATES", DEFAULT_TEMPLATES));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("NOTIFY_WX_TEMPLATES must be a JSON object", e);
    }
    JsonObject smsTemplates;
    try {
      smsTemplates = new JsonObject(str(c, "NOTIFY_SMS_TEMPLATES", DEFAULT_SMS_TEMPLATES));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("NOTIFY_SMS_TEMPLATES must be a JSON object", e);
    }
    String smsId = str(c, "NOTIFY_SMS_SECRET_ID", null);
    TencentSmsConfig sms = smsId == null || smsId.isBlank() ? null : new TencentSmsConfig(
        str(c, "NOTIFY_SMS_API_BASE", TencentSmsConfig.DEFAULT_API_BASE), smsId,
        required(c, "NOTIFY_SMS_SECRET_KEY"), required(c, "NOTIFY_SMS_SDK_APP_ID"),
        required(c, "NOTIFY_SMS_SIGN_NAME"), str(c, "NOTIFY_SMS_REGION", "ap-guangzhou"),
        Duration.ofMillis(positive(c, "NOTIFY_SEND_TIMEOUT_MS", 5000)));
    return new NotifySettings(
        positive(c, "NOTIFY_SENDERS", 64),
        positive(c, "NOTIFY_MAX_ATTEMPTS", 6),
        Duration.ofMillis(positive(c, "NOTIFY_RETRY_BASE_MS", 2000)),
        Duration.ofMillis(positive(c, "NOTIFY_CLAIM_IDLE_MS", 60_000)),
        integer(c, "NOTIFY_WEEKLY_CAP", 3),
        qs, qe,
        ZoneId.of(str(c, "NOTIFY_TIME_ZONE", "Asia/Shanghai")),
        Duration.ofSeconds(integer(c, "NOTIFY_DIGEST_SECONDS", 60)),
        str(c, "NOTIFY_MP_PAGE", "pages/notifications/detail"),
        templates,
        str(c, "NOTIFY_FCM_API_BASE", "https://fcm.googleapis.com"),
        str(c, "NOTIFY_FCM_PROJECT", null),
        str(c, "NOTIFY_FCM_TOKEN", null),
        Duration.ofMillis(positive(c, "NOTIFY_SEND_TIMEOUT_MS", 5000)),
        !"false".equalsIgnoreCase(str(c, "NOTIFY_ENABLED", "true")),
        sms, smsTemplates);
  }

  private static String required(JsonObject c, String key) {
    String v = str(c, key, null);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(key + " is required when NOTIFY_SMS_SECRET_ID is set");
    }
    return v;
  }

  /** The keys as read (the FCM token is masked), e.g. for a start-up log line. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("NOTIFY_SENDERS", senders)
        .put("NOTIFY_MAX_ATTEMPTS", maxAttempts)
        .put("NOTIFY_RETRY_BASE_MS", retryBase.toMillis())
        .put("NOTIFY_CLAIM_IDLE_MS", claimIdle.toMillis())
        .put("NOTIFY_WEEKLY_CAP", weeklyCap)
        .put("NOTIFY_QUIET_HOURS", quietStart == null ? "none" : quietStart + "-" + quietEnd)
        .put("NOTIFY_TIME_ZONE", zone.getId())
        .put("NOTIFY_DIGEST_SECONDS", digestWindow.toSeconds())
        .put("NOTIFY_MP_PAGE", page)
        .put("NOTIFY_WX_TEMPLATES", templates.encode())
        .put("NOTIFY_FCM_API_BASE", fcmApiBase)
        .put("NOTIFY_FCM_PROJECT", fcmProject)
        .put("NOTIFY_FCM_TOKEN", fcmToken == null ? null : "***")
        .put("NOTIFY_SEND_TIMEOUT_MS", sendTimeout.toMillis())
        .put("NOTIFY_ENABLED", enabled)
        .put("NOTIFY_SMS_API_BASE", sms == null ? null : sms.apiBase())
        .put("NOTIFY_SMS_SECRET_ID", sms == null ? null : sms.secretId())
        .put("NOTIFY_SMS_SECRET_KEY", sms == null ? null : "***")
        .put("NOTIFY_SMS_SDK_APP_ID", sms == null ? null : sms.sdkAppId())
        .put("NOTIFY_SMS_SIGN_NAME", sms == null ? null : sms.signName())
        .put("NOTIFY_SMS_REGION", sms == null ? null : sms.region())
        .put("NOTIFY_SMS_TEMPLATES", smsTemplates.encode());
  }
}
