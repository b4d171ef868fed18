package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.testing.Eventually;
import cn.enterprisegrid.testing.AdminToken;
import cn.enterprisegrid.testing.WithBackend;
import cn.enterprisegrid.store.Store;
import cn.enterprisegrid.testing.SharedRedis;
import cn.enterprisegrid.testing.TestBackend;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.time.Instant;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;

import static cn.enterprisegrid.testing.ProblemAssert.assertFieldProblem;
import static cn.enterprisegrid.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

@WithBackend
class BindingTest {
  static TestBackend app;
  @AdminToken static String admin;

  private static String newFirm() {
    JsonObject f = Firms.firm(Firms.uscc(), Firms.HUABU);
    assertThat(Firms.put(app, admin, f).statusCode()).isEqualTo(201);
    return f.getString("uscc");
  }

  private static String wxLogin(String openid) {
    String code = app.wechat.issueCode(openid);
    HttpResponse<Buffer> r = app.post("/mp/v1/auth/login", null, new JsonObject().put("code", code));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getString("token");
  }

  private static String invitation(String uscc) {
    HttpResponse<Buffer> r = app.post("/api/v1/enterprises/" + uscc + "/invitations", admin, null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    assertThat(r.bodyAsJsonObject().getString("expiresAt")).isNotBlank();
    return r.bodyAsJsonObject().getString("invitation");
  }

  @Test
  void qrCodeCarriesThePageAndAWorkingInvitation() throws Exception {
    String uscc = newFirm();
    HttpResponse<Buffer> png = app.get("/api/v1/enterprises/" + uscc + "/code.png", admin);
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(png.getHeader("Content-Type")).isEqualTo("image/png");
    var image = ImageIO.read(new ByteArrayInputStream(png.body().getBytes()));
    String text = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
        new BufferedImageLuminanceSource(image)))).getText();
    assertThat(text).startsWith("pages/enterprise/index?uscc=" + uscc + "&inv=");
    String inv = URLDecoder.decode(text.substring(text.indexOf("&inv=") + 5), StandardCharsets.UTF_8);
    String wx = wxLogin("openid-qr");
    HttpResponse<Buffer> bound = app.post("/mp/v1/bind", wx, new JsonObject().put("invitation", inv));
    assertThat(bound.statusCode()).as(bound.bodyAsString()).isEqualTo(200);
    assertThat(bound.bodyAsJsonObject().getString("uscc")).isEqualTo(uscc);
  }

  @Test
  void bindFlowEndToEnd() {
    String uscc = newFirm();
    String inv = invitation(uscc);
    String wx = wxLogin("openid-bind");
    assertProblem(app.get("/mp/v1/me/enterprise", wx), 403, "/problems/forbidden");

    HttpResponse<Buffer> r = app.post("/mp/v1/bind", wx, new JsonObject().put("invitation", inv));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject b = r.bodyAsJsonObject();
    assertThat(b.getBoolean("bound")).isTrue();
    assertThat(b.getString("uscc")).isEqualTo(uscc);
    String firm = b.getString("token");

    JsonObject me = app.get("/mp/v1/me/enterprise", firm).bodyAsJsonObject();
    assertThat(me.getString("uscc")).isEqualTo(uscc);
    assertThat(me.getJsonObject("derived").getString("townshipCode")).isEqualTo(Firms.HUABU);

    // logging in again remembers the binding
    String again = wxLogin("openid-bind");
    assertThat(app.get("/mp/v1/me/enterprise", again).statusCode()).isEqualTo(200);

    // self-report: figures of last year merge with the known ones
    JsonObject patch = new JsonObject().put("employees", 101)
        .put("financials", new JsonArray().add(new JsonObject().put("year", Firms.LAST_YEAR).put("revenue", 1500)))
        .put("tags", new JsonArray().add("专精特新").add("科技型中小企业"));
    HttpResponse<Buffer> p = app.send(HttpMethod.PATCH, "/mp/v1/me/enterprise", firm, patch);
    assertThat(p.statusCode()).as(p.bodyAsString()).isEqualTo(200);
    JsonObject after = p.bodyAsJsonObject();
    assertThat(after.getInteger("employees")).isEqualTo(101);
    JsonObject year = after.getJsonArray("financials").getJsonObject(1);
    assertThat(year.getDouble("revenue")).isEqualTo(1500.0);
    assertThat(year.getDouble("assets")).isEqualTo(900.0);
    assertThat(after.getJsonObject("provenance").getJsonObject("employees").getString("source")).isEqualTo("SELF_REPORTED");
    assertThat(after.getJsonObject("provenance").getJsonObject("employees").getString("actor")).isEqualTo("wx:openid-bind");

    // a verified value: the report becomes pending
    Firms.store(app).verify(uscc, new JsonObject().put("employees", 99), "liaison").await();
    JsonObject pending = app.send(HttpMethod.PATCH, "/mp/v1/me/enterprise", firm,
        new JsonObject().put("employees", 120)).bodyAsJsonObject();
    assertThat(pending.getInteger("employees")).isEqualTo(99);
    assertThat(pending.getJsonArray("pending").getList()).containsExactly("employees");

    // contract and validation problems name the field
    assertProblem(app.send(HttpMethod.PATCH, "/mp/v1/me/enterprise", firm, new JsonObject().put("name", "x")), 400,
        "/problems/validation");
    assertFieldProblem(app.send(HttpMethod.PATCH, "/mp/v1/me/enterprise", firm, new JsonObject()
        .put("financials", new JsonArray().add(new JsonObject().put("year", 1900)))), 422, "/financials/0/year");
  }

  @Test
  void invitationIsOneTime() {
    String uscc = newFirm();
    String inv = invitation(uscc);
    assertThat(app.post("/mp/v1/bind", wxLogin("openid-a"), new JsonObject().put("invitation", inv)).statusCode())
        .isEqualTo(200);
    assertFieldProblem(app.post("/mp/v1/bind", wxLogin("openid-b"), new JsonObject().put("invitation", inv)), 422,
        "/invitation");
  }

  @Test
  void forgedOrGuessedInvitationsBindNothing() {
    String uscc = newFirm();
    String inv = invitation(uscc);
    String other = Firms.uscc();
    String forged = other + inv.substring(18);
    String wx = wxLogin("openid-forger");
    assertFieldProblem(app.post("/mp/v1/bind", wx, new JsonObject().put("invitation", forged)), 422, "/invitation");
    assertFieldProblem(app.post("/mp/v1/bind", wx, new JsonObject().put("invitation", uscc)), 422, "/invitation");
    assertProblem(app.post("/mp/v1/bind", wx, new JsonObject()), 400, "/problems/validation");
    // a console token cannot bind
    assertProblem(app.post("/mp/v1/bind", admin, new JsonObject().put("invitation", inv)), 403, "/problems/forbidden");
  }

  @Test
  void invitationExpires() throws Exception {
    String uscc = newFirm();
    String secret = Files.readString(app.dataDir.resolve("jwt.key")).trim();
    Invitations shortLived = new Invitations(Store.connect(app.vertx, SharedRedis.url()), secret, Duration.ofSeconds(1));
    JsonObject issued = shortLived.issue(uscc, "admin").await();
    String inv = issued.getString("invitation");
    // wait for the clock, not for the invitation: an early try would bind the firm and use it up
    Instant expiresAt = Instant.parse(issued.getString("expiresAt"));
    Eventually.until("the invitation's expiry", Duration.ofSeconds(5), () -> Instant.now().isAfter(expiresAt));
    assertFieldProblem(app.post("/mp/v1/bind", wxLogin("openid-late"), new JsonObject().put("invitation", inv)), 422,
        "/invitation");
  }
}
