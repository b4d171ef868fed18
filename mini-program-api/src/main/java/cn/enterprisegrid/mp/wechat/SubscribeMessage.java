package cn.enterprisegrid.mp.wechat;

import io.vertx.core.json.JsonObject;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One subscribe message ({@code /cgi-bin/message/subscribe/send}).
 *
 * @param touser    the receiver's openid
 * @param templateId the template id
 * @param page      the mini-program page opened on tap, with query, e.g. {@code pages/policy/index?id=7}; nullable
 * @param data      template field key (e.g. {@code thing1}) to value, in order; copied and unmodifiable
 * @param state     which build the tap opens; {@code null} leaves WeChat's default ({@code formal})
 * @param lang      language of the message, e.g. {@code zh_CN}; {@code null} leaves WeChat's default
 */
public record SubscribeMessage(String touser, String templateId, String page, Map<String, String> data,
                               MiniProgramState state, String lang) {

  /** Validates and copies {@code data}. */
  public SubscribeMessage {
    Objects.requireNonNull(touser, "touser");
    Objects.requireNonNull(templateId, "templateId");
    Objects.requireNonNull(data, "data");
    LinkedHashMap<String, String> copy = new LinkedHashMap<>();
    data.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "data key"), Objects.requireNonNull(v, "data." + k)));
    data = Collections.unmodifiableMap(copy);
  }

  /**
   * A message with WeChat's defaults for state and language.
   *
   * @param touser     the receiver's openid
   * @param templateId the template id
   * @param page       the page opened on tap, nullable
   * @param data       the template values
   * @return the message
   */
  public static SubscribeMessage of(String touser, String templateId, String page, Map<String, String> data) {
    return new SubscribeMessage(touser, templateId, page, data, null, null);
  }

  /** @return the request body WeChat expects */
  public JsonObject toJson() {
    JsonObject values = new JsonObject();
    data.forEach((k, v) -> values.put(k, new JsonObject().put("value", v)));
    JsonObject json = new JsonObject().put("touser", touser).put("template_id", templateId).put("data", values);
    if (page != null) {
      json.put("page", page);
    }
    if (state != null) {
      json.put("miniprogram_state", state.wire());
    }
    if (lang != null) {
      json.put("lang", lang);
    }
    return json;
  }
}
