package cn.enterprisegrid.mp.wechat.fake;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the fake does to requests before answering them: counts them per path, delays them, or
 * answers with a queued fault (an errcode, an HTTP error page, or "system busy"). Thread-safe.
 */
final class FaultPlan {
  private record Fault(int errcode, int httpStatus) {
  }

  private final Map<String, Integer> calls = new HashMap<>();
  private final Map<String, Deque<Fault>> faults = new HashMap<>();
  private final Map<String, Deque<Long>> delays = new HashMap<>();
  private int busy;

  synchronized void failNext(String path, int errcode) {
    faults.computeIfAbsent(path, p -> new ArrayDeque<>()).add(new Fault(errcode, 0));
  }

  synchronized void failNextHttp(String path, int status) {
    faults.computeIfAbsent(path, p -> new ArrayDeque<>()).add(new Fault(0, status));
  }

  synchronized void delayNext(String path, long ms) {
    delays.computeIfAbsent(path, p -> new ArrayDeque<>()).add(ms);
  }

  synchronized void busyFor(int n) {
    busy = n;
  }

  synchronized int calls(String path) {
    return calls.getOrDefault(path, 0);
  }

  synchronized void reset() {
    calls.clear();
    faults.clear();
    delays.clear();
    busy = 0;
  }

  /** Counts the request, waits any queued delay, then answers a queued fault or runs {@code handler}. */
  void serve(Vertx vertx, RoutingContext ctx, Consumer<RoutingContext> handler) {
    String path = ctx.request().path();
    long delay;
    synchronized (this) {
      calls.merge(path, 1, Integer::sum);
      Deque<Long> queue = delays.get(path);
      delay = queue == null || queue.isEmpty() ? 0 : queue.poll();
    }
    if (delay > 0) {
      vertx.setTimer(delay, id -> handleNow(ctx, path, handler));
    } else {
      handleNow(ctx, path, handler);
    }
  }

  private void handleNow(RoutingContext ctx, String path, Consumer<RoutingContext> handler) {
    Fault fault;
    boolean systemBusy;
    synchronized (this) {
      systemBusy = busy > 0;
      if (systemBusy) {
        busy--;
      }
      Deque<Fault> queue = faults.get(path);
      fault = systemBusy || queue == null ? null : queue.poll();
    }
    if (systemBusy) {
      WeChatReplies.error(ctx, -1, "system error");
    } else if (fault != null && fault.httpStatus() != 0) {
      if (!ctx.response().closed()) {
        ctx.response().setStatusCode(fault.httpStatus()).putHeader("Content-Type", "text/html")
          .end("<html><body>" + fault.httpStatus() + " fake failure</body></html>");
      }
    } else if (fault != null) {
      WeChatReplies.error(ctx, fault.errcode());
    } else {
      handler.accept(ctx);
    }
  }
}
