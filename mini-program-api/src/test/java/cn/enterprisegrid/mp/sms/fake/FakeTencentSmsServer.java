package cn.enterprisegrid.mp.sms.fake;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake of Tencent Cloud SMS {@code SendSms} (API 3.0, version 2021-01-11) on a local port. It
 * checks a request the way the service does — the TC3-HMAC-SHA256 signature recomputed from the
 * request as received (headers, host, body), the timestamp within five minutes, the SecretId, the
 * SdkAppId, an approved template and signature — and answers in the service's shapes: a top-level
 * {@code Response.Error} for a refused request, a per-number {@code SendStatusSet[].Code} otherwise
 * (e.g. {@code LimitExceeded.PhoneNumberDailyLimit}). Records what it delivered. Thread-safe.
 */
public final class FakeTencentSmsServer {
  public static final String SECRET_ID = "AKIDfakeSmsSecretId000000000000000";
  public static final String SECRET_KEY = "fakeSmsSecretKey0000000000000000";
  public static final String SDK_APP_ID = "1400000001";
  public static final String SIGN_NAME = "开化县营商办";
  public static final Set<String> TEMPLATES = Set.of("1001", "1002", "1003");

  private static final Pattern AUTH = Pattern.compile(
      "TC3-HMAC-SHA256 Credential=([^/]+)/(\\d{4}-\\d{2}-\\d{2})/sms/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  /** One delivered message. */
  public record Sent(String phone, String templateId, List<String> params, String context, String serialNo) {}

  private final List<Sent> sent = new ArrayList<>();
  private final Map<String, Integer> perPhone = new HashMap<>();
  private final Deque<String> faults = new ArrayDeque<>();
  private int dailyLimit = 10;
  private int calls;
  private HttpServer server;

  public Future<String> start(Vertx vertx) {
    Router router = Router.router(vertx);
    router.post("/").handler(BodyHandler.create()).handler(this::sendSms);
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .map(s -> {
          server = s;
          return "http://127.0.0.1:" + s.actualPort();
        });
  }

  public Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** The next calls answer these top-level error codes (e.g. InternalError), one each, in order. */
  public synchronized void failNext(String... codes) {
    faults.addAll(List.of(codes));
  }

  public synchronized void dailyLimit(int n) {
    dailyLimit = n;
  }

  public synchronized List<Sent> sent() {
    return List.copyOf(sent);
  }

  public synchronized int calls() {
    return calls;
  }

  private void sendSms(RoutingContext ctx) {
    String requestId = UUID.randomUUID().toString();
    String body = ctx.body().asString();
    String refusal = check(ctx, body);
    synchronized (this) {
      calls++;
      if (refusal == null && !faults.isEmpty()) {
        refusal = faults.poll();
      }
    }
    if (refusal != null) {
      ctx.json(new JsonObject().put("Response", new JsonObject().put("RequestId", requestId)
          .put("Error", new JsonObject().put("Code", refusal).put("Message", message(refusal)))));
      return;
    }
    JsonObject req = new JsonObject(body);
    JsonArray statuses = new JsonArray();
    for (Object p : req.getJsonArray("PhoneNumberSet")) {
      statuses.add(deliver((String) p, req));
    }
    ctx.json(new JsonObject().put("Response", new JsonObject().put("RequestId", requestId)
        .put("SendStatusSet", statuses)));
  }

  private synchronized JsonObject deliver(String phone, JsonObject req) {
    JsonObject status = new JsonObject().put("PhoneNumber", phone).put("SessionContext",
        req.getString("SessionContext", "")).put("IsoCode", "CN");
    if (!phone.matches("\\+861[3-9]\\d{9}")) {
      return status.put("SerialNo", "").put("Fee", 0).put("Code", "InvalidParameterValue.IncorrectPhoneNumber")
          .put("Message", "incorrect number format");
    }
    int n = perPhone.merge(phone, 1, Integer::sum);
    if (n > dailyLimit) {
      return status.put("SerialNo", "").put("Fee", 0).put("Code", "LimitExceeded.PhoneNumberDailyLimit")
          .put("Message", "the number of SMS messages sent from a single mobile number every day exceeds the upper limit");
    }
    String serial = "2645:" + UUID.randomUUID().toString().replace("-", "");
    List<String> params = new ArrayList<>();
    req.getJsonArray("TemplateParamSet", new JsonArray()).forEach(v -> params.add(String.valueOf(v)));
    sent.add(new Sent(phone, req.getString("TemplateId"), List.copyOf(params), req.getString("SessionContext"), serial));
    return status.put("SerialNo", serial).put("Fee", 1).put("Code", "Ok").put("Message", "send success");
  }

  /** The top-level error code of a request the service would refuse, or null. */
  private String check(RoutingContext ctx, String body) {
    var h = ctx.request().headers();
    if (!"SendSms".equals(h.get("X-TC-Action")) || !"2021-01-11".equals(h.get("X-TC-Version"))) {
      return "InvalidAction";
    }
    long ts;
    try {
      ts = Long.parseLong(h.get("X-TC-Timestamp"));
    } catch (RuntimeException e) {
      return "MissingParameter";
    }
    if (Math.abs(Instant.now().getEpochSecond() - ts) > 300) {
      return "AuthFailure.SignatureExpire";
    }
    Matcher m = AUTH.matcher(String.valueOf(h.get("Authorization")));
    if (!m.matches()) {
      return "AuthFailure.InvalidAuthorization";
    }
    if (!SECRET_ID.equals(m.group(1))) {
      return "AuthFailure.SecretIdNotFound";
    }
    String date = DAY.format(Instant.ofEpochSecond(ts));
    if (!date.equals(m.group(2))) {
      return "AuthFailure.SignatureFailure";
    }
    String canonical = "POST\n/\n\n" + "content-type:" + h.get("Content-Type") + "\n" + "host:" + h.get("Host") + "\n"
        + "x-tc-action:" + h.get("X-TC-Action").toLowerCase() + "\n\n" + m.group(3) + "\n" + sha256(body);
    String toSign = "TC3-HMAC-SHA256\n" + ts + "\n" + date + "/sms/tc3_request\n" + sha256(canonical);
    byte[] k = hmac(("TC3" + SECRET_KEY).getBytes(StandardCharsets.UTF_8), date);
    k = hmac(hmac(k, "sms"), "tc3_request");
    if (!m.group(3).equals("content-type;host;x-tc-action")
        || !HexFormat.of().formatHex(hmac(k, toSign)).equals(m.group(4))) {
      return "AuthFailure.SignatureFailure";
    }
    JsonObject req;
    try {
      req = new JsonObject(body);
    } catch (RuntimeException e) {
      return "FailedOperation.JsonParseFail";
    }
    if (!SDK_APP_ID.equals(req.getString("SmsSdkAppId"))) {
      return "UnauthorizedOperation.SmsSdkAppIdVerifyFail";
    }
    if (!SIGN_NAME.equals(req.getString("SignName"))) {
      return "FailedOperation.SignatureIncorrectOrUnapproved";
    }
    if (!TEMPLATES.contains(req.getString("TemplateId"))) {
      return "FailedOperation.TemplateIncorrectOrUnapproved";
    }
    JsonArray phones = req.getJsonArray("PhoneNumberSet");
    if (phones == null || phones.isEmpty() || phones.size() > 200) {
      return "InvalidParameterValue.IncorrectPhoneNumber";
    }
    return null;
  }

  private static String message(String code) {
    return switch (code) {
      case "AuthFailure.SignatureFailure" -> "The provided credentials could not be validated.";
      case "AuthFailure.SignatureExpire" -> "Signature expired.";
      case "AuthFailure.SecretIdNotFound" -> "The SecretId is not found.";
      case "FailedOperation.TemplateIncorrectOrUnapproved" -> "the template is not approved or does not exist";
      case "FailedOperation.SignatureIncorrectOrUnapproved" -> "the signature is not approved or does not exist";
      case "InternalError" -> "An internal error has occurred.";
      case "RequestLimitExceeded" -> "The number of requests exceeds the frequency limit.";
      default -> code;
    };
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String msg) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(msg.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
