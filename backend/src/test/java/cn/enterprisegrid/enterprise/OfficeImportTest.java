package cn.enterprisegrid.enterprise;

import static cn.enterprisegrid.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.testing.AdminToken;
import cn.enterprisegrid.testing.Eventually;
import cn.enterprisegrid.testing.TestBackend;
import cn.enterprisegrid.testing.WithBackend;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/** Files as offices have them: CSV saved by Excel on a Chinese Windows PC (GB18030), multi-line cells, .xlsx. */
@WithBackend
class OfficeImportTest {
  static TestBackend app;
  @AdminToken static String admin;

  private static final Charset GB18030 = Charset.forName("GB18030");
  private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  private static final String HEADER = "uscc,name,regionCode,address,industryCode,establishedOn,employees,tags,year,revenue,assets";
  private static final String VILLAGE = Firms.HUABU + "201"; // a village of 华埠镇

  /** One firm of the tests as its CSV row: name, address and tags in Chinese. */
  private record Firm(String uscc, String name, String address, String tags, int employees, double revenue) {
    String csv() {
      return String.join(",", uscc, name, VILLAGE, address, "2221", "2010-03-04", String.valueOf(employees), tags,
          String.valueOf(Firms.LAST_YEAR), String.valueOf(revenue), "1800");
    }
  }

  private static List<Firm> firms() {
    return List.of(
        new Firm(Firms.uscc(), "开化县华埠金星纸业有限公司", "浙江省衢州市开化县华埠镇华丰大道88号", "高新技术企业|专精特新", 45, 2500.5),
        new Firm(Firms.uscc(), "开化䶮茗茶叶专业合作社", "开化县华埠镇㐀村（旧址）", "科技型中小企业", 12, 380),
        new Firm(Firms.uscc(), "衢州市开化硅材料科技有限公司", "华埠镇新安工业区纬一路", "高新技术企业", 230, 12345.67));
  }

  private static String csv(List<Firm> firms) {
    StringBuilder sb = new StringBuilder(HEADER).append("\r\n");
    firms.forEach(f -> sb.append(f.csv()).append("\r\n"));
    return sb.toString();
  }

  private static JsonObject result(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private static JsonObject profile(String uscc) {
    HttpResponse<Buffer> r = app.get("/api/v1/enterprises/" + uscc, admin);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private static void assertStored(Firm f) {
    JsonObject p = profile(f.uscc());
    assertThat(p.getString("name")).isEqualTo(f.name());
    assertThat(p.getString("address")).isEqualTo(f.address());
    assertThat(p.getJsonArray("tags").getList()).containsExactlyInAnyOrder((Object[]) f.tags().split("\\|"));
    assertThat(p.getInteger("employees")).isEqualTo(f.employees());
    assertThat(p.getJsonArray("financials").getJsonObject(0).getDouble("revenue")).isEqualTo(f.revenue());
  }

  private static boolean validUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Test
  void gb18030CsvRoundTripsExactlyAndItsTagStillMatches() {
    List<Firm> firms = firms();
    byte[] body = csv(firms).getBytes(GB18030);
    assertThat(validUtf8(body)).as("the test file is not UTF-8").isFalse();
    JsonObject r = result(Firms.importBytes(app, admin, "text/csv", body));
    assertThat(r.getLong("created")).as(r.encode()).isEqualTo(3);
    assertThat(r.getLong("rejectedCount")).isZero();
    firms.forEach(OfficeImportTest::assertStored);

    // the tag is the real 高新技术企业 again: the listing's tag filter (the rule engine policies use) finds the firm
    String q = URLEncoder.encode("金星纸业", StandardCharsets.UTF_8);
    String tag = URLEncoder.encode("高新技术企业", StandardCharsets.UTF_8);
    Eventually.until("the GB18030 firm listed under its tag", () -> app.get("/api/v1/enterprises?tag=" + tag + "&q=" + q,
        admin).bodyAsJsonObject().getJsonArray("items").stream()
        .anyMatch(o -> ((JsonObject) o).getString("uscc").equals(firms.get(0).uscc())));
  }

  @Test
  void utf8WithByteOrderMarkAndAnAsciiStart() {
    Firm f = firms().get(1);
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] text = csv(List.of(f)).getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, body, 0, 3);
    System.arraycopy(text, 0, body, 3, text.length);
    JsonObject r = result(Firms.importBytes(app, admin, "text/csv; charset=utf-8", body));
    assertThat(r.getLong("created")).as(r.encode()).isEqualTo(1);
    assertStored(f);

    // no BOM, and the header all ASCII: the first Chinese row decides, UTF-8
    Firm g = firms().get(2);
    assertThat(result(Firms.importBytes(app, admin, "text/csv", csv(List.of(g)).getBytes(StandardCharsets.UTF_8)))
        .getLong("created")).isEqualTo(1);
    assertStored(g);
  }

  @Test
  void bytesInNeitherEncodingAreRefusedAndNothingIsStored() {
    List<Firm> firms = firms();
    byte[] good = csv(firms.subList(0, 2)).getBytes(StandardCharsets.UTF_8);
    // a Latin-1 ÿ (0xFF) in the name: valid neither in UTF-8 nor in GB18030
    byte[] bad = (firms.get(2).uscc() + ",Caf\u00ff," + VILLAGE + ",,2221,2010-03-04,5,,,,\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    byte[] body = new byte[HEADER.length() + 2 + bad.length + good.length - HEADER.length() - 2];
    // the header, then the bad row first (it decides), then the good rows
    byte[] header = (HEADER + "\r\n").getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(header, 0, body, 0, header.length);
    System.arraycopy(bad, 0, body, header.length, bad.length);
    System.arraycopy(good, header.length, body, header.length + bad.length, good.length - header.length);
    long auditBefore = Firms.auditLength(app);
    HttpResponse<Buffer> r = Firms.importBytes(app, admin, "text/csv", body);
    JsonObject problem = assertProblem(r, 415, "/problems/unsupported-charset");
    assertThat(r.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(problem.getString("title")).isEqualTo("无法识别文件的文字编码");
    assertThat(problem.getString("detail")).contains("第 2 行", "UTF-8", "GB18030");
    for (Firm f : firms) {
      assertProblem(app.get("/api/v1/enterprises/" + f.uscc(), admin), 404, "/problems/not-found");
    }
    assertThat(Firms.auditLength(app)).isEqualTo(auditBefore);
  }

  @Test
  void aLaterRecordInAnotherEncodingIsRejectedNotStoredAsMojibake() {
    List<Firm> firms = firms();
    byte[] head = csv(firms.subList(0, 1)).getBytes(StandardCharsets.UTF_8);
    byte[] gbk = (firms.get(1).csv() + "\r\n").getBytes(GB18030);
    byte[] tail = (firms.get(2).csv() + "\r\n").getBytes(StandardCharsets.UTF_8);
    Buffer body = Buffer.buffer(head).appendBytes(gbk).appendBytes(tail);
    JsonObject r = result(Firms.importBytes(app, admin, "text/csv", body.getBytes()));
    assertThat(r.getLong("created")).as(r.encode()).isEqualTo(2);
    JsonObject rejected = r.getJsonArray("rejected").getJsonObject(0);
    assertThat(rejected.getLong("line")).isEqualTo(3);
    assertThat(rejected.getString("reason")).contains("UTF-8");
    assertStored(firms.get(0));
    assertStored(firms.get(2));
    assertProblem(app.get("/api/v1/enterprises/" + firms.get(1).uscc(), admin), 404, "/problems/not-found");
  }

  @Test
  void quotedCellsSpanLinesAndHoldDoubledQuotes() {
    String u1 = Firms.uscc();
    String u2 = Firms.uscc();
    String u3 = Firms.uscc();
    // as Excel saves a cell holding Alt+Enter: a bare \n inside the quotes, records ending in \r\n
    String csv = HEADER + "\r\n"
        + u1 + ",\"开化县\"\"金星\"\"纸业, 有限公司\"," + VILLAGE + ",\"华埠镇华丰大道88号\n（东门）\",2221,2010-03-04,45,"
        + "\"高新技术企业|专精特新\"," + Firms.LAST_YEAR + ",2500.5,1800\r\n"
        + u2 + ",坏人数公司," + VILLAGE + ",\"两行\r\n地址\",2221,2010-03-04,很多,,,,\r\n"
        + u3 + ",\"引号未闭合公司," + VILLAGE + ",,2221,2010-03-04,5,,,,\r\n";
    JsonObject r = result(Firms.importBody(app, admin, "text/csv", csv));
    assertThat(r.getLong("created")).as(r.encode()).isEqualTo(1);
    JsonObject p = profile(u1);
    assertThat(p.getString("name")).isEqualTo("开化县\"金星\"纸业, 有限公司");
    assertThat(p.getString("address")).isEqualTo("华埠镇华丰大道88号\n（东门）");
    assertThat(p.getJsonArray("tags").getList()).containsExactlyInAnyOrder("高新技术企业", "专精特新");
    // numbered by record (the row a spreadsheet shows), not by physical line
    assertThat(r.getJsonArray("rejected").getJsonObject(0).getLong("line")).isEqualTo(3);
    assertThat(r.getJsonArray("rejected").getJsonObject(0).getString("field")).isEqualTo("employees");
    assertThat(r.getJsonArray("rejected").getJsonObject(1).getLong("line")).isEqualTo(4);
    assertThat(r.getJsonArray("rejected").getJsonObject(1).getString("reason")).contains("引号");
  }

  @Test
  void xlsxImportsTheSameAsTheCsv() throws IOException {
    List<Firm> firms = firms();
    JsonObject fromCsv = result(Firms.importBytes(app, admin, "text/csv", csv(firms).getBytes(GB18030)));
    assertThat(fromCsv.getLong("created")).isEqualTo(3);
    // the same rows as Excel stores them: shared strings, a real date cell, numbers formatted for display,
    // the village code a number; a blank row, then a bad one
    byte[] xlsx = workbook(firms, true);
    JsonObject fromXlsx = result(Firms.importBytes(app, admin, XLSX, xlsx));
    assertThat(fromXlsx.getLong("unchanged")).as(fromXlsx.encode()).isEqualTo(3);
    assertThat(fromXlsx.getLong("created") + fromXlsx.getLong("updated")).isZero();
    JsonObject bad = fromXlsx.getJsonArray("rejected").getJsonObject(0);
    assertThat(bad.getLong("line")).isEqualTo(6); // header 1, firms 2-4, blank 5
    assertThat(bad.getString("field")).isEqualTo("employees");
    firms.forEach(OfficeImportTest::assertStored);
    assertThat(profile(firms.get(0).uscc()).getString("establishedOn")).isEqualTo("2010-03-04");

    // new firms from a workbook only
    List<Firm> more = List.of(new Firm(Firms.uscc(), "开化县马金镇霞山茶场", "马金镇霞山村", "专精特新", 8, 96.5));
    assertThat(result(Firms.importBytes(app, admin, XLSX, workbook(more, false))).getLong("created")).isEqualTo(1);
    assertStored(more.get(0));
  }

  @Test
  void chineseColumnLabelsAsATaizhangHeadsThem() {
    Firm f = new Firm(Firms.uscc(), "开化县池淮镇芹阳茶业有限公司", "池淮镇芹阳村12号", "专精特新", 20, 640);
    String header = "统一社会信用代码,企业名称,行政区划代码,地址,行业代码,成立日期,从业人数,标签,年度,营业收入（万元）,资产总额（万元）";
    byte[] body = (header + "\r\n" + f.csv() + "\r\n").getBytes(GB18030);
    assertThat(result(Firms.importBytes(app, admin, "text/csv", body)).getLong("created")).isEqualTo(1);
    assertStored(f);
  }

  @Test
  void whatIsNoWorkbookIsRefused() throws IOException {
    assertProblem(Firms.importBytes(app, admin, XLSX, "uscc,name\n".getBytes(StandardCharsets.UTF_8)), 400,
        "/problems/unreadable-spreadsheet");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (HSSFWorkbook xls = new HSSFWorkbook()) {
      xls.createSheet("企业").createRow(0).createCell(0).setCellValue("uscc");
      xls.write(out);
    }
    JsonObject p = assertProblem(Firms.importBytes(app, admin, XLSX, out.toByteArray()), 400,
        "/problems/unreadable-spreadsheet");
    assertThat(p.getString("detail")).contains(".xls");
    assertProblem(Firms.importBytes(app, admin, XLSX, emptyWorkbook()), 400, "/problems/validation");
  }

  private static byte[] emptyWorkbook() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      wb.createSheet("企业");
      wb.write(out);
    }
    return out.toByteArray();
  }

  /** The firms as an .xlsx; {@code badRow}: a blank row, then one with employees "很多". */
  private static byte[] workbook(List<Firm> firms, boolean badRow) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.createDataFormat().getFormat("yyyy\"年\"m\"月\"d\"日\""));
      CellStyle money = wb.createCellStyle();
      money.setDataFormat(wb.createDataFormat().getFormat("#,##0"));
      Sheet sheet = wb.createSheet("企业名录");
      Row head = sheet.createRow(0);
      String[] cols = HEADER.split(",");
      for (int i = 0; i < cols.length; i++) {
        head.createCell(i).setCellValue(cols[i]);
      }
      int r = 1;
      for (Firm f : firms) {
        Row row = sheet.createRow(r++);
        row.createCell(0).setCellValue(f.uscc());
        row.createCell(1).setCellValue(f.name());
        row.createCell(2).setCellValue(Double.parseDouble(VILLAGE));
        row.createCell(3).setCellValue(f.address());
        row.createCell(4).setCellValue("2221");
        row.createCell(5).setCellValue(LocalDate.of(2010, 3, 4));
        row.getCell(5).setCellStyle(date);
        row.createCell(6).setCellValue(f.employees());
        row.createCell(7).setCellValue(f.tags());
        row.createCell(8).setCellValue(Firms.LAST_YEAR);
        row.createCell(9).setCellValue(f.revenue());
        row.getCell(9).setCellStyle(money); // displayed rounded: the value counts
        row.createCell(10).setCellValue(1800);
      }
      if (badRow) {
        sheet.createRow(r++).createCell(3).setCellValue(""); // blank
        Row row = sheet.createRow(r);
        row.createCell(0).setCellValue(Firms.uscc());
        row.createCell(1).setCellValue("坏人数公司");
        row.createCell(2).setCellValue(VILLAGE);
        row.createCell(4).setCellValue("2221");
        row.createCell(5).setCellValue("2010-03-04");
        row.createCell(6).setCellValue("很多");
      }
      wb.write(out);
    }
    return out.toByteArray();
  }
}
