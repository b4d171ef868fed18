package cn.enterprisegrid.calendar;

import static cn.enterprisegrid.http.Replies.json;

import cn.enterprisegrid.auth.Guard;
import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.Bodies;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.http.ContractRoutes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The working-day calendar of the console: {@code GET /api/v1/calendar/due} (N working days after
 * a date, as every deadline counts them), {@code GET|PUT /api/v1/calendar/{year}} (a year's State
 * Council schedule; put by a grid admin of the whole territory, audited).
 */
public final class CalendarConsoleRoutes {
  /** Working days a due-date question may span (more than a year of them, as the calendar allows). */
  static final int MAX_WORKING_DAYS = 400;

  private final CalendarStore calendars;
  private final Guard guard;

  public CalendarConsoleRoutes(CalendarStore calendars, Guard guard) {
    this.calendars = calendars;
    this.guard = guard;
  }

  public void register(ContractRoutes routes) {
    routes.operation("calendarDue", guard.roles(Role.GRID_ADMIN, Role.SUPERVISOR, Role.DEPT_HANDLER,
        Role.POLICY_AUTHOR, Role.LIAISON), ctx -> json(ctx, 200, due(ctx)));
    routes.operation("getCalendarYear", guard.roles(Role.GRID_ADMIN, Role.SUPERVISOR, Role.DEPT_HANDLER,
        Role.POLICY_AUTHOR, Role.LIAISON), ctx -> json(ctx, 200, year(ctx)));
    routes.operation("putCalendarYear", guard.roles(Role.GRID_ADMIN), ctx -> json(ctx, 200, put(ctx)));
  }

  private Future<JsonObject> due(RoutingContext ctx) {
    LocalDate from = date(ctx.request().getParam("from"), "/from");
    int n = intParam(ctx.request().getParam("workingDays"));
    return calendars.calendar().map(cal -> {
      try {
        return new JsonObject().put("from", from.toString()).put("workingDays", n)
            .put("due", cal.addWorkingDays(from, n).toString());
      } catch (MissingYear e) {
        throw e.problem();
      }
    });
  }

  private Future<JsonObject> year(RoutingContext ctx) {
    int year = Integer.parseInt(ctx.pathParam("year"));
    return calendars.calendar().map(cal -> {
      if (!cal.covers(year)) {
        throw ProblemException.notFound(Text.of("calendar.no-year", year));
      }
      JsonArray days = new JsonArray();
      cal.listed(year).forEach(d -> days.add(new JsonObject().put("date", d.date().toString())
          .put("kind", d.kind().name()).put("name", d.name())));
      return new JsonObject().put("year", year).put("days", days);
    });
  }

  private Future<JsonObject> put(RoutingContext ctx) {
    Principal p = Guard.principal(ctx);
    if (p.scope().region() != null) {
      // the calendar is national: one office of a township must not move every deadline
      throw ProblemException.forbidden(Text.of("calendar.admin-only"));
    }
    int year = Integer.parseInt(ctx.pathParam("year"));
    JsonArray rows = Bodies.object(ctx).getJsonArray("rows");
    StringBuilder csv = new StringBuilder("date,kind,name\n");
    for (int i = 0; i < rows.size(); i++) {
      JsonObject r = rows.getJsonObject(i);
      String name = r.getString("name");
      if (name.contains(",") || name.contains("\n")) {
        throw ProblemException.invalid("/rows/" + i + "/name", Text.of("calendar.name-chars"));
      }
      csv.append(r.getString("date")).append(',').append(r.getString("kind")).append(',').append(name).append('\n');
    }
    return calendars.put(year, csv.toString(), p.actor());
  }

  private static LocalDate date(String s, String pointer) {
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException | NullPointerException e) {
      throw ProblemException.badRequest(pointer, Text.of("field.date"));
    }
  }

  private static int intParam(String s) {
    try {
      int n = Integer.parseInt(s);
      if (n >= 0 && n <= MAX_WORKING_DAYS) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ProblemException.badRequest("/workingDays", Text.of("field.whole-range", "workingDays", 0, MAX_WORKING_DAYS));
  }
}
