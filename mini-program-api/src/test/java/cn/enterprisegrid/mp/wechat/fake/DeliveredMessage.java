package cn.enterprisegrid.mp.wechat.fake;

import java.time.Instant;
import java.util.Map;

/**
 * A subscribe message the fake accepted (errcode 0).
 *
 * @param touser     the receiver's openid
 * @param templateId the template id
 * @param page       the page, nullable
 * @param data       template key to value
 * @param state      {@code miniprogram_state} as sent, nullable
 * @param lang       {@code lang} as sent, nullable
 * @param at         when it was accepted (the fake's clock)
 */
public record DeliveredMessage(String touser, String templateId, String page, Map<String, String> data,
                               String state, String lang, Instant at) {

  /** @return what makes two deliveries the same message: receiver, template, page and values */
  public Object contentKey() {
    return java.util.List.of(touser, templateId, page == null ? "" : page, data);
  }
}
