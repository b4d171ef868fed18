package cn.enterprisegrid.notify;

import io.vertx.core.Future;

import java.util.Map;

/** Text messages to the phone number a user left in the preferences. */
final class SmsChannel implements Channel {
  private final Sms sms;

  SmsChannel(Sms sms) {
    this.sms = sms;
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
    return sms.send(phone, text(message)).<Attempt>map(v -> new Attempt.Delivered(name()))
        .otherwise(err -> new Attempt.Retry("sms: " + err.getMessage()));
  }

  static String text(Message m) {
    return "【企业服务】" + m.title() + "：" + m.body();
  }
}
