package cn.enterprisegrid.grid;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** Runs asynchronous tasks with at most a given number in flight; answers their results in order. */
final class Bounded {
  private Bounded() {
  }

  static <T, R> Future<List<R>> map(List<T> items, int inFlight, Function<T, Future<R>> task) {
    if (items.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Object[] results = new Object[items.size()];
    Promise<List<R>> done = Promise.promise();
    Object lock = new Object();
    int[] state = {0, 0}; // next to start, completed
    boolean[] failed = {false};
    Runnable[] startNext = new Runnable[1];
    startNext[0] = () -> {
      int i;
      synchronized (lock) {
        if (failed[0] || state[0] >= items.size()) {
          return;
        }
        i = state[0]++;
      }
      Future<R> f;
      try {
        f = task.apply(items.get(i));
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      f.onComplete(ar -> {
        boolean finished = false;
        boolean fail = false;
        synchronized (lock) {
          if (failed[0]) {
            return;
          }
          if (ar.failed()) {
            failed[0] = true;
            fail = true;
          } else {
            results[i] = ar.result();
            finished = ++state[1] == items.size();
          }
        }
        if (fail) {
          done.tryFail(ar.cause());
        } else if (finished) {
          @SuppressWarnings("unchecked")
          List<R> out = (List<R>) new ArrayList<>(Arrays.asList(results));
          done.tryComplete(out);
        } else {
          startNext[0].run();
        }
      });
    };
    for (int k = 0; k < Math.min(inFlight, items.size()); k++) {
      startNext[0].run();
    }
    return done.future();
  }
}
