package cn.enterprisegrid.problem;

import io.vertx.core.json.JsonObject;

import java.time.LocalDate;

/** A {@link CaseClock} as the JSON kept in the case hash's {@code clock} field. */
final class ClockJson {
  private ClockJson() {}

  static JsonObject encode(CaseClock c) {
    return new JsonObject().put("accept", deadline(c.accept())).put("firstReport", deadline(c.firstReport()))
        .put("resolve", deadline(c.resolve())).put("verify", deadline(c.verify()))
        .put("suspendedSince", c.suspendedSince() == null ? null : c.suspendedSince().toString())
        .put("suspendedWorkingDays", c.suspendedWorkingDays());
  }

  static CaseClock decode(JsonObject j) {
    String since = j.getString("suspendedSince");
    return new CaseClock(deadline(j.getJsonObject("accept")), deadline(j.getJsonObject("firstReport")),
        deadline(j.getJsonObject("resolve")), deadline(j.getJsonObject("verify")),
        since == null ? null : LocalDate.parse(since), j.getInteger("suspendedWorkingDays", 0));
  }

  private static JsonObject deadline(Deadline d) {
    if (d == null) {
      return null;
    }
    return new JsonObject().put("kind", d.kind().name()).put("start", d.start().toString())
        .put("workingDays", d.workingDays()).put("due", d.due().toString()).put("warnOn", d.warnOn().toString())
        .put("met", d.met());
  }

  private static Deadline deadline(JsonObject j) {
    if (j == null) {
      return null;
    }
    return new Deadline(Deadline.Kind.valueOf(j.getString("kind")), LocalDate.parse(j.getString("start")),
        j.getInteger("workingDays"), LocalDate.parse(j.getString("due")), LocalDate.parse(j.getString("warnOn")),
        j.getBoolean("met"));
  }
}
