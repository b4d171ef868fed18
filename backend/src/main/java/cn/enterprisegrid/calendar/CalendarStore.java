package cn.enterprisegrid.calendar;

import cn.enterprisegrid.audit.AuditKeys;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.store.Hashes;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The working-day calendar: the bundled schedules ({@link Schedules#bundled()}) with the years an
 * administrator put into Redis on top (hash {@code calendar:YEAR}, one field per listed date). A
 * year in Redis replaces the bundled one of the same year. Every deadline reads it, so it is held for
 * {@link #HOLD_MS} after a read (a year put on another node is counted within that time; a put on
 * this store is counted at once).
 */
public final class CalendarStore {
  private static final List<YearSchedule> BUNDLED = Schedules.bundled();

  /** How long a read calendar is reused. */
  static final long HOLD_MS = 5_000;

  private final Store store;
  private volatile Held held;

  private record Held(WorkingCalendar calendar, long readAt) {}

  public CalendarStore(Store store) {
    this.store = store;
  }

  /**
   * Stores one year's schedule (the State Council file format), audited as {@code actor}.
   *
   * @return the year's rows as stored: {@code {year, days}}
   */
  public Future<JsonObject> put(int year, String csv, String actor) {
    YearSchedule schedule;
    try {
      schedule = Schedules.parse(year, csv);
    } catch (Schedules.BadRow e) {
      return Future.failedFuture(ProblemException.invalid("/csv", e.detail()));
    }
    JsonObject rows = new JsonObject();
    schedule.days().values().stream().sorted((a, b) -> a.date().compareTo(b.date()))
        .forEach(d -> rows.put(d.date().toString(), d.kind() + "," + d.name()));
    List<String> keys = AuditKeys.with(List.of(CalendarKeys.year(year), CalendarKeys.YEARS),
        AuditKeys.journal(actor, CalendarKeys.target(year)));
    return store.script("calendar_put", keys, List.of(String.valueOf(year), rows.encode(), actor))
        .onComplete(r -> held = null)
        .compose(r -> r.ok() ? Future.succeededFuture(new JsonObject().put("year", year).put("days", rows.size()))
            : Future.failedFuture(ProblemException.conflict(r.error(), Text.refusal("calendar", r.error(), r.detail()))));
  }

  /** The bundled years merged with the ones held in Redis (as read at most {@link #HOLD_MS} ago). */
  public Future<WorkingCalendar> calendar() {
    Held h = held;
    long now = System.currentTimeMillis();
    if (h != null && now - h.readAt() < HOLD_MS) {
      return Future.succeededFuture(h.calendar());
    }
    return read().onSuccess(cal -> held = new Held(cal, now));
  }

  private Future<WorkingCalendar> read() {
    return store.api().smembers(CalendarKeys.YEARS).compose(members -> {
      List<Integer> years = new ArrayList<>();
      members.forEach(m -> years.add(Integer.parseInt(m.toString())));
      List<Future<Response>> loads = new ArrayList<>();
      years.forEach(y -> loads.add(store.api().hgetall(CalendarKeys.year(y))));
      return Future.all(loads).map(all -> {
        WorkingCalendar cal = WorkingCalendar.of(BUNDLED);
        for (int i = 0; i < years.size(); i++) {
          cal = cal.with(schedule(years.get(i), Hashes.flat(all.resultAt(i))));
        }
        return cal;
      });
    });
  }

  private static YearSchedule schedule(int year, Map<String, String> rows) {
    Map<LocalDate, YearSchedule.Day> days = new LinkedHashMap<>();
    rows.forEach((date, value) -> {
      int comma = value.indexOf(',');
      LocalDate d = LocalDate.parse(date);
      days.put(d, new YearSchedule.Day(d, YearSchedule.Kind.valueOf(value.substring(0, comma)),
          value.substring(comma + 1)));
    });
    return new YearSchedule(year, days);
  }
}
