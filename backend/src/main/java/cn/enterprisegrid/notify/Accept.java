package cn.enterprisegrid.notify;

import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Accepts an outbox notice: inbox item, funnel "pushed", and the buffer of the recipient's next push, due after the
 * digest window (policy notices) and outside the quiet hours (deferred, not dropped).
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

  Future<Void> accept(OutboxEntry e) {
    String kind = e.get("kind");
    Instant now = clock.instant();
    Instant due = kind != null && kind.startsWith("policy.") ? now.plus(settings.digestWindow()) : now;
    due = quiet.deferUntil(due);
    return store.script("notify_accept", List.of(), List.of(e.id(), e.get("to"), e.get("uscc"), e.get("policy"),
        e.get("version"), kind, orEmpty(e.get("payload")), String.valueOf(now.toEpochMilli()),
        String.valueOf(due.toEpochMilli()))).mapEmpty();
  }

  private static String orEmpty(String s) {
    return s == null ? "{}" : s;
  }
}
