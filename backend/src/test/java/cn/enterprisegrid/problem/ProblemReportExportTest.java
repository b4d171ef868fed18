package cn.enterprisegrid.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.enterprisegrid.http.ProblemException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** The bulletin of {@link ReportData} written as CSV and XLSX and read back; the office's stored thresholds. */
class ProblemReportExportTest {
  static ReportData data;
  static Bulletins bulletins;
  static JsonObject bulletin;

  @BeforeAll
  static void load() {
    data = new ReportData().load();
    bulletins = new Bulletins(data.store, data.reports, ProblemFixture.clock("2026-04-01T09:00"));
    bulletin = bulletins.bulletin("330824", null, LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"),
        ProblemReports.GroupBy.TOWNSHIP).await();
  }

  @AfterAll
  static void close() {
    data.close();
  }

  @Test
  void theBulletinOfTheDataSet() {
    // 桐村镇: 4 cases, every rate 100 %, none overdue; 杨林镇: resolution 33 %, satisfaction 0 %, 3 overdue
    assertThat(bulletin.getString("title")).isEqualTo("开化县企业诉求办理乡镇（街道）双色通报");
    assertThat(bulletin.getJsonArray("items")).extracting(o -> ((JsonObject) o).getString("name") + " "
        + ((JsonObject) o).getString("colour")).containsExactly("桐村镇 GREEN", "杨林镇 RED");
    assertThat(bulletin.getString("publishedOn")).isEqualTo("2026-04-01");
  }

  @Test
  void csvWithABomAndAChineseHeader() throws Exception {
    Buffer csv = ReportCsv.write(ReportTable.ofBulletin(bulletin));
    byte[] bytes = csv.getBytes();
    assertThat(new byte[] {bytes[0], bytes[1], bytes[2]}).containsExactly(0xEF, 0xBB, 0xBF);
    String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
    List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
        .parse(new StringReader(text)).getRecords();
    assertThat(rows).hasSize(3);
    CSVRecord first = rows.get(0);
    assertThat(first.get("排名")).isEqualTo("1");
    assertThat(first.get("乡镇（街道）")).isEqualTo("桐村镇");
    assertThat(first.get("通报")).isEqualTo("通报表扬");
    assertThat(first.get("收到诉求数")).isEqualTo("4");
    assertThat(first.get("满意率")).isEqualTo("100.0%");
    assertThat(first.get("平均办结工作日")).isEqualTo("3.00");
    CSVRecord second = rows.get(1);
    assertThat(second.get("办结率")).isEqualTo("33.3%");
    assertThat(second.get("原因")).contains("办结率 33.3%，低于 85.0%").contains("满意率 0.0%，低于 80.0%");
    CSVRecord totals = rows.get(2);
    assertThat(totals.get("乡镇（街道）")).isEqualTo("合计");
    assertThat(totals.get("收到诉求数")).isEqualTo("7");
    assertThat(totals.get("响应率")).isEqualTo("80.0%");
    assertThat(totals.get("排名")).isEmpty();
  }

  @Test
  void xlsxWithNumbersAsNumbersAndPercentagesFormatted() throws Exception {
    Buffer xlsx = ReportXlsx.write(ReportTable.ofBulletin(bulletin), "双色通报");
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBytes()))) {
      Sheet sheet = wb.getSheet("双色通报");
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("开化县企业诉求办理乡镇（街道）双色通报");
      assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("统计期间：2026年3月1日至2026年3月31日");
      assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("发布日期：2026年4月1日");
      Row header = sheet.getRow(3);
      assertThat(header.getCell(0).getStringCellValue()).isEqualTo("排名");
      int received = column(header, "收到诉求数");
      int resolution = column(header, "办结率");
      Row first = sheet.getRow(4);
      assertThat(first.getCell(1).getStringCellValue()).isEqualTo("桐村镇");
      assertThat(first.getCell(received).getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(first.getCell(received).getNumericCellValue()).isEqualTo(4.0);
      Row second = sheet.getRow(5);
      assertThat(second.getCell(resolution).getNumericCellValue()).isEqualTo(0.3333);
      assertThat(second.getCell(resolution).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
      Row totals = sheet.getRow(6);
      assertThat(totals.getCell(1).getStringCellValue()).isEqualTo("合计");
      assertThat(totals.getCell(received).getNumericCellValue()).isEqualTo(7.0);
      // nothing to divide is an empty cell, not a zero
      int satisfaction = column(header, "满意率");
      assertThat(sheet.getLastRowNum()).isEqualTo(6);
      assertThat(first.getCell(satisfaction).getNumericCellValue()).isEqualTo(1.0);
    }
  }

  @Test
  void anOfficeSetsItsThresholds() {
    BulletinThresholds set = bulletins.putThresholds("330824", new JsonObject().put("redSatisfaction", 0.9)
        .put("minReceived", 5), "admin").await();
    assertThat(set.redSatisfaction()).isEqualTo(0.9);
    assertThat(set.minReceived()).isEqualTo(5);
    assertThat(bulletins.thresholds("330824").await().redSatisfaction()).isEqualTo(0.9);
    assertThat(bulletins.thresholds("330802").await()).isEqualTo(BulletinThresholds.DEFAULTS);
    // 桐村镇 has 4 cases now fewer than 5: no longer coloured
    JsonObject b = bulletins.bulletin("330824", null, LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"),
        ProblemReports.GroupBy.TOWNSHIP).await();
    assertThat(b.getJsonArray("items").getJsonObject(0).getString("colour")).isEqualTo("NONE");
    assertThatThrownBy(() -> bulletins.putThresholds("330824", new JsonObject().put("greenSatisfaction", 0.5), "admin")
        .await()).isInstanceOf(ProblemException.class).hasMessageContaining("greenSatisfaction");
    assertThatThrownBy(() -> bulletins.putThresholds("330824", new JsonObject().put("redOverdue", -1), "admin")
        .await()).isInstanceOf(ProblemException.class);
    bulletins.putThresholds("330824", BulletinThresholds.DEFAULTS.toJson(), "admin").await();
  }

  @Test
  void theDispositionNamesTheFileInUtf8() {
    assertThat(ProblemReportConsoleRoutes.disposition("企业诉求报表_2026-03-01_2026-03-31.csv", "problems.csv"))
        .isEqualTo("attachment; filename=\"problems.csv\"; filename*=UTF-8''"
            + "%E4%BC%81%E4%B8%9A%E8%AF%89%E6%B1%82%E6%8A%A5%E8%A1%A8_2026-03-01_2026-03-31.csv");
  }

  private static int column(Row header, String name) {
    for (int i = 0; i < header.getLastCellNum(); i++) {
      if (name.equals(header.getCell(i).getStringCellValue())) {
        return i;
      }
    }
    throw new AssertionError("no column " + name);
  }
}
