package cn.enterprisegrid.mp.fcm;

import io.vertx.core.json.JsonObject;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One FCM message to one device.
 *
 * @param token the device registration token
 * @param title the notification title, nullable
 * @param body  the notification body, nullable (no {@code notification} is sent when both are null)
 * @param data  string key/value data for the app; copied and unmodifiable
 */
public record FcmMessage(String token, String title, String body, Map<String, String> data) {

  /** Validates and copies {@code data}. */
  public FcmMessage {
    Objects.requireNonNull(token, "token");
    LinkedHashMap<String, String> copy = new LinkedHashMap<>();
    if (data != null) {
      data.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "data key"), Objects.requireNonNull(v, "data." + k)));
    }
    data = Collections.unmodifiableMap(copy);
  }

  /** @return the request body: {@code {"message":{"token","notification":{"title","body"},"data":{...}}}} */
  public JsonObject toJson() {
    JsonObject message = new JsonObject().put("token", token);
    if (title != null || body != null) {
      JsonObject notification = new JsonObject();
      if (title != null) {
        notification.put("title", title);
      }
      if (body != null) {
        notification.put("body", body);
      }
      message.put("notification", notification);
    }
    if (!data.isEmpty()) {
      message.put("data", new JsonObject(new LinkedHashMap<>(data)));
    }
    return new JsonObject().put("message", message);
  }
}
