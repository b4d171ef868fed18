package cn.enterprisegrid.console;

import cn.enterprisegrid.enterprise.Uscc;
import cn.enterprisegrid.testing.TestBackend;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The console in a real Chromium against the real backend with the demo data: per role, log in and
 * walk the main flow of the pages, check what a page shows against the API's answer, and fail on
 * any console error or failed request. Each page's screenshot is saved under
 * {@code ${backend.build.dir}/console-screenshots/} (a build artifact).
 * <p>
 * Without Chromium this fails in CI ({@code CI=true}) and is skipped elsewhere, saying what to install.
 */
@Tag("browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
  static final String PASSWORD = "demo-pass-2026";
  static final String JXJ = "开化县经济和信息化局";
  static final JsonObject TWO_LEVEL_RULE = new JsonObject().put("all", new JsonArray()
      .add(new JsonObject().put("field", "regionCode").put("op", "prefix").put("value", new JsonArray().add("330824")))
      .add(new JsonObject().put("any", new JsonArray()
          .add(new JsonObject().put("field", "tags").put("op", "hasAny").put("value", new JsonArray().add("专精特新")))
          .add(new JsonObject().put("field", "employees").put("op", "gte").put("value", 50)))));

  /** A failed test leaves a screenshot of where it stopped. */
  @RegisterExtension
  final TestWatcher onFailure = new TestWatcher() {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      if (browser != null) {
        browser.screenshot("FAILED-" + context.getRequiredTestMethod().getName());
      }
    }
  };

  static TestBackend app;
  static Browser browser;
  static String draftedPolicy;

  @BeforeAll
  static void start() throws Exception {
    if (!Browser.installed()) {
      String why = "Chromium and its driver are missing (" + Browser.CHROMIUM + ", " + Browser.CHROMEDRIVER
          + "): apt-get install chromium chromium-driver (.ci/run does)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(why);
      }
      Assumptions.abort(why);
    }
    app = TestBackend.start(true);
    Path shots = Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));
    browser = new Browser("http://localhost:" + app.port, shots);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (app != null) {
      app.close();
    }
  }

  @AfterEach
  void noConsoleErrors() {
    assertThat(browser.drainErrors()).as("browser console errors and failed requests").isEmpty();
  }

  void login(String username) {
    browser.logout();
    browser.type(By.id("login-username"), username);
    browser.type(By.id("login-password"), PASSWORD, Keys.ENTER);
    browser.until(d -> !URI.create(d.getCurrentUrl()).getPath().equals("/console/login"));
    browser.settled();
  }

  List<String> menu() {
    return browser.all(By.cssSelector(".ant-layout-sider .ant-menu-item")).stream().map(WebElement::getText).toList();
  }

  String token(String username) {
    return app.login(username, PASSWORD);
  }

  JsonObject api(String path, String username) {
    var r = app.get(path, token(username));
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  @Order(1)
  void adminSeesEveryMenuAndTheDashboardMatchesTheApi() {
    login("kh.admin");
    browser.waitForPath("/dashboard");
    assertThat(menu()).containsExactly("工作台", "企业画像", "企业导入", "惠企政策", "诉求办理", "审计日志");
    // the demo's pushes are still going out after the start: the page is loaded again until its
    // figures and the API's, read after them, agree
    browser.until(d -> {
      browser.open("/console/dashboard");
      browser.settled();
      String assigned = browser.find(By.cssSelector("[data-figure=assigned]")).getText();
      String pushed = browser.find(By.cssSelector("[data-figure=pushed]")).getText();
      browser.find(By.cssSelector("[data-figure=paid]"));
      JsonObject coverage = api("/api/v1/grid/coverage?limit=0&cellsLimit=0&liaisonsLimit=0", "kh.admin");
      JsonObject funnel = api("/api/v1/reports/funnel", "kh.admin");
      return assigned.equals(String.valueOf(coverage.getJsonObject("totals").getInteger("assigned")))
          && pushed.equals(String.valueOf(funnel.getJsonObject("total").getInteger("pushed")));
    });
    assertThat(browser.all(By.cssSelector("[data-chart] canvas"))).as("one ECharts canvas per chart").hasSizeGreaterThanOrEqualTo(6);
    browser.screenshot("01-admin-dashboard");
  }

  @Test
  @Order(2)
  void enterpriseFiltersLiveInTheUrlAndTheExportHasEveryFilteredRow() throws Exception {
    login("kh.admin");
    // a shared link opens the filtered listing
    browser.open("/console/enterprises?size=SMALL");
    browser.settled();
    JsonObject small = api("/api/v1/enterprises?size=SMALL&limit=20", "kh.admin");
    browser.waitForText(By.cssSelector(".result-total b"), String.valueOf(small.getInteger("total")));
    String firstName = small.getJsonArray("items").getJsonObject(0).getString("name");
    browser.waitForText(By.cssSelector(".ant-table-tbody"), firstName);

    browser.type(By.id("f-q"), "电子", Keys.ENTER);
    browser.until(d -> d.getCurrentUrl().contains("q=" + enc("电子")) && d.getCurrentUrl().contains("size=SMALL"));
    browser.settled();
    JsonObject filtered = api("/api/v1/enterprises?size=SMALL&q=" + enc("电子") + "&limit=20", "kh.admin");
    int total = filtered.getInteger("total");
    browser.waitForText(By.cssSelector(".result-total b"), String.valueOf(total));
    browser.screenshot("02-admin-enterprises");

    browser.press("导出 CSV");
    List<String> lines = Files.readAllLines(browser.downloaded(".csv").toPath(), StandardCharsets.UTF_8);
    assertThat(lines.get(0)).startsWith("\uFEFF统一社会信用代码,企业名称");
    assertThat(lines).hasSize(total + 1);

    browser.find(By.cssSelector(".ant-table-tbody a")).click();
    String uscc = filtered.getJsonArray("items").getJsonObject(0).getString("uscc");
    browser.waitForPath("/enterprises/" + uscc);
    browser.settled();
    JsonObject profile = api("/api/v1/enterprises/" + uscc, "kh.admin");
    browser.waitForText(By.cssSelector(".ant-page-header-heading-title"), profile.getString("name"));
    browser.waitForText(By.cssSelector(".ant-card"), "登记导入");
    browser.screenshot("03-admin-enterprise-profile");
  }

  @Test
  @Order(3)
  void adminImportsAFileWithABadRowAndSeesItRejected() throws Exception {
    login("kh.admin");
    browser.find(By.xpath("//a[normalize-space(.)='企业导入']")).click();
    browser.waitForPath("/enterprises/import");
    String good = Uscc.generate("330824", new Random(2026));
    Path csv = Files.createTempFile("import", ".csv");
    Files.writeString(csv, "统一社会信用代码,企业名称,regionCode,industryCode,establishedOn,employees\n"
        + good + ",开化浏览器测试电子有限公司,330824115,3985,2015-03-01,40\n"
        + "91330824BADBADBAD0,坏行测试有限公司,330824115,3985,2015-03-01,12\n", StandardCharsets.UTF_8);
    browser.driver.findElement(By.id("import-file")).sendKeys(csv.toString());
    browser.press("开始导入");
    browser.waitForText(By.cssSelector(".rejected-count"), "1");
    browser.waitForText(By.cssSelector(".rejected-table"), "3");
    browser.screenshot("04-admin-import-rejected-row");
    assertThat(api("/api/v1/enterprises/" + good, "kh.admin").getString("name")).isEqualTo("开化浏览器测试电子有限公司");
  }

  @Test
  @Order(4)
  void authorDraftsATwoLevelRuleSimulatesAndSubmits() {
    login("kh.jxj.author");
    browser.waitForPath("/policies");
    assertThat(menu()).containsExactly("惠企政策");
    browser.press("起草政策");
    browser.waitForPath("/policies/new");
    browser.type(By.id("p-title"), "智能制造技改奖励（浏览器测试）");
    browser.type(By.id("p-doc"), "开经信〔2026〕99号");
    browser.type(By.id("p-summary"), "专精特新或 50 人以上的本县企业，一次性奖励 10 万元。");
    browser.type(By.id("p-opens"), "2026-01-01");
    browser.type(By.id("p-closes"), "2027-12-31");
    browser.type(By.id("p-pool"), "500");
    browser.type(By.id("p-amount"), "10");

    // root: 区划 330824 (prefilled) AND a group: 资质标签 含任一 专精特新 OR 从业人数 ≥ 50
    browser.find(By.cssSelector(".rule-card .add-group")).click();
    WebElement group = browser.find(By.cssSelector(".rule-card .rule-node.any"));
    browser.choose(group.findElement(By.cssSelector(".leaf-field")), "资质标签");
    group.findElement(By.cssSelector(".leaf-value")).sendKeys("专精特新");
    group.findElement(By.cssSelector(".add-leaf")).click();
    WebElement second = browser.until(d -> {
      List<WebElement> fields = group.findElements(By.cssSelector(".leaf-field"));
      return fields.size() == 2 ? fields.get(1) : null;
    });
    browser.choose(second, "从业人数");
    group.findElements(By.cssSelector(".leaf-value")).get(1).sendKeys("50");

    browser.driver.findElement(By.id("btn-simulate")).click();
    JsonObject sim = app.post("/api/v1/policies/simulate", token("kh.jxj.author"),
        new JsonObject().put("eligibility", TWO_LEVEL_RULE)).bodyAsJsonObject();
    browser.waitForText(By.cssSelector(".sim-eligible .ant-statistic-content-value"), String.format("%,d", sim.getInteger("eligible")));
    browser.settled();
    browser.scrollTo(By.cssSelector("[data-simulation]"));
    browser.screenshot("05-author-policy-draft-simulated");

    browser.driver.findElement(By.id("btn-submit")).click();
    browser.find(By.cssSelector(".policy-status[data-status=IN_REVIEW]"));
    draftedPolicy = URI.create(browser.driver.getCurrentUrl()).getPath().replace("/console/policies/", "");
    JsonObject stored = api("/api/v1/policies/" + draftedPolicy, "kh.jxj.author");
    assertThat(stored.getString("status")).isEqualTo("IN_REVIEW");
    assertThat(stored.getJsonObject("draft").getJsonObject("eligibility")).isEqualTo(TWO_LEVEL_RULE);
    browser.settled();
    browser.screenshot("06-author-policy-submitted");
  }

  @Test
  @Order(5)
  void reviewerOfTheDepartmentPublishes() {
    assertThat(draftedPolicy).as("the author's draft of the previous step").isNotNull();
    login("kh.jxj.reviewer");
    browser.open("/console/policies/" + draftedPolicy);
    browser.find(By.cssSelector(".policy-status[data-status=IN_REVIEW]"));
    browser.press("审核通过并发布");
    browser.find(By.cssSelector(".policy-status[data-status=PUBLISHED]"));
    assertThat(api("/api/v1/policies/" + draftedPolicy, "kh.jxj.reviewer").getString("status")).isEqualTo("PUBLISHED");
    browser.settled();
    browser.screenshot("07-reviewer-policy-published");
  }

  @Test
  @Order(6)
  void handlerTakesAProblemToResolved() {
    String id = dispatchedToHandler();
    login("kh.rsj.handler");
    browser.waitForPath("/problems");
    assertThat(menu()).containsExactly("诉求办理");
    browser.find(By.cssSelector(".board-col[data-status=DISPATCHED]"));
    browser.settled();
    browser.screenshot("08-handler-problem-board");
    browser.open("/console/problems/" + id);
    browser.find(By.cssSelector(".problem-status[data-status=DISPATCHED]"));
    browser.type(By.id("step-note"), "已联系企业，安排技能培训对接");
    browser.press("报告进展");
    browser.find(By.cssSelector(".problem-status[data-status=IN_PROGRESS]"));
    browser.type(By.id("step-note"), "已组织数控技工专场招聘会，企业招到 6 人");
    browser.press("办结");
    browser.find(By.cssSelector(".problem-status[data-status=RESOLVED]"));
    assertThat(api("/api/v1/problems/" + id, "kh.rsj.handler").getString("status")).isEqualTo("RESOLVED");
    browser.settled();
    browser.screenshot("09-handler-problem-resolved");
  }

  /** A case dispatched to 人社局: one from the demo data, else an admin accepts and dispatches one. */
  String dispatchedToHandler() {
    JsonArray mine = api("/api/v1/problems?status=DISPATCHED&pageSize=5", "kh.rsj.handler").getJsonArray("items");
    if (!mine.isEmpty()) {
      return mine.getJsonObject(0).getString("id");
    }
    String admin = token("kh.admin");
    String id = api("/api/v1/problems?status=SUBMITTED&pageSize=1", "kh.admin").getJsonArray("items").getJsonObject(0).getString("id");
    assertThat(app.post("/api/v1/problems/" + id + "/accept", admin, null).statusCode()).isEqualTo(200);
    assertThat(app.post("/api/v1/problems/" + id + "/dispatch", admin,
        new JsonObject().put("department", "开化县人力资源和社会保障局")).statusCode()).isEqualTo(200);
    return id;
  }

  @Test
  @Order(7)
  void supervisorReadsWithoutImportAndSeesTheAuditTrail() {
    login("kh.supervisor");
    browser.waitForPath("/dashboard");
    assertThat(menu()).containsExactly("工作台", "企业画像", "惠企政策", "诉求办理", "审计日志");
    browser.settled();
    browser.screenshot("10-supervisor-dashboard");
    browser.find(By.xpath("//a[normalize-space(.)='审计日志']")).click();
    browser.waitForPath("/audit");
    browser.settled();
    JsonObject page = api("/api/v1/audit?limit=50", "kh.supervisor");
    assertThat(page.getJsonArray("entries")).isNotEmpty();
    browser.waitForText(By.cssSelector(".ant-table-tbody"), page.getJsonArray("entries").getJsonObject(0).getString("action"));
    browser.screenshot("11-supervisor-audit");
  }

  @Test
  @Order(8)
  void anExpiredTokenAsksForThePasswordAndKeepsWhatWasTyped() {
    login("kh.jxj.author");
    browser.open("/console/policies/new");
    browser.type(By.id("p-title"), "尚未保存的政策标题");
    // the token the page holds stops being accepted (as at its expiry): another tab stores a bad one
    String here = browser.driver.getWindowHandle();
    browser.driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
    browser.open("/console/login");
    browser.js("const k = 'enterprise-grid.console.session'; const s = JSON.parse(localStorage.getItem(k));"
        + " s.token = 'expired.token.value'; localStorage.setItem(k, JSON.stringify(s));");
    browser.driver.close();
    browser.driver.switchTo().window(here);

    browser.driver.findElement(By.id("btn-simulate")).click();
    browser.find(By.id("relogin-password"));
    browser.screenshot("12-relogin-dialog");
    browser.type(By.id("relogin-password"), PASSWORD, Keys.ENTER);
    // the refused simulation is sent again after the login, and the form kept its text
    browser.find(By.cssSelector(".sim-eligible"));
    assertThat(browser.find(By.id("p-title")).getAttribute("value")).isEqualTo("尚未保存的政策标题");
    List<String> errors = browser.drainErrors();
    assertThat(errors).as("only the refused request").hasSize(1);
    assertThat(errors.get(0)).contains("401");
  }
}
