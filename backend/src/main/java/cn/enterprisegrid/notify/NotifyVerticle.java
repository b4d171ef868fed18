package cn.enterprisegrid.notify;

import cn.enterprisegrid.config.Settings;
import cn.enterprisegrid.mp.fcm.FcmClient;
import cn.enterprisegrid.mp.fcm.FcmConfig;
import cn.enterprisegrid.mp.sms.TencentSmsClient;
import cn.enterprisegrid.mp.wechat.WeChatClient;
import cn.enterprisegrid.mp.wechat.WeChatConfig;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The notification sender of this node (one instance, deployed by {@code Backend}): the change fan-out, the outbox
 * reader with its deliveries, the scheduler (digests, quiet hours, retries) and the sweeper. Every node runs one;
 * the consumer groups and atomic scripts make each notification go out once across nodes.
 */
public final class NotifyVerticle extends VerticleBase {
  private final Settings settings;
  private final NotifySettings ns;
  private final String node;
  private final Clock clock;
  private Store store;
  private Redis blocking;
  private WebClient web;
  private WeChatClient wechat;
  private FcmClient fcm;
  private OutboxReader reader;
  private Sweeper sweeper;
  private Scheduler scheduler;
  private ChangeFanout fanout;

  /**
   * @param settings the backend settings (Redis, WeChat)
   * @param ns       this package's settings ({@code NOTIFY_*})
   * @param node     this node's stable name ({@code config.NodeId}): its consumer name in the groups
   * @param clock    the clock of quiet hours, digests and backoff (tests may fix it)
   */
  public NotifyVerticle(Settings settings, NotifySettings ns, String node, Clock clock) {
    this.settings = settings;
    this.ns = ns;
    this.node = node;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    store = Store.connect(vertx, settings.redisUrl());
    // blocking reads (XREADGROUP BLOCK) hold their own connections
    blocking = Redis.createClient(vertx, new RedisOptions().setConnectionString(settings.redisUrl())
        .setMaxPoolSize(4));
    // one connection per push in flight, so a claimed push is written at once and never waits in a pool queue
    web = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(ns.senders()).setMaxWaitQueueSize(-1));
    wechat = new WeChatClient(vertx, web,
        new WeChatConfig(settings.wechatApiBase(), settings.wechatAppId(), settings.wechatSecret())
            .withRequestTimeout(ns.sendTimeout()), store.api());
    List<Channel> channels = new ArrayList<>();
    channels.add(new WeChatChannel(wechat, new WeChatTemplates(ns.templates()), store, ns.page()));
    if (ns.fcmProject() != null) {
      String token = ns.fcmToken() == null ? "" : ns.fcmToken();
      fcm = new FcmClient(web, new FcmConfig(ns.fcmApiBase(), ns.fcmProject(), ns.sendTimeout()),
          () -> Future.succeededFuture(token));
      channels.add(new FcmChannel(fcm, store.api()));
    }
    // SMS through Tencent Cloud when configured (NOTIFY_SMS_*); without it nothing is texted, the inbox has it all
    SmsChannel sms = ns.sms() == null ? null
        : new SmsChannel(new TencentSmsClient(web, ns.sms(), Clock.systemUTC()), new SmsTemplates(ns.smsTemplates()));
    if (sms != null) {
      channels.add(sms);
    }
    Delivery delivery = new Delivery(store, channels, sms, ns, clock);
    Accept accept = new Accept(store, ns, clock);
    reader = new OutboxReader(vertx, blocking, node, ns.senders(), e -> {
      Future<Void> f = e.isPush() ? delivery.deliver(e) : accept.accept(List.of(e));
      // an unexpected failure: retried with backoff like a transient channel failure; if even that cannot be
      // written, the entry stays pending and the sweeper takes it over
      return f.recover(err -> delivery.fail(e, "error: " + err, false));
    }, accept::accept);
    sweeper = new Sweeper(vertx, store, reader, node, ns.claimIdle().toMillis());
    scheduler = new Scheduler(vertx, store, clock, ns.weeklyCap());
    fanout = new ChangeFanout(vertx, blocking, store, node, ns.claimIdle().toMillis());
    return reader.start()
        .compose(v -> fanout.start())
        .onSuccess(v -> {
          scheduler.start();
          sweeper.start();
        });
  }

  @Override
  public Future<?> stop() {
    Future<Void> drained = Future.succeededFuture();
    if (scheduler != null) {
      scheduler.stop();
      sweeper.stop();
      fanout.stop();
      drained = reader.stop(5000);
    }
    return drained.eventually(() -> {
      if (wechat != null) {
        wechat.close();
      }
      if (web != null) {
        web.close();
      }
      if (blocking != null) {
        blocking.close();
      }
      return store == null ? Future.succeededFuture() : store.close();
    });
  }
}
