package cn.enterprisegrid.notify;

import cn.enterprisegrid.mp.fcm.FcmClient;
import cn.enterprisegrid.mp.fcm.FcmException;
import cn.enterprisegrid.mp.fcm.FcmMessage;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;

import java.util.List;
import java.util.Map;

/** FCM HTTP v1 to the device token a user registered in the preferences; a dead token is dropped. */
final class FcmChannel implements Channel {
  private final FcmClient fcm;
  private final RedisAPI redis;

  FcmChannel(FcmClient fcm, RedisAPI redis) {
    this.fcm = fcm;
    this.redis = redis;
  }

  @Override
  public String name() {
    return "fcm";
  }

  @Override
  public Future<Attempt> send(String openid, Map<String, String> prefs, Message message) {
    String token = prefs.get("fcmToken");
    if (token == null || token.isBlank()) {
      return Future.succeededFuture(new Attempt.Skipped("no FCM token"));
    }
    FcmMessage m = new FcmMessage(token, message.title(), message.body(),
        Map.of("notificationId", message.id(), "category", message.category()));
    return fcm.send(m).<Attempt>map(name -> new Attempt.Delivered(name()))
        .recover(err -> {
          if (err instanceof FcmException e) {
            if (e.isDeadToken()) {
              return redis.hdel(List.of(NotifyKeys.prefs(openid), "fcmToken"))
                  .map(r -> new Attempt.Skipped("FCM token dead: " + e.code()));
            }
            if (e.isRetryable()) {
              return Future.succeededFuture(new Attempt.Retry("fcm " + e.code() + ": " + e.getMessage()));
            }
            return Future.succeededFuture(new Attempt.Skipped("fcm " + e.code()));
          }
          return Future.succeededFuture(new Attempt.Retry("fcm: " + err));
        });
  }
}
