package cn.enterprisegrid.problem;

import static cn.enterprisegrid.http.Replies.json;

import cn.enterprisegrid.auth.Guard;
import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.Bodies;
import cn.enterprisegrid.http.ContractRoutes;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.policyindex.reference.Divisions;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The console's problem reports: {@code GET /api/v1/reports/problems} (三率 per department or
 * township), {@code GET /api/v1/reports/bulletins} (the red/green bulletin) and {@code GET|PUT
 * /api/v1/reports/bulletins/thresholds}. GRID_ADMIN and SUPERVISOR see the townships under their
 * region prefix, a DEPT_HANDLER its department's cases. A report or bulletin answers JSON, CSV or
 * XLSX by {@code format}, else by {@code Accept}; a file comes as an attachment named in Chinese.
 */
public final class ProblemReportConsoleRoutes {
  private final Vertx vertx;
  private final ProblemReports reports;
  private final Bulletins bulletins;
  private final Guard guard;

  public ProblemReportConsoleRoutes(Vertx vertx, Store store, Guard guard) {
    this.vertx = vertx;
    this.reports = new ProblemReports(store, Divisions.standard());
    this.bulletins = new Bulletins(store, reports, Clock.systemUTC());
    this.guard = guard;
  }

  public void register(ContractRoutes routes) {
    routes.operation("problemReport", guard.roles(Role.GRID_ADMIN, Role.SUPERVISOR, Role.DEPT_HANDLER), ctx -> {
      Query q = Query.of(ctx);
      answer(ctx, q, reports.report(q.region, q.department, q.from, q.to, q.groupBy), ReportTable::ofReport,
          "企业诉求报表");
    });
    routes.operation("problemBulletin", guard.roles(Role.GRID_ADMIN, Role.SUPERVISOR, Role.DEPT_HANDLER), ctx -> {
      Query q = Query.of(ctx);
      answer(ctx, q, bulletins.bulletin(q.region, q.department, q.from, q.to, q.groupBy), ReportTable::ofBulletin,
          "企业诉求双色通报");
    });
    routes.operation("getBulletinThresholds", guard.roles(Role.GRID_ADMIN, Role.SUPERVISOR),
        ctx -> json(ctx, 200, bulletins.thresholds(Guard.principal(ctx).scope().region())
            .map(BulletinThresholds::toJson)));
    routes.operation("putBulletinThresholds", guard.roles(Role.GRID_ADMIN), ctx -> {
      Principal p = Guard.principal(ctx);
      json(ctx, 200, bulletins.putThresholds(p.scope().region(), Bodies.object(ctx), p.actor())
          .map(BulletinThresholds::toJson));
    });
  }

  /** What a report call asks for, limited to the caller's scope. */
  private record Query(String region, String department, LocalDate from, LocalDate to,
      ProblemReports.GroupBy groupBy, String format) {

    static Query of(RoutingContext ctx) {
      Principal p = Guard.principal(ctx);
      String department = p.role() == Role.DEPT_HANDLER ? p.scope().department() : null;
      String by = ctx.request().getParam("groupBy");
      ProblemReports.GroupBy groupBy = "township".equals(by) ? ProblemReports.GroupBy.TOWNSHIP
          : ProblemReports.GroupBy.DEPARTMENT;
      LocalDate from = date(ctx, "from");
      LocalDate to = date(ctx, "to");
      ProblemReports.check(from, to);
      return new Query(p.scope().region(), department, from, to, groupBy, format(ctx));
    }

    private static LocalDate date(RoutingContext ctx, String name) {
      try {
        return LocalDate.parse(ctx.request().getParam(name));
      } catch (DateTimeParseException | NullPointerException e) {
        throw ProblemException.badRequest("/" + name, Text.of("field.date-named", name));
      }
    }

    /** {@code format}, else the first of the file types {@code Accept} names, else json. */
    private static String format(RoutingContext ctx) {
      String f = ctx.request().getParam("format");
      if (f != null && !f.isBlank()) {
        return f;
      }
      String accept = ctx.request().getHeader("Accept");
      if (accept != null && accept.contains(ReportXlsx.MEDIA_TYPE)) {
        return "xlsx";
      }
      if (accept != null && accept.contains(ReportCsv.MEDIA_TYPE)) {
        return "csv";
      }
      return "json";
    }
  }

  private void answer(RoutingContext ctx, Query q, Future<JsonObject> doc,
      java.util.function.Function<JsonObject, ReportTable> table, String name) {
    if ("json".equals(q.format)) {
      json(ctx, 200, doc);
      return;
    }
    String file = name + "_" + q.from + "_" + q.to + "." + q.format;
    Future<Buffer> body = "csv".equals(q.format)
        ? doc.map(d -> ReportCsv.write(table.apply(d)))
        : doc.compose(d -> vertx.executeBlocking(() -> ReportXlsx.write(table.apply(d), name), false));
    body.onSuccess(b -> ctx.response().setStatusCode(200)
            .putHeader("Content-Type", "csv".equals(q.format) ? ReportCsv.MEDIA_TYPE + "; charset=utf-8"
                : ReportXlsx.MEDIA_TYPE)
            .putHeader("Content-Disposition", disposition(file, "problems-" + q.from + "-" + q.to + "." + q.format))
            .end(b))
        .onFailure(ctx::fail);
  }

  /** RFC 6266 with the RFC 5987 UTF-8 name, and an ASCII name for clients that know no other. */
  static String disposition(String name, String ascii) {
    String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }
}
