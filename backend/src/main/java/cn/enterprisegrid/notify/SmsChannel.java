package cn.enterprisegrid.notify;

import cn.enterprisegrid.mp.sms.SmsException;
import cn.enterprisegrid.mp.sms.TencentSmsClient;
import io.vertx.core.Future;

import java.util.Map;

/**
 * Text messages through Tencent Cloud SMS ({@link TencentSmsClient}, templated): to the phone a WeChat user left in
 * the preferences (a channel of its order), and to a liaison's or a console account's phone (deadline warnings and
 * escalations, {@link #text}). A message whose kind has no template ({@link SmsTemplates}) is not texted. The
 * service's refusals map to the outbox like the other channels': retryable codes (InternalError.*, rate limits of
 * the API, timeouts) are retried with backoff, the others (a signature or template not approved, a number's daily
 * limit, a wrong number) are dead letters with the code, for an admin to fix and replay.
 */
final class SmsChannel implements Channel {
  private final TencentSmsClient client;
  private final SmsTemplates templates;

  SmsChannel(TencentSmsClient client, SmsTemplates templates) {
    this.client = client;
    this.templates = templates;
  }

  @Override
  public String name() {
    return "sms";
  }

  @Override
  public Future<Attempt> send(String openid, Map<String, String> prefs, Message message) {
    String phone = prefs.get("phone");
    if (phone == null || phone.isBlank()) {
      return Future.succeededFuture(new Attempt.Skipped("no phone"));
    }
    return text(phone, message);
  }

  /** Whether the message is texted at all (its kind or category has a template). */
  boolean texts(Message message) {
    return templates.forMessage(message) != null;
  }

  /** Texts {@code message} to {@code phone} with its template. */
  Future<Attempt> text(String phone, Message message) {
    SmsTemplates.Template t = templates.forMessage(message);
    if (t == null || t.id() == null) {
      return Future.succeededFuture(new Attempt.Skipped("no SMS template for " + message.kind()));
    }
    return client.send(phone, t.id(), SmsTemplates.params(t, message), message.id())
        .<Attempt>map(serial -> new Attempt.Delivered(name()))
        .otherwise(err -> {
          if (err instanceof SmsException e) {
            String reason = "sms " + e.getMessage();
            return e.retryable() ? new Attempt.Retry(reason) : new Attempt.Dead(reason);
          }
          return new Attempt.Retry("sms: " + err);
        });
  }
}
