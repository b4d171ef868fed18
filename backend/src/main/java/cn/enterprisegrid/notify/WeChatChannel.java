package cn.enterprisegrid.notify;

import cn.enterprisegrid.mp.wechat.SubscribeMessage;
import cn.enterprisegrid.mp.wechat.WeChatClient;
import cn.enterprisegrid.mp.wechat.WeChatException;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;

import java.util.List;
import java.util.Map;

/**
 * Subscribe messages through the mini-program-api client. A one-time template needs a consent of the user (counted
 * per user x template, {@code POST /mp/v1/subscriptions}); each send consumes one, and WeChat's 43101 sets the count
 * to zero. The client itself fetches the access token again and retries once on 40001/42001.
 */
final class WeChatChannel implements Channel {
  private final WeChatClient wechat;
  private final WeChatTemplates templates;
  private final Store store;
  private final String page;

  WeChatChannel(WeChatClient wechat, WeChatTemplates templates, Store store, String page) {
    this.wechat = wechat;
    this.templates = templates;
    this.store = store;
    this.page = page;
  }

  @Override
  public String name() {
    return "wechat";
  }

  @Override
  public Future<Attempt> send(String openid, Map<String, String> prefs, Message message) {
    WeChatTemplates.Template t = templates.forCategory(message.category());
    if (t == null || t.id() == null) {
      return Future.succeededFuture(new Attempt.Skipped("no template for " + message.category()));
    }
    Future<Boolean> consent = t.longTerm() ? Future.succeededFuture(true) : consent(openid, "take", t.id())
        .map(n -> n == 1);
    return consent.compose(ok -> {
      if (!ok) {
        return Future.succeededFuture(new Attempt.Skipped("no consent for " + t.id()));
      }
      SubscribeMessage m = SubscribeMessage.of(openid, t.id(), page + "?id=" + message.id(),
          WeChatTemplates.data(t, message));
      return wechat.sendSubscribeMessage(m).<Attempt>map(v -> new Attempt.Delivered(name()))
          .recover(err -> failed(openid, t, err));
    });
  }

  private Future<Attempt> failed(String openid, WeChatTemplates.Template t, Throwable err) {
    if (!(err instanceof WeChatException e)) {
      return refund(openid, t).map(v -> new Attempt.Retry("wechat: " + err));
    }
    String reason = "wechat " + e.errcode() + ": " + e.errmsg();
    if (e.isNoSubscription()) {
      return consent(openid, "zero", t.id()).map(v -> new Attempt.Skipped(reason));
    }
    // WeChat did not deliver, so it did not consume the user's consent either
    Attempt attempt;
    if (e.isRetryable() || e.isTokenInvalid()) {
      attempt = new Attempt.Retry(reason);
    } else if (e.isBadData() || e.errcode() == WeChatException.INVALID_TEMPLATE_ID
        || e.errcode() == WeChatException.INVALID_PAGE) {
      // the message or the configuration must change: an admin fixes it and replays the dead letter
      attempt = new Attempt.Dead(reason);
    } else {
      attempt = new Attempt.Skipped(reason);
    }
    return refund(openid, t).map(v -> attempt);
  }

  private Future<Void> refund(String openid, WeChatTemplates.Template t) {
    return t.longTerm() ? Future.succeededFuture() : consent(openid, "refund", t.id()).mapEmpty();
  }

  private Future<Integer> consent(String openid, String op, String templateId) {
    return store.script("notify_consent", List.of(NotifyKeys.consent(openid)), List.of(op, templateId))
        .map(r -> (int) r.number());
  }
}
