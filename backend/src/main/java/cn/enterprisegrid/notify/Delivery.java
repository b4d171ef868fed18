package cn.enterprisegrid.notify;

import cn.enterprisegrid.auth.AccountKeys;
import cn.enterprisegrid.grid.GridKeys;
import cn.enterprisegrid.policy.PolicyKeys;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers one push entry to one address: a WeChat user of a firm through the channels of the user's preferences
 * (the next channel takes over when one cannot deliver; the inbox already holds the notice), or a liaison or
 * console account by SMS.
 * <p>
 * A push entry is claimed ({@code SET NX}) before the first channel is tried and marked done with the outcome.
 * An entry found claimed but not done was in flight when its node died: WeChat may or may not have received it,
 * and WeChat has no idempotency key, so it is not sent again (a push is delivered at most once; the inbox has it
 * in any case). Failures the channel reports as transient are retried with exponential backoff; permanent ones
 * (47003) move to the dead-letter stream.
 */
final class Delivery {
  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
  private static final long CLAIM_TTL_MS = 30L * 24 * 3600 * 1000;
  private static final List<String> DEFAULT_CHANNELS = List.of("wechat", "fcm", "sms");

  private final Store store;
  private final RedisAPI redis;
  private final Map<String, Channel> channels = new LinkedHashMap<>();
  /** Null when no SMS provider is configured. */
  private final SmsChannel sms;
  private final NotifySettings settings;
  private final Clock clock;

  Delivery(Store store, List<Channel> channels, SmsChannel sms, NotifySettings settings, Clock clock) {
    this.store = store;
    this.redis = store.api();
    channels.forEach(c -> this.channels.put(c.name(), c));
    this.sms = sms;
    this.settings = settings;
    this.clock = clock;
  }

  Future<Void> deliver(OutboxEntry e) {
    String addr = e.get("push");
    String openid = addr.startsWith("wx:") ? addr.substring(3) : "";
    return store.script("notify_begin",
            List.of(NotifyKeys.claim(e.id()), NotifyKeys.prefs(openid)),
            List.of(e.id(), String.valueOf(CLAIM_TTL_MS), openid))
        .compose(r -> {
          JsonObject answer = r.json();
          String state = answer.getString("state");
          if ("done".equals(state)) {
            return redis.xack(List.of(NotifyKeys.OUTBOX, NotifyKeys.GROUP, e.id())).mapEmpty();
          }
          if (!"new".equals(state)) {
            LOG.warn("push {} to {} was in flight when its node stopped; not sent again", e.id(), addr);
            return done(e, "uncertain", List.of());
          }
          Map<String, String> prefs = new HashMap<>();
          answer.getJsonObject("prefs").forEach(p -> prefs.put(p.getKey(), String.valueOf(p.getValue())));
          return push(e, openid, prefs);
        });
  }

  private Future<Void> push(OutboxEntry e, String openid, Map<String, String> prefs) {
    String to = e.get("to");
    String addr = e.get("push");
    JsonArray items = new JsonArray(e.get("items"));
    return lookups(to, items).compose(l -> {
      Message m = Wording.render(to, items, l.titles, l.counts);
      if (addr.startsWith("liaison:")) {
        return official(e, GridKeys.liaison(addr.substring("liaison:".length())), m);
      }
      if (addr.startsWith("account:")) {
        return official(e, AccountKeys.account(addr.substring("account:".length())), m);
      }
      if (csv(prefs.get("unsubscribed")).contains(m.category())) {
        return done(e, "unsubscribed", List.of());
      }
      List<String> order = prefs.containsKey("channels") ? csv(prefs.get("channels")) : DEFAULT_CHANNELS;
      return chain(e, openid, prefs, m, order, 0);
    });
  }

  private Future<Void> chain(OutboxEntry e, String openid, Map<String, String> prefs, Message m,
      List<String> order, int i) {
    if (i >= order.size()) {
      return done(e, "inbox", List.of());
    }
    Channel c = channels.get(order.get(i));
    if (c == null) {
      return chain(e, openid, prefs, m, order, i + 1);
    }
    return c.send(openid, prefs, m).compose(a -> {
      if (a instanceof Attempt.Delivered d) {
        return done(e, d.channel(), m.policies());
      } else if (a instanceof Attempt.Skipped s) {
        LOG.debug("push {}: {} skipped: {}", e.id(), c.name(), s.reason());
        return chain(e, openid, prefs, m, order, i + 1);
      } else if (a instanceof Attempt.Retry r) {
        return fail(e, r.reason(), false);
      } else {
        return fail(e, ((Attempt.Dead) a).reason(), true);
      }
    });
  }

  /**
   * A liaison or a console account: texted when the message has an SMS template (deadline warnings and
   * escalations) to the phone of its record ({@code phone} of {@code grid:l:ID} or of the account hash). Without a
   * phone the SMS is skipped and counted ({@code push.nophone}); the inbox has the notice either way.
   */
  private Future<Void> official(OutboxEntry e, String recordKey, Message m) {
    if (sms == null || !sms.texts(m)) {
      return done(e, "inbox", List.of());
    }
    return redis.hget(recordKey, "phone").compose(phone -> {
      if (phone == null || phone.toString().isBlank()) {
        LOG.info("push {} to {}: no phone, SMS skipped", e.id(), e.get("push"));
        return done(e, "nophone", List.of());
      }
      return sms.text(phone.toString(), m).compose(a -> {
        if (a instanceof Attempt.Delivered) {
          return done(e, "sms", List.of());
        } else if (a instanceof Attempt.Retry r) {
          return fail(e, r.reason(), false);
        } else if (a instanceof Attempt.Dead d) {
          return fail(e, d.reason(), true);
        }
        return done(e, "inbox", List.of());
      });
    });
  }

  /** Records the outcome and acknowledges the entry. */
  private Future<Void> done(OutboxEntry e, String outcome, List<String> policies) {
    List<String> args = new ArrayList<>(List.of(e.id(), outcome, e.get("to")));
    args.addAll(policies);
    List<String> keys = new ArrayList<>(List.of(NotifyKeys.OUTBOX, NotifyKeys.claim(e.id()), NotifyKeys.STATS));
    policies.forEach(p -> keys.add(NotifyKeys.funnel(p, "delivered")));
    return store.script("notify_done", keys, args).mapEmpty();
  }

  /** Schedules a retry with exponential backoff and jitter, or moves the entry to the dead letters. */
  Future<Void> fail(OutboxEntry e, String reason, boolean permanent) {
    long base = settings.retryBase().toMillis() << Math.min(e.attempt(), 16);
    long delay = Math.min(base, 600_000L);
    delay += ThreadLocalRandom.current().nextLong(delay / 5 + 1);
    long now = clock.millis();
    if (permanent) {
      LOG.warn("push {} to {} failed for good: {}", e.id(), e.get("push"), reason);
    }
    return store.script("notify_fail",
        List.of(NotifyKeys.OUTBOX, NotifyKeys.claim(e.id()), NotifyKeys.DEAD, NotifyKeys.RETRY, NotifyKeys.STATS), List.of(e.id(), e.fieldsJson().encode(),
        String.valueOf(e.attempt()), String.valueOf(settings.maxAttempts()), String.valueOf(now + delay), reason,
        permanent ? "1" : "0", String.valueOf(now))).mapEmpty();
  }

  private record Lookups(Map<String, String> titles, Map<String, Long> counts) {}

  /** Titles of policies whose notices carry none, and a liaison's firm counts per policy. */
  private Future<Lookups> lookups(String to, JsonArray items) {
    Map<String, String> titles = new HashMap<>();
    Map<String, Long> counts = new HashMap<>();
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonObject n = items.getJsonObject(i);
      String policy = n.getString("policy");
      String kind = n.getString("kind");
      if (Wording.payload(n).getString("title") == null) {
        all.add(redis.hget(PolicyKeys.policy(policy), "title").onSuccess(r -> {
          if (r != null) {
            titles.put(policy, r.toString());
          }
        }));
      }
      if (to.startsWith("liaison:") && kind.startsWith("policy.")) {
        all.add(redis.hget(NotifyKeys.liaisonCount(policy, n.getString("version"), kind),
            to.substring("liaison:".length())).onSuccess(r -> {
              if (r != null) {
                counts.put(policy, r.toLong());
              }
            }));
      }
    }
    return Future.all(all).map(v -> new Lookups(titles, counts));
  }

  static List<String> csv(String s) {
    if (s == null || s.isBlank()) {
      return List.of();
    }
    return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
  }
}
