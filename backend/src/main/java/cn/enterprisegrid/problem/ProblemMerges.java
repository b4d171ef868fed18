package cn.enterprisegrid.problem;

import cn.enterprisegrid.audit.AuditKeys;
import cn.enterprisegrid.calendar.MissingYear;
import cn.enterprisegrid.calendar.WorkingCalendar;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.store.ScriptResult;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Merged cases (共性问题): {@link Step#MERGE} and the following of a target by its merged cases.
 * Source and target live on different hash slots, so a merge is two scripts, each on one case:
 * first the target lists the source ({@code problem_link.lua}, compare-and-set on the target's
 * version, which it bumps: a target merged elsewhere meanwhile is seen), then the source's own
 * MERGE step sets {@code mergedInto}; a refused second half takes the link back, and a merge
 * retried after a crash completes what is missing. A target's step that its cases follow (a
 * dispatch, an accepted transfer, a resolution, a reopening or re-dispatch) is kept as its {@code
 * lead} and its id put on {@code problems:follow} in the same script; each merged case then takes
 * the lead in a script of its own, at most once (its {@code followed} version), and the target
 * leaves {@code problems:follow} when all did. The store follows right after the step; {@link
 * ProblemClock} retries what a crash left.
 */
final class ProblemMerges {
  private final ProblemStore s;

  ProblemMerges(ProblemStore s) {
    this.s = s;
  }

  Future<JsonObject> merge(String id, StepArgs a, String actor) {
    return merge(id, a, actor, 1);
  }

  private Future<JsonObject> merge(String id, StepArgs a, String actor, int n) {
    String into = a.into();
    if (into == null || into.isBlank()) {
      return Future.failedFuture(ProblemException.invalid("/into", Text.of("problem.into-required")));
    }
    if (into.equals(id)) {
      return Future.failedFuture(ProblemException.invalid("/into", Text.of("problem.merge-self")));
    }
    Instant now = s.clock().instant();
    return Future.all(s.load(id), s.load(into), s.calendars().calendar()).compose(all -> {
      Map<String, String> h = all.resultAt(0);
      Map<String, String> target = all.resultAt(1);
      WorkingCalendar cal = all.resultAt(2);
      if (h.isEmpty()) {
        return Future.failedFuture(ProblemException.notFound(Text.of("problem.no-problem", id)));
      }
      if (into.equals(h.get("mergedInto"))) {
        // merged already (a retry after a crash, or twice): only what may be missing is done
        return link(into, target, id, actor, now).compose(r -> "stale".equals(r.error()) && n < ProblemStore.ATTEMPTS
            ? merge(id, a, actor, n + 1) : follow(into).compose(x -> s.answer(id, now)));
      }
      try {
        StepRules.apply(h, Step.MERGE, a, cal, s.categories(), now);
        StepRules.checkTarget(target, into);
      } catch (StepRefused e) {
        return Future.failedFuture(e.problem());
      } catch (MissingYear e) {
        return Future.failedFuture(e.problem());
      } catch (ProblemException e) {
        return Future.failedFuture(e);
      }
      return link(into, target, id, actor, now).compose(r -> {
        if ("stale".equals(r.error())) {
          if (n < ProblemStore.ATTEMPTS) {
            ProblemStore.RETRIES.incrementAndGet();
            return merge(id, a, actor, n + 1);
          }
          return Future.failedFuture(ProblemException.conflict("stale", Text.refusal("problem", "stale", r.detail())));
        }
        if (!r.ok()) {
          return Future.failedFuture(ProblemException.conflict(r.error(), Text.refusal("problem", r.error(), r.detail())));
        }
        boolean linked = r.json().getBoolean("linked", false);
        return s.attempt(id, Step.MERGE, a, actor, 1)
            .recover(err -> (linked ? unlink(into, id, actor) : Future.<ScriptResult>succeededFuture(null))
                .compose(x -> Future.failedFuture(err)))
            .compose(v -> follow(into))
            .compose(x -> s.answer(id, s.clock().instant()));
      });
    });
  }

  /** Lists {@code follower} on the target read as {@code target}; answers the script's result. */
  private Future<ScriptResult> link(String into, Map<String, String> target, String follower, String actor,
      Instant now) {
    if (target.isEmpty()) {
      return Future.failedFuture(ProblemException.invalid("/into", Text.of("problem.no-problem", into)));
    }
    ProblemStatus status = ProblemStatus.valueOf(target.get("status"));
    int version = Integer.parseInt(target.get("version")) + 1;
    JsonArray history = CaseFields.entry("MERGE_IN", "合并（诉求" + follower + "并入本诉求）", actor, now, status, "")
        .add("follower").add(follower);
    List<String> keys = AuditKeys.with(List.of(ProblemKeys.problem(into), ProblemKeys.history(into)),
        AuditKeys.journal(actor, ProblemKeys.target(into)));
    JsonObject change = payload(into, target, status, version);
    if (!change.getJsonArray("merged").contains(follower)) {
      change.getJsonArray("merged").add(follower);
    }
    return s.store().script("problem_link", keys, List.of(into, target.get("version"), follower, history.encode(),
        actor, ProblemKeys.target(into), change.encode()));
  }

  private Future<ScriptResult> unlink(String into, String follower, String actor) {
    Instant now = s.clock().instant();
    return s.load(into).compose(target -> {
      if (target.isEmpty()) {
        return Future.succeededFuture(null);
      }
      ProblemStatus status = ProblemStatus.valueOf(target.get("status"));
      int version = Integer.parseInt(target.get("version")) + 1;
      JsonArray history = CaseFields.entry("MERGE_UNDO", "撤销合并（诉求" + follower + "未能并入）", actor, now,
          status, "").add("follower").add(follower);
      List<String> keys = AuditKeys.with(List.of(ProblemKeys.problem(into), ProblemKeys.history(into)),
          AuditKeys.journal(actor, ProblemKeys.target(into)));
      return s.store().script("problem_unlink", keys, List.of(into, follower, history.encode(), actor,
          ProblemKeys.target(into), payload(into, target, status, version).encode()));
    });
  }

  Future<Integer> follow(String target) {
    return Future.all(s.load(target), s.calendars().calendar()).compose(both -> {
      Map<String, String> h = both.resultAt(0);
      WorkingCalendar cal = both.resultAt(1);
      if (h.isEmpty() || h.get("lead") == null) {
        return done(target, "").map(0);
      }
      JsonObject lead = new JsonObject(h.get("lead"));
      List<Future<Integer>> each = new ArrayList<>();
      for (String id : StepRules.merged(h)) {
        each.add(followOne(id, target, lead, cal, 1));
      }
      return Future.all(each).compose(all -> done(target, String.valueOf(lead.getInteger("version")))
          .map(each.stream().mapToInt(Future::result).sum()));
    });
  }

  /** One merged case takes the lead (its own script run); 1 when it did now, 0 when it had. */
  private Future<Integer> followOne(String id, String target, JsonObject lead, WorkingCalendar cal, int n) {
    Instant now = s.clock().instant();
    return s.load(id).compose(h -> {
      if (h.isEmpty()) {
        return Future.succeededFuture(0);
      }
      Change ch;
      try {
        ch = StepRules.follow(h, target, lead, cal, s.categories(), now);
      } catch (MissingYear e) {
        return Future.failedFuture(e.problem());
      }
      if (ch == null) {
        return Future.succeededFuture(0);
      }
      return s.run(id, h, ch, lead.getString("actor"), now).compose(r -> {
        if (r.ok()) {
          return Future.succeededFuture(1);
        }
        if ("stale".equals(r.error()) && n < ProblemStore.ATTEMPTS) {
          ProblemStore.RETRIES.incrementAndGet();
          return followOne(id, target, lead, cal, n + 1);
        }
        return Future.failedFuture(ProblemException.conflict(r.error(), Text.refusal("problem", r.error(), r.detail())));
      });
    });
  }

  /** The target leaves problems:follow unless a newer lead than {@code version} came meanwhile. */
  private Future<Void> done(String target, String version) {
    return s.store().script("problem_followed", List.of(ProblemKeys.problem(target), ProblemKeys.FOLLOW),
        List.of(target, version)).mapEmpty();
  }

  private static JsonObject payload(String id, Map<String, String> h, ProblemStatus status, int version) {
    return CaseFields.payload(id, status, version, h.get("category"), h.get("uscc"), h.getOrDefault("department", ""),
        h.getOrDefault("dispatchNo", "")).put("merged", new JsonArray(h.getOrDefault("merged", "[]")));
  }
}
