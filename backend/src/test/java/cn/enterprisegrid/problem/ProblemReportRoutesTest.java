package cn.enterprisegrid.problem;

import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.calendar.WorkingCalendar;
import cn.enterprisegrid.testing.TestBackend;
import cn.enterprisegrid.testing.WithBackend;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/** The report routes over HTTP: each role's scope, the formats by parameter and by Accept, the file's name. */
@WithBackend
class ProblemReportRoutesTest {
  static TestBackend app;
  static WebClient client;
  static String county;
  static String supervisor;
  static String handler;
  static String period;

  @BeforeAll
  static void start() {
    ProblemFixture fx = new ProblemFixture(app);
    LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
    period = "?from=" + today + "&to=" + today;
    // filed now: two in 桐村镇 (one dispatched to A), one in 新新街道 dispatched to A
    String a = file(fx, ReportData.T1);
    file(fx, ReportData.T1);
    String b = file(fx, ReportData.OTHER);
    for (String id : List.of(a, b)) {
      fx.problems.step(id, Step.ACCEPT, StepArgs.none(), "admin").await();
      fx.problems.step(id, Step.DISPATCH, StepArgs.dispatch(ReportData.A, Complexity.ORDINARY), "admin").await();
    }
    String root = app.adminToken();
    app.createAccount(root, "rep.admin", "GRID_ADMIN", new JsonObject().put("region", "330824"));
    app.createAccount(root, "rep.sup", "SUPERVISOR", new JsonObject().put("region", "330802"));
    app.createAccount(root, "rep.dept", "DEPT_HANDLER", new JsonObject().put("department", ReportData.A));
    county = app.login("rep.admin", "secret-pass-1");
    supervisor = app.login("rep.sup", "secret-pass-1");
    handler = app.login("rep.dept", "secret-pass-1");
    client = WebClient.create(app.vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(app.port));
  }

  static String file(ProblemFixture fx, String township) {
    return fx.problems.file(new ProblemStore.Intake(ProblemFixture.uscc(), township, ProblemStore.Source.FIRM,
        "FINANCING", "贷款审批慢", "企业申请流动资金贷款两个月未有答复", List.of(), false), "admin").await().getString("id");
  }

  static HttpResponse<Buffer> get(String path, String token, String accept) {
    var req = client.get(path).putHeader("Authorization", "Bearer " + token);
    if (accept != null) {
      req.putHeader("Accept", accept);
    }
    return req.send().await();
  }

  @Test
  void eachRoleSeesItsScope() {
    JsonObject mine = get("/api/v1/reports/problems" + period + "&groupBy=township", county, null).bodyAsJsonObject();
    assertThat(mine.getJsonObject("totals").getLong("received")).isEqualTo(2);
    assertThat(mine.getJsonArray("rows").getJsonObject(0).getString("name")).isEqualTo("桐村镇");
    JsonObject other = get("/api/v1/reports/problems" + period, supervisor, null).bodyAsJsonObject();
    assertThat(other.getJsonObject("totals").getLong("received")).isEqualTo(1);
    JsonObject dept = get("/api/v1/reports/problems" + period, handler, null).bodyAsJsonObject();
    assertThat(dept.getJsonArray("rows")).hasSize(1);
    assertThat(dept.getJsonArray("rows").getJsonObject(0).getString("key")).isEqualTo(ReportData.A);
    assertThat(dept.getJsonObject("totals").getLong("received")).isEqualTo(2);
  }

  @Test
  void csvByParameterAndXlsxByAccept() throws Exception {
    HttpResponse<Buffer> csv = get("/api/v1/reports/bulletins" + period + "&format=csv", county, null);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.getHeader("Content-Type")).isEqualTo("text/csv; charset=utf-8");
    assertThat(csv.getHeader("Content-Disposition")).startsWith("attachment; filename=\"problems-")
        .contains("filename*=UTF-8''%E4%BC%81%E4%B8%9A%E8%AF%89%E6%B1%82");
    String text = csv.bodyAsString(StandardCharsets.UTF_8.name());
    assertThat(text).startsWith("\uFEFF排名,部门,代码,通报,收到诉求数");

    HttpResponse<Buffer> xlsx = get("/api/v1/reports/problems" + period, county, ReportXlsx.MEDIA_TYPE);
    assertThat(xlsx.statusCode()).isEqualTo(200);
    assertThat(xlsx.getHeader("Content-Type")).isEqualTo(ReportXlsx.MEDIA_TYPE);
    assertThat(xlsx.getHeader("Content-Disposition")).endsWith(".xlsx");
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body().getBytes()))) {
      assertThat(wb.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("开化县企业诉求办理情况统计表");
    }
    JsonObject bulletin = get("/api/v1/reports/bulletins" + period, county, "application/json").bodyAsJsonObject();
    assertThat(bulletin.getString("title")).isEqualTo("开化县企业诉求办理部门双色通报");
  }

  @Test
  void aReversedPeriodIsRefusedInChinese() {
    HttpResponse<Buffer> r = get("/api/v1/reports/problems?from=2026-03-31&to=2026-03-01", county, null);
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.bodyAsString()).contains("起始日期不能晚于截止日期");
  }
}
