package cn.enterprisegrid.problem;

import cn.enterprisegrid.audit.AuditKeys;
import cn.enterprisegrid.calendar.WorkingCalendar;
import cn.enterprisegrid.http.Problem.FieldError;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.store.Hashes;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bulletins of an office: its thresholds, kept in Redis per region prefix (an office without
 * its own uses {@link BulletinThresholds#DEFAULTS}), and the bulletin of a report ({@link Bulletin}).
 */
public final class Bulletins {
  private final Store store;
  private final ProblemReports reports;
  private final Clock clock;

  public Bulletins(Store store, ProblemReports reports, Clock clock) {
    this.store = store;
    this.reports = reports;
    this.clock = clock;
  }

  /** The thresholds of the office of {@code region} (null: the whole territory). */
  public Future<BulletinThresholds> thresholds(String region) {
    return store.api().hgetall(ProblemKeys.bulletinThresholds(region)).map(r -> BulletinThresholds.from(Hashes.flat(r)));
  }

  /** Sets members of the office's thresholds (422 naming a bad member); answers the thresholds now in force. */
  public Future<BulletinThresholds> putThresholds(String region, JsonObject body, String actor) {
    return thresholds(region).compose(current -> {
      List<FieldError> errors = new ArrayList<>();
      Map<String, String> set = BulletinThresholds.patch(current, body == null ? new JsonObject() : body, errors);
      if (!errors.isEmpty()) {
        return Future.failedFuture(ProblemException.invalid(errors));
      }
      String key = ProblemKeys.bulletinThresholds(region);
      JsonArray flat = new JsonArray();
      set.forEach((k, v) -> flat.add(k).add(v));
      return store.script("problem_bulletin_thresholds", AuditKeys.with(List.of(key), AuditKeys.journal(actor, key)),
          List.of(flat.encode(), actor, key)).compose(r -> thresholds(region));
    });
  }

  /** The bulletin of the report {@link ProblemReports#report} answers for these arguments, published today. */
  public Future<JsonObject> bulletin(String region, String department, LocalDate from, LocalDate to,
      ProblemReports.GroupBy groupBy) {
    return Future.all(reports.report(region, department, from, to, groupBy), thresholds(region))
        .map(both -> Bulletin.of(both.resultAt(0), both.resultAt(1), LocalDate.ofInstant(clock.instant(),
            WorkingCalendar.ZONE)));
  }
}
