package cn.enterprisegrid.problem;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;

import java.time.Instant;
import java.util.Map;

/**
 * A case as a person reads it: status and labels in Chinese, deadlines as dates, overdue now (a
 * merged case's own deadlines stand), the merge ({@code mergedInto}, {@code merged}), the possibly
 * same cases found at filing ({@code similar}), the rating's appeals, history.
 */
final class ProblemView {
  private ProblemView() {}

  static JsonObject of(Map<String, String> h, Response history, Categories categories, Instant now) {
    return of(h, ClockJson.decode(new JsonObject(h.get("clock"))), history, categories, now);
  }

  /** {@link #of(Map, Response, Categories, Instant)} with the case's clock {@code c} at hand (not decoded again). */
  static JsonObject of(Map<String, String> h, CaseClock c, Response history, Categories categories, Instant now) {
    ProblemStatus status = ProblemStatus.valueOf(h.get("status"));
    String category = h.get("category");
    JsonObject out = new JsonObject().put("id", h.get("id")).put("status", status.name())
        .put("statusLabel", status.label()).put("category", category)
        .put("categoryLabel", categories.byCode(category).map(Category::label).orElse(category))
        .put("title", h.get("title")).put("description", h.get("description"))
        .put("attachments", new JsonArray(h.getOrDefault("attachments", "[]")))
        .put("anonymous", "1".equals(h.get("anonymous"))).put("uscc", h.get("uscc"))
        .put("township", h.get("township")).put("source", h.get("source"))
        .put("department", h.get("department")).put("pendingDepartment", h.get("pendingDepartment"))
        .put("dispatchNo", h.get("dispatchNo")).put("handler", h.get("handler")).put("version", Integer.parseInt(h.get("version")))
        .put("filedAt", h.get("filedAt")).put("updatedAt", h.get("updatedAt"));
    if (h.get("complexity") != null) {
      Complexity x = Complexity.valueOf(h.get("complexity"));
      out.put("complexity", x.name()).put("complexityLabel", x.label());
    }
    if (h.get("rating") != null) {
      Rating r = Rating.valueOf(h.get("rating"));
      out.put("rating", r.name()).put("ratingLabel", r.label());
    }
    if (h.get("beforeSuspension") != null) {
      out.put("beforeSuspension", h.get("beforeSuspension"));
    }
    if (h.get("extensionRequest") != null) {
      out.put("extensionRequest", new JsonObject(h.get("extensionRequest")));
    }
    for (String f : new String[] {"reason", "resolution", "resolvedAt", "ratedAt", "autoCloseOn", "autoClosedAt",
        "mergedInto", "mergedAt"}) {
      if (h.get(f) != null) {
        out.put(f, h.get(f));
      }
    }
    out.put("merged", new JsonArray(h.getOrDefault("merged", "[]")))
        .put("similar", new JsonArray(h.getOrDefault("similar", "[]")))
        .put("appeals", new JsonArray(h.getOrDefault("appeals", "[]")))
        .put("ratingExcluded", "1".equals(h.get("ratingExcluded")));
    out.put("deadlines", new JsonObject().put("accept", due(c.accept())).put("firstReport", due(c.firstReport()))
        .put("resolve", due(c.resolve())).put("verify", due(c.verify())));
    out.put("suspendedSince", c.suspendedSince() == null ? null : c.suspendedSince().toString())
        .put("suspendedWorkingDays", c.suspendedWorkingDays())
        .put("overdue", CaseFields.effective(h, c).overdue(now));
    out.put("fired", CaseFields.fired(h).stream().toList());
    JsonArray items = new JsonArray();
    if (history != null) {
      for (Response e : history) {
        Response fields = e.get(1);
        JsonObject item = new JsonObject().put("id", e.get(0).toString());
        for (int i = 0; i + 1 < fields.size(); i += 2) {
          item.put(fields.get(i).toString(), fields.get(i + 1).toString());
        }
        items.add(item);
      }
    }
    return out.put("history", items);
  }

  private static String due(Deadline d) {
    return d == null ? null : d.due().toString();
  }
}
