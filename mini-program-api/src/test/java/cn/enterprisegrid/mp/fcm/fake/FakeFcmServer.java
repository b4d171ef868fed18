package cn.enterprisegrid.mp.fcm.fake;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fake of FCM HTTP v1 {@code POST /v1/projects/{project}/messages:send} for tests: counts and records messages,
 * answers errors the way FCM does ({@code error.status} the canonical status, {@code error.details[].errorCode}
 * the FCM code). Thread-safe.
 * <pre>{@code
 * FakeFcmServer fcm = new FakeFcmServer();
 * String base = fcm.start(vertx).await();
 * FcmClient client = new FcmClient(vertx, new FcmConfig(base, FakeFcmServer.PROJECT), () -> Future.succeededFuture("t"));
 * }</pre>
 */
public final class FakeFcmServer {

  /** The project id the fake serves. */
  public static final String PROJECT = "fake-project";

  /** FCM error code → HTTP status and canonical status, as FCM answers them. */
  private static final Map<String, Object[]> ERRORS = Map.of(
    "UNREGISTERED", new Object[]{404, "NOT_FOUND", "Requested entity was not found."},
    "INVALID_ARGUMENT", new Object[]{400, "INVALID_ARGUMENT", "The registration token is not a valid FCM registration token"},
    "SENDER_ID_MISMATCH", new Object[]{403, "PERMISSION_DENIED", "SenderId mismatch"},
    "QUOTA_EXCEEDED", new Object[]{429, "RESOURCE_EXHAUSTED", "Quota exceeded"},
    "UNAVAILABLE", new Object[]{503, "UNAVAILABLE", "The service is currently unavailable."},
    "INTERNAL", new Object[]{500, "INTERNAL", "Internal error encountered."},
    "THIRD_PARTY_AUTH_ERROR", new Object[]{401, "UNAUTHENTICATED", "Auth error from APNS or Web Push Service"});

  private final String project;

  // guarded by "this"
  private final List<JsonObject> messages = new ArrayList<>();
  private final Set<String> deadTokens = new HashSet<>();
  private final Deque<Object> faults = new ArrayDeque<>();
  private final Deque<Long> delays = new ArrayDeque<>();
  private String requiredBearer;
  private int requests;
  private long nextId = 1;

  private Vertx vertx;
  private HttpServer server;
  private String baseUrl;

  /** A fake for {@link #PROJECT}. */
  public FakeFcmServer() {
    this(PROJECT);
  }

  /**
   * @param project the project id to serve
   */
  public FakeFcmServer(String project) {
    this.project = project;
  }

  /**
   * Starts on a random free port of 127.0.0.1.
   *
   * @param vertx the Vert.x instance
   * @return the base URL
   */
  public Future<String> start(Vertx vertx) {
    this.vertx = vertx;
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false));
    router.postWithRegex("/v1/projects/([^/]+)/messages:send").handler(this::serve);
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").map(s -> {
      server = s;
      baseUrl = "http://127.0.0.1:" + s.actualPort();
      return baseUrl;
    });
  }

  /** @return stops listening */
  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** @return the base URL, once started */
  public String baseUrl() {
    return baseUrl;
  }

  /** Forgets messages, dead tokens, faults, the required bearer and counters. */
  public synchronized void reset() {
    messages.clear();
    deadTokens.clear();
    faults.clear();
    delays.clear();
    requiredBearer = null;
    requests = 0;
  }

  /**
   * @param bearer the only bearer token accepted from now on (401 UNAUTHENTICATED otherwise); null accepts any
   */
  public synchronized void requireBearer(String bearer) {
    this.requiredBearer = bearer;
  }

  /**
   * @param deviceToken a device token that answers UNREGISTERED from now on
   */
  public synchronized void registerDeadToken(String deviceToken) {
    deadTokens.add(deviceToken);
  }

  /**
   * The next send fails the way FCM fails with this code.
   *
   * @param errorCode UNREGISTERED, INVALID_ARGUMENT, SENDER_ID_MISMATCH, QUOTA_EXCEEDED, UNAVAILABLE, INTERNAL or
   *                  THIRD_PARTY_AUTH_ERROR
   */
  public synchronized void failNext(String errorCode) {
    if (!ERRORS.containsKey(errorCode)) {
      throw new IllegalArgumentException("unknown FCM error code " + errorCode);
    }
    faults.add(errorCode);
  }

  /**
   * The next send answers exactly this.
   *
   * @param httpStatus the status
   * @param body       the JSON body, nullable for an empty body
   */
  public synchronized void failNextRaw(int httpStatus, JsonObject body) {
    faults.add(new Object[]{httpStatus, body});
  }

  /**
   * The next send is answered only after {@code ms} (and still delivered).
   *
   * @param ms the delay
   */
  public synchronized void delayNext(long ms) {
    delays.add(ms);
  }

  /** @return requests received, failures included */
  public synchronized int requests() {
    return requests;
  }

  /** @return accepted messages (the {@code message} objects), in order */
  public synchronized List<JsonObject> messages() {
    return messages.stream().map(JsonObject::copy).toList();
  }

  /** @return how many messages were accepted */
  public synchronized int count() {
    return messages.size();
  }

  private void serve(RoutingContext ctx) {
    Long delay;
    synchronized (this) {
      requests++;
      delay = delays.poll();
    }
    if (delay != null && delay > 0) {
      vertx.setTimer(delay, id -> handle(ctx));
    } else {
      handle(ctx);
    }
  }

  private synchronized void handle(RoutingContext ctx) {
    if (!project.equals(ctx.pathParam("param0"))) {
      fail(ctx, 404, "NOT_FOUND", "Project not found", null);
      return;
    }
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() <= 7
      || (requiredBearer != null && !authorization.equals("Bearer " + requiredBearer))) {
      fail(ctx, 401, "UNAUTHENTICATED", "Request had invalid authentication credentials.", null);
      return;
    }
    Object fault = faults.poll();
    if (fault instanceof String code) {
      failWith(ctx, code);
      return;
    }
    if (fault instanceof Object[] raw) {
      if (!ctx.response().closed()) {
        ctx.response().setStatusCode((Integer) raw[0]);
        if (raw[1] != null) {
          ctx.response().putHeader("Content-Type", "application/json; charset=UTF-8").end(((JsonObject) raw[1]).encode());
        } else {
          ctx.response().end();
        }
      }
      return;
    }
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      body = null;
    }
    JsonObject message = body == null ? null : body.getJsonObject("message");
    String token = message == null ? null : message.getString("token");
    if (token == null || token.isEmpty()) {
      fail(ctx, 400, "INVALID_ARGUMENT", "Request contains an invalid argument.", "INVALID_ARGUMENT");
      return;
    }
    if (deadTokens.contains(token)) {
      failWith(ctx, "UNREGISTERED");
      return;
    }
    JsonObject data = message.getJsonObject("data");
    if (data != null && data.stream().anyMatch(e -> !(e.getValue() instanceof String))) {
      fail(ctx, 400, "INVALID_ARGUMENT", "Invalid value in data: values must be strings", "INVALID_ARGUMENT");
      return;
    }
    messages.add(message.copy());
    ctx.response().putHeader("Content-Type", "application/json; charset=UTF-8")
      .end(new JsonObject().put("name", "projects/" + project + "/messages/" + (nextId++)).encode());
  }

  private static void failWith(RoutingContext ctx, String code) {
    Object[] error = ERRORS.get(code);
    fail(ctx, (Integer) error[0], (String) error[1], (String) error[2], code);
  }

  private static void fail(RoutingContext ctx, int status, String canonical, String message, String fcmCode) {
    if (ctx.response().closed()) {
      return;
    }
    JsonObject error = new JsonObject().put("code", status).put("message", message).put("status", canonical);
    if (fcmCode != null) {
      error.put("details", new JsonArray().add(new JsonObject()
        .put("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError").put("errorCode", fcmCode)));
    }
    if (status == 429 || status == 503) {
      ctx.response().putHeader("Retry-After", "30");
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=UTF-8")
      .end(new JsonObject().put("error", error).encode());
  }
}
