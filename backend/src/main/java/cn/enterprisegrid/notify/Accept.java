package cn.enterprisegrid.notify;

import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Accepts outbox notices, a batch per script: inbox item, funnel "pushed", and the buffer of the recipient's next
 * push, due after the digest window (policy notices) and outside the quiet hours (deferred, not dropped).
 */
final class Accept {
  private final Store store;
  private final NotifySettings settings;
  private final QuietHours quiet;
  private final Clock clock;

  Accept(Store store, NotifySettings settings, Clock clock) {
    this.store = store;
    this.settings = settings;
    this.quiet = new QuietHours(settings.quietStart(), settings.quietEnd(), settings.zone());
    this.clock = clock;
  }

  Future<Void> accept(List<OutboxEntry> notices) {
    Instant now = clock.instant();
    String policyDue = String.valueOf(quiet.deferUntil(now.plus(settings.digestWindow())).toEpochMilli());
    String otherDue = String.valueOf(quiet.deferUntil(now).toEpochMilli());
    List<String> args = new ArrayList<>(1 + notices.size() * 8);
    List<String> keys = new ArrayList<>(2 + notices.size() * 4);
    keys.add(NotifyKeys.OUTBOX);
    keys.add(NotifyKeys.DUE);
    args.add(String.valueOf(now.toEpochMilli()));
    for (OutboxEntry e : notices) {
      String kind = e.get("kind");
      if (e.get("to") == null || kind == null || e.get("uscc") == null || e.get("policy") == null
          || e.get("version") == null) {
        return Future.failedFuture(new IllegalArgumentException("notice " + e.id() + " lacks a field"));
      }
      String to = e.get("to");
      keys.addAll(List.of(NotifyKeys.items(to), NotifyKeys.inbox(to), NotifyKeys.buffer(to),
          NotifyKeys.funnel(e.get("policy"), "pushed")));
      args.addAll(List.of(e.id(), e.get("to"), e.get("uscc"), e.get("policy"), e.get("version"), kind,
          e.get("payload") == null ? "{}" : e.get("payload"), kind.startsWith("policy.") ? policyDue : otherDue));
    }
    return store.script("notify_accept", keys, args).mapEmpty();
  }
}
