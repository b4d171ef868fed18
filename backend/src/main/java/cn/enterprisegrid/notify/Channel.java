package cn.enterprisegrid.notify;

import io.vertx.core.Future;

import java.util.Map;

/** A way to push a message to a WeChat user of a firm (subscribe message, FCM, SMS). */
interface Channel {
  /** The name used in preferences ({@code wechat}, {@code fcm}, {@code sms}). */
  String name();

  /**
   * @param openid the user
   * @param prefs  the user's preference hash ({@code fcmToken}, {@code phone}, ...)
   */
  Future<Attempt> send(String openid, Map<String, String> prefs, Message message);
}
