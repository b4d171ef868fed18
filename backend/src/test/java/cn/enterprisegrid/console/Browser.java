package cn.enterprisegrid.console;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;

/**
 * Debian's headless Chromium driven through its chromedriver, at 1366×768, as a person would use
 * the console: it keeps every browser console message, so a test fails on an error logged by the
 * page or a failed request (Chromium logs each answer of 4xx/5xx and each network failure as a
 * SEVERE "Failed to load resource"), and saves a screenshot of each page it was told to.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(30);

  final ChromeDriver driver;
  final String base;
  final Path screenshots;
  final Path downloads;
  private final ChromeDriverService service;
  private final List<String> errors = new ArrayList<>();

  /** Whether this machine has Chromium and its driver (installed by .ci/run from Debian). */
  static boolean installed() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  Browser(String base, Path screenshots) throws IOException {
    this.base = base;
    this.screenshots = Files.createDirectories(screenshots);
    this.downloads = Files.createTempDirectory("console-downloads");
    service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // root in CI: Chromium's sandbox needs an unprivileged user; /dev/shm is small in containers
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1366,768", "--lang=zh-CN", "--no-first-run", "--disable-extensions");
    options.setExperimentalOption("prefs", Map.of(
        "download.default_directory", downloads.toString(),
        "download.prompt_for_download", false,
        "intl.accept_languages", "zh-CN"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
  }

  /** Opens a console path, e.g. {@code /console/enterprises?size=SMALL}. */
  void open(String path) {
    driver.get(base + path);
  }

  WebElement find(By by) {
    return until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  List<WebElement> all(By by) {
    return driver.findElements(by);
  }

  /** The visible element of this tag whose own text is exactly {@code text} (a button, a link). */
  WebElement byText(String text) {
    return find(By.xpath("//*[self::button or self::a or self::span or self::div][normalize-space(.)='" + text
        + "' and not(.//*[normalize-space(.)='" + text + "'])]"));
  }

  /** Clicks the button showing {@code text} (the span inside an ant-design button). */
  void press(String text) {
    WebElement b = find(By.xpath("//button[normalize-space(.)='" + text + "' and not(@disabled)]"));
    until(ExpectedConditions.elementToBeClickable(b)).click();
  }

  void type(By field, CharSequence... keys) {
    WebElement e = find(field);
    e.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    e.sendKeys(keys);
  }

  /** Picks an option of a searchable ant-design select by typing its label. */
  void choose(WebElement select, String label) {
    select.click();
    WebElement input = select.findElement(By.cssSelector("input"));
    input.sendKeys(label);
    find(By.xpath("//div[contains(@class,'ant-select-dropdown') and not(contains(@class,'ant-select-dropdown-hidden'))]"
        + "//div[contains(@class,'ant-select-item-option') and @title='" + label + "']")).click();
  }

  <T> T until(Function<? super org.openqa.selenium.WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).until(condition);
  }

  void waitForText(By by, String text) {
    until(ExpectedConditions.textToBePresentInElementLocated(by, text));
  }

  /** Waits until the path (after /console) is {@code path}, ignoring the query. */
  void waitForPath(String path) {
    until(d -> java.net.URI.create(d.getCurrentUrl()).getPath().equals("/console" + path));
  }

  /** Waits until no ant-design spinner or loading table is left on the page. */
  void settled() {
    until(d -> d.findElements(By.cssSelector(".ant-spin-spinning, .ant-btn-loading, .ant-skeleton")).isEmpty());
  }

  void scrollTo(By by) {
    js("arguments[0].scrollIntoView({block: 'center'})", find(by));
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Ends the session: the stored token is dropped, the next page shows the login. */
  void logout() {
    open("/console/login");
    js("localStorage.clear()");
    open("/console/login");
  }

  void screenshot(String name) {
    try {
      Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The console errors and failed requests since the last call (warnings are printed, not kept). */
  List<String> drainErrors() {
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER).getAll()) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
        errors.add(e.getMessage());
      } else if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
        System.out.println("browser warning: " + e.getMessage());
      }
    }
    List<String> out = List.copyOf(errors);
    errors.clear();
    return out;
  }

  /** The file a download produced, once it is complete. */
  File downloaded(String suffix) {
    return until(d -> {
      File[] files = downloads.toFile().listFiles((dir, n) -> n.endsWith(suffix));
      return files != null && files.length > 0 ? files[0] : null;
    });
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
    }
  }
}
