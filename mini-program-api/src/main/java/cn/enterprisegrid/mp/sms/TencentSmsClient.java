package cn.enterprisegrid.mp.sms;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Sends one templated SMS to one phone through Tencent Cloud's {@code SendSms} (version 2021-01-11).
 * The answer is the service's serial number; a refusal (a request error, or the number's own
 * status code other than {@code Ok}) fails with {@link SmsException}. Nothing is retried here.
 */
public final class TencentSmsClient {
  static final String SERVICE = "sms";
  static final String ACTION = "SendSms";
  static final String VERSION = "2021-01-11";

  private final WebClient web;
  private final TencentSmsConfig config;
  private final Clock clock;

  public TencentSmsClient(WebClient web, TencentSmsConfig config, Clock clock) {
    this.web = web;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Sends template {@code templateId} with {@code params} to {@code phone} (11 digits of a mainland
   * number, or E.164 with +86). {@code context} comes back in delivery reports (e.g. a notification id).
   */
  public Future<String> send(String phone, String templateId, List<String> params, String context) {
    String e164 = phone.startsWith("+") ? phone : "+86" + phone;
    String payload = new JsonObject()
        .put("PhoneNumberSet", new JsonArray().add(e164))
        .put("SmsSdkAppId", config.sdkAppId())
        .put("SignName", config.signName())
        .put("TemplateId", templateId)
        .put("TemplateParamSet", new JsonArray(List.copyOf(params)))
        .put("SessionContext", context == null ? "" : context)
        .encode();
    Instant now = clock.instant();
    return web.postAbs(config.apiBase() + "/")
        .timeout(config.timeout().toMillis())
        .putHeader("Content-Type", Tc3Signer.CONTENT_TYPE)
        .putHeader("Host", config.host())
        .putHeader("X-TC-Action", ACTION)
        .putHeader("X-TC-Version", VERSION)
        .putHeader("X-TC-Region", config.region())
        .putHeader("X-TC-Timestamp", String.valueOf(now.getEpochSecond()))
        .putHeader("Authorization", Tc3Signer.authorization(config.secretId(), config.secretKey(), SERVICE,
            config.host(), ACTION, payload, now))
        .sendBuffer(Buffer.buffer(payload))
        .transform(ar -> ar.succeeded() ? answer(ar.result())
            : Future.failedFuture(ar.cause() instanceof TimeoutException
                ? new SmsException("timeout", "no answer within " + config.timeout(), true)
                : new SmsException("transport", String.valueOf(ar.cause().getMessage()), true)));
  }

  private static Future<String> answer(HttpResponse<Buffer> r) {
    JsonObject body;
    try {
      body = r.bodyAsJsonObject();
    } catch (RuntimeException e) {
      return Future.failedFuture(new SmsException("transport", "HTTP " + r.statusCode() + " without a JSON body",
          r.statusCode() >= 500));
    }
    JsonObject response = body == null ? null : body.getJsonObject("Response");
    if (response == null) {
      return Future.failedFuture(new SmsException("transport", "HTTP " + r.statusCode() + " without Response", true));
    }
    JsonObject error = response.getJsonObject("Error");
    if (error != null) {
      String code = error.getString("Code", "InternalError");
      return Future.failedFuture(new SmsException(code, error.getString("Message", ""),
          SmsException.retryableCode(code)));
    }
    JsonArray set = response.getJsonArray("SendStatusSet");
    if (set == null || set.isEmpty()) {
      return Future.failedFuture(new SmsException("InternalError", "no SendStatusSet", true));
    }
    JsonObject status = set.getJsonObject(0);
    String code = status.getString("Code", "");
    if (!"Ok".equals(code)) {
      return Future.failedFuture(new SmsException(code, status.getString("Message", ""),
          SmsException.retryableCode(code)));
    }
    return Future.succeededFuture(status.getString("SerialNo"));
  }
}
