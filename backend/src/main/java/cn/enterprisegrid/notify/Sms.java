package cn.enterprisegrid.notify;

import io.vertx.core.Future;

/** Sends a text message. The only implementation logs ({@link LoggingSms}); a gateway plugs in here. */
public interface Sms {
  /**
   * @param phone the mainland mobile number
   * @param text  the text, with its signature
   * @return accepted by the gateway
   */
  Future<Void> send(String phone, String text);
}
