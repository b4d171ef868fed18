package cn.enterprisegrid.mp.wechat.fake;

import static cn.enterprisegrid.mp.wechat.fake.WeChatReplies.error;
import static cn.enterprisegrid.mp.wechat.fake.WeChatReplies.jsonBody;
import static cn.enterprisegrid.mp.wechat.fake.WeChatReplies.random;
import static cn.enterprisegrid.mp.wechat.fake.WeChatReplies.respond;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake of the WeChat mini-program server API for tests: real HTTP on a local port, the calls and error codes of
 * {@code WECHAT.md}, a controllable clock, counters and fault injection.
 * <p>
 * Calls served:
 * <ul>
 *   <li>{@code GET /sns/jscode2session}: codes from {@link #issueCode(String)}, valid once for 5 minutes; unknown,
 *       used or expired code → 40029; wrong appid → 40013; wrong secret → 40125.</li>
 *   <li>{@code POST /cgi-bin/stable_token}: the same token while it has more than 5 minutes left, then a new one
 *       (the old one stays valid until it expires); {@code force_refresh:true} replaces it at once.</li>
 *   <li>{@code GET /cgi-bin/token}: a new token per call; the previous one stays valid 5 more minutes.</li>
 *   <li>{@code POST /cgi-bin/message/subscribe/send}: access token (41001 missing, 40001 unknown, 42001 expired),
 *       {@code touser} a known openid (40003), template registered (40037), page (41030), values against the
 *       template's field rules (47003), one-time subscription balance (43101); accepted messages are recorded.</li>
 *   <li>{@code POST /wxa/business/getuserphonenumber}: codes from {@link #issuePhoneCode(String)}, valid once for
 *       5 minutes (40029 otherwise).</li>
 * </ul>
 * Every method is thread-safe: tests call them from their own thread while the server runs on an event loop.
 * <p>
 * Usage:
 * <pre>{@code
 * FakeWeChatServer wechat = new FakeWeChatServer();
 * String base = wechat.start(vertx).await();           // http://127.0.0.1:<port>
 * WeChatConfig config = new WeChatConfig(base, FakeWeChatServer.APP_ID, FakeWeChatServer.SECRET);
 * String code = wechat.issueCode("openid-1");
 * }</pre>
 */
public final class FakeWeChatServer {

  /** The AppID the fake accepts unless told otherwise. */
  public static final String APP_ID = "wx-fake-app";
  /** The AppSecret the fake accepts unless told otherwise. */
  public static final String SECRET = "fake-secret";

  /** Path of code2Session. */
  public static final String CODE2SESSION = "/sns/jscode2session";
  /** Path of the stable access token. */
  public static final String STABLE_TOKEN = "/cgi-bin/stable_token";
  /** Path of the classic access token. */
  public static final String TOKEN = "/cgi-bin/token";
  /** Path of the subscribe-message send. */
  public static final String SUBSCRIBE_SEND = "/cgi-bin/message/subscribe/send";
  /** Path of the phone number call. */
  public static final String PHONE_NUMBER = "/wxa/business/getuserphonenumber";

  private static final long CODE_LIFETIME_MS = Duration.ofMinutes(5).toMillis();
  private static final long RENEW_WINDOW_MS = Duration.ofMinutes(5).toMillis();

  private final String appId;
  private final String secret;
  private final AtomicLong clockOffsetMs = new AtomicLong();

  // all state below is guarded by "this"
  private final Map<String, String> users = new HashMap<>(); // openid -> unionid ("" when none)
  private final Map<String, Code> loginCodes = new HashMap<>();
  private final Map<String, Code> phoneCodes = new HashMap<>();
  private final Map<String, Token> tokens = new HashMap<>();
  private String currentStable;
  private String currentClassic;
  private long tokenLifetimeMs = Duration.ofSeconds(7200).toMillis();
  private final Consents consents = new Consents();
  private final List<DeliveredMessage> delivered = new ArrayList<>();
  private int forceRefreshCalls;
  private boolean countryCodeAsNumber;
  private final FaultPlan faultPlan = new FaultPlan();

  private Vertx vertx;
  private HttpServer server;
  private String baseUrl;

  /** A fake for {@link #APP_ID} / {@link #SECRET}. */
  public FakeWeChatServer() {
    this(APP_ID, SECRET);
  }

  /**
   * @param appId  the AppID to accept
   * @param secret the AppSecret to accept
   */
  public FakeWeChatServer(String appId, String secret) {
    this.appId = Objects.requireNonNull(appId);
    this.secret = Objects.requireNonNull(secret);
  }

  // ------------------------------------------------------------------ lifecycle

  /**
   * Starts on a random free port of 127.0.0.1.
   *
   * @param vertx the Vert.x instance
   * @return the base URL, e.g. {@code http://127.0.0.1:40123}
   */
  public Future<String> start(Vertx vertx) {
    return start(vertx, 0);
  }

  /**
   * @param vertx the Vert.x instance
   * @param port  the port, 0 for a random free one
   * @return the base URL
   */
  public Future<String> start(Vertx vertx, int port) {
    this.vertx = vertx;
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(1 << 20));
    router.get(CODE2SESSION).handler(ctx -> faultPlan.serve(vertx, ctx, this::code2Session));
    router.post(STABLE_TOKEN).handler(ctx -> faultPlan.serve(vertx, ctx, this::stableToken));
    router.get(TOKEN).handler(ctx -> faultPlan.serve(vertx, ctx, this::classicToken));
    router.post(SUBSCRIBE_SEND).handler(ctx -> faultPlan.serve(vertx, ctx, this::subscribeSend));
    router.post(PHONE_NUMBER).handler(ctx -> faultPlan.serve(vertx, ctx, this::phoneNumber));
    return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1").map(s -> {
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

  /** @return the AppID the fake accepts */
  public String appId() {
    return appId;
  }

  /** @return the AppSecret the fake accepts */
  public String secret() {
    return secret;
  }

  /**
   * Forgets users, codes, tokens, templates, balances, pages, deliveries, counters, faults and the clock offset, so
   * one started server can serve several tests.
   */
  public synchronized void reset() {
    users.clear();
    loginCodes.clear();
    phoneCodes.clear();
    tokens.clear();
    currentStable = null;
    currentClassic = null;
    tokenLifetimeMs = Duration.ofSeconds(7200).toMillis();
    consents.reset();
    delivered.clear();
    faultPlan.reset();
    forceRefreshCalls = 0;
    countryCodeAsNumber = false;
    clockOffsetMs.set(0);
  }

  // ------------------------------------------------------------------ test API: users and codes

  /**
   * Registers a user (a known openid for {@code touser}).
   *
   * @param openid  the openid
   * @param unionid the unionid, nullable
   */
  public synchronized void addUser(String openid, String unionid) {
    users.put(openid, unionid == null ? "" : unionid);
  }

  /**
   * Issues a login code as {@code wx.login} would: valid once, for 5 minutes. Registers the user if unknown.
   *
   * @param openid who logs in
   * @return the code
   */
  public synchronized String issueCode(String openid) {
    users.putIfAbsent(openid, "");
    String code = "code-" + random(12);
    loginCodes.put(code, new Code(openid, now() + CODE_LIFETIME_MS));
    return code;
  }

  /**
   * Like {@link #issueCode(String)} for a user with a unionid.
   *
   * @param openid  who logs in
   * @param unionid the unionid
   * @return the code
   */
  public synchronized String issueCode(String openid, String unionid) {
    addUser(openid, unionid);
    return issueCode(openid);
  }

  /**
   * Issues a phone-number code (from the mini-program's phone button), valid once for 5 minutes, for a mainland
   * number (country code 86).
   *
   * @param purePhoneNumber the number without country code
   * @return the code
   */
  public String issuePhoneCode(String purePhoneNumber) {
    return issuePhoneCode(purePhoneNumber, "86");
  }

  /**
   * @param purePhoneNumber the number without country code
   * @param countryCode     the country code, e.g. {@code 86}
   * @return the code, valid once for 5 minutes
   */
  public synchronized String issuePhoneCode(String purePhoneNumber, String countryCode) {
    String code = "phone-" + random(12);
    phoneCodes.put(code, new Code(countryCode + ":" + purePhoneNumber, now() + CODE_LIFETIME_MS));
    return code;
  }

  /**
   * @param asNumber whether {@code countryCode} is sent as a JSON number (default: as a string)
   */
  public synchronized void countryCodeAsNumber(boolean asNumber) {
    this.countryCodeAsNumber = asNumber;
  }

  // ------------------------------------------------------------------ test API: templates and consent

  /**
   * Registers a one-time template: each send needs one accepted subscription.
   *
   * @param templateId the template id
   * @param fieldKeys  its fields, e.g. {@code thing1}, {@code time2}; the kind is the key without trailing digits
   */
  public synchronized void registerTemplate(String templateId, String... fieldKeys) {
    consents.register(templateId, fieldKeys, false);
  }

  /**
   * Registers a long-term template: sends need no balance.
   *
   * @param templateId the template id
   * @param fieldKeys  its fields
   */
  public synchronized void registerLongTermTemplate(String templateId, String... fieldKeys) {
    consents.register(templateId, fieldKeys, true);
  }

  /**
   * Records one "accept" of {@code wx.requestSubscribeMessage}. Registers the user if unknown.
   *
   * @param openid     the user
   * @param templateId the template
   */
  public void grantSubscription(String openid, String templateId) {
    grantSubscriptions(openid, templateId, 1);
  }

  /**
   * @param openid     the user
   * @param templateId the template
   * @param count      how many accepts to add
   */
  public synchronized void grantSubscriptions(String openid, String templateId, int count) {
    users.putIfAbsent(openid, "");
    consents.grant(openid, templateId, count);
  }

  /**
   * @param openid     the user
   * @param templateId the template
   * @return sends left for a one-time template
   */
  public synchronized int subscriptionBalance(String openid, String templateId) {
    return consents.balance(openid, templateId);
  }

  /**
   * Makes a page answer 41030.
   *
   * @param page the page path, without query
   */
  public synchronized void invalidPage(String page) {
    consents.invalidPage(page);
  }

  /**
   * Once any page is declared valid, every other page answers 41030.
   *
   * @param pages page paths, without query
   */
  public synchronized void validPages(String... pages) {
    consents.validPages(List.of(pages));
  }

  // ------------------------------------------------------------------ test API: tokens and clock

  /** Makes every issued token expired: using one answers 42001, and the next stable token is a new one. */
  public synchronized void expireTokens() {
    long now = now();
    tokens.replaceAll((k, t) -> new Token(t.value(), Math.min(t.expiresAt(), now)));
  }

  /** Forgets every issued token: using one answers 40001. */
  public synchronized void invalidateTokens() {
    tokens.clear();
    currentStable = null;
    currentClassic = null;
  }

  /**
   * @param lifetime the {@code expires_in} of tokens issued from now on (default 7200 s)
   */
  public synchronized void tokenLifetime(Duration lifetime) {
    tokenLifetimeMs = lifetime.toMillis();
  }

  /**
   * Moves the fake's clock forward (code and token lifetimes).
   *
   * @param duration how far
   */
  public void advanceTime(Duration duration) {
    clockOffsetMs.addAndGet(duration.toMillis());
  }

  // ------------------------------------------------------------------ test API: faults

  /**
   * The next request to {@code path} answers HTTP 200 with {@code errcode} (queued: call several times for several
   * requests).
   *
   * @param path    an API path, e.g. {@link #SUBSCRIBE_SEND}
   * @param errcode the errcode
   */
  public void failNext(String path, int errcode) {
    faultPlan.failNext(path, errcode);
  }

  /**
   * The next request to {@code path} answers with HTTP {@code status} and an HTML body.
   *
   * @param path   an API path
   * @param status the HTTP status, e.g. 502
   */
  public void failNextHttp(String path, int status) {
    faultPlan.failNextHttp(path, status);
  }

  /**
   * The next request to {@code path} is answered only after {@code ms}. It is still carried out, as WeChat would
   * (a message sent this way is delivered even if the client gave up waiting).
   *
   * @param path an API path
   * @param ms   the delay
   */
  public void delayNext(String path, long ms) {
    faultPlan.delayNext(path, ms);
  }

  /**
   * The next {@code n} requests, on any path, answer errcode -1 (system busy).
   *
   * @param n how many
   */
  public void busyFor(int n) {
    faultPlan.busyFor(n);
  }

  // ------------------------------------------------------------------ test API: observations

  /**
   * @param path an API path
   * @return requests received on {@code path}, faults included
   */
  public int calls(String path) {
    return faultPlan.calls(path);
  }

  /** @return requests received on {@code /cgi-bin/stable_token} */
  public int stableTokenCalls() {
    return calls(STABLE_TOKEN);
  }

  /** @return requests received on {@code /cgi-bin/message/subscribe/send} */
  public int sendCalls() {
    return calls(SUBSCRIBE_SEND);
  }

  /** @return stable-token requests with {@code force_refresh: true} */
  public synchronized int forceRefreshCalls() {
    return forceRefreshCalls;
  }

  /** @return every accepted subscribe message, in order */
  public synchronized List<DeliveredMessage> delivered() {
    return List.copyOf(delivered);
  }

  /**
   * @param openid     the user
   * @param templateId the template
   * @return accepted messages for the pair
   */
  public synchronized long deliveries(String openid, String templateId) {
    return delivered.stream().filter(m -> m.touser().equals(openid) && m.templateId().equals(templateId)).count();
  }

  /** @return accepted messages identical (receiver, template, page, values) to an earlier accepted one */
  public synchronized List<DeliveredMessage> duplicates() {
    Set<Object> seen = new HashSet<>();
    List<DeliveredMessage> duplicates = new ArrayList<>();
    for (DeliveredMessage m : delivered) {
      if (!seen.add(m.contentKey())) {
        duplicates.add(m);
      }
    }
    return duplicates;
  }

  /** @return the current access tokens WeChat would accept */
  public synchronized Set<String> validTokens() {
    long now = now();
    Set<String> valid = new HashSet<>();
    tokens.values().stream().filter(t -> t.expiresAt() > now).forEach(t -> valid.add(t.value()));
    return valid;
  }

  // ------------------------------------------------------------------ serving

  private synchronized void code2Session(RoutingContext ctx) {
    if (!checkCredentials(ctx, ctx.queryParams().get("appid"), ctx.queryParams().get("secret"))) {
      return;
    }
    if (!"authorization_code".equals(ctx.queryParams().get("grant_type"))) {
      error(ctx, 40002, "invalid grant_type");
      return;
    }
    String jsCode = ctx.queryParams().get("js_code");
    if (jsCode == null || jsCode.isEmpty()) {
      error(ctx, 41008, "missing code");
      return;
    }
    Code code = loginCodes.remove(jsCode);
    if (code == null || code.expiresAt() <= now()) {
      error(ctx, 40029, "invalid code");
      return;
    }
    JsonObject answer = new JsonObject().put("openid", code.subject()).put("session_key", random(16));
    String unionid = users.get(code.subject());
    if (unionid != null && !unionid.isEmpty()) {
      answer.put("unionid", unionid);
    }
    // the real code2Session answers text/plain
    respond(ctx, "text/plain", answer);
  }

  private synchronized void stableToken(RoutingContext ctx) {
    JsonObject body = jsonBody(ctx);
    if (body == null) {
      return;
    }
    if (!"client_credential".equals(body.getValue("grant_type"))) {
      error(ctx, 40002, "invalid grant_type");
      return;
    }
    if (!checkCredentials(ctx, str(body.getValue("appid")), str(body.getValue("secret")))) {
      return;
    }
    long now = now();
    boolean force = Boolean.TRUE.equals(body.getValue("force_refresh"));
    Token current = currentStable == null ? null : tokens.get(currentStable);
    if (force) {
      forceRefreshCalls++;
      if (currentStable != null) {
        tokens.remove(currentStable);
      }
      current = null;
    }
    if (current == null || current.expiresAt() - now <= RENEW_WINDOW_MS) {
      current = new Token("stable-" + random(24), now + tokenLifetimeMs);
      tokens.put(current.value(), current);
      currentStable = current.value();
    }
    respond(ctx, new JsonObject().put("access_token", current.value())
      .put("expires_in", Math.max(0, (current.expiresAt() - now) / 1000)));
  }

  private synchronized void classicToken(RoutingContext ctx) {
    if (!"client_credential".equals(ctx.queryParams().get("grant_type"))) {
      error(ctx, 40002, "invalid grant_type");
      return;
    }
    if (!checkCredentials(ctx, ctx.queryParams().get("appid"), ctx.queryParams().get("secret"))) {
      return;
    }
    long now = now();
    if (currentClassic != null && tokens.get(currentClassic) != null) {
      Token previous = tokens.get(currentClassic);
      tokens.put(previous.value(), new Token(previous.value(), Math.min(previous.expiresAt(), now + RENEW_WINDOW_MS)));
    }
    Token token = new Token("classic-" + random(24), now + tokenLifetimeMs);
    tokens.put(token.value(), token);
    currentClassic = token.value();
    respond(ctx, new JsonObject().put("access_token", token.value()).put("expires_in", tokenLifetimeMs / 1000));
  }

  private synchronized void subscribeSend(RoutingContext ctx) {
    if (!checkToken(ctx)) {
      return;
    }
    JsonObject body = jsonBody(ctx);
    if (body == null) {
      return;
    }
    String touser = str(body.getValue("touser"));
    if (touser == null || !users.containsKey(touser)) {
      error(ctx, 40003, "invalid openid");
      return;
    }
    String templateId = str(body.getValue("template_id"));
    Consents.Template template = consents.template(templateId);
    if (template == null) {
      error(ctx, 40037, "invalid template_id");
      return;
    }
    String page = str(body.getValue("page"));
    if (page != null && !page.isEmpty()) {
      if (!consents.pageExists(page)) {
        error(ctx, 41030, "invalid page");
        return;
      }
    }
    String state = str(body.getValue("miniprogram_state"));
    if (state != null && !Set.of("developer", "trial", "formal").contains(state)) {
      error(ctx, 47003, "argument invalid! miniprogram_state invalid");
      return;
    }
    if (!(body.getValue("data") instanceof JsonObject data)) {
      error(ctx, 47003, "argument invalid! data is empty");
      return;
    }
    Consents.Checked checked = Consents.check(template, data);
    if (checked.error() != null) {
      error(ctx, 47003, checked.error());
      return;
    }
    if (!template.longTerm() && !consents.consume(touser, templateId)) {
      error(ctx, 43101, "user refuse to accept the msg");
      return;
    }
    delivered.add(new DeliveredMessage(touser, templateId, page, checked.values(), state,
      str(body.getValue("lang")), Instant.ofEpochMilli(now())));
    respond(ctx, new JsonObject().put("errcode", 0).put("errmsg", "ok").put("msgid", WeChatReplies.messageId()));
  }

  private synchronized void phoneNumber(RoutingContext ctx) {
    if (!checkToken(ctx)) {
      return;
    }
    JsonObject body = jsonBody(ctx);
    if (body == null) {
      return;
    }
    String given = str(body.getValue("code"));
    Code code = given == null ? null : phoneCodes.remove(given);
    if (code == null || code.expiresAt() <= now()) {
      error(ctx, 40029, "invalid code");
      return;
    }
    String countryCode = code.subject().substring(0, code.subject().indexOf(':'));
    String pure = code.subject().substring(code.subject().indexOf(':') + 1);
    JsonObject info = new JsonObject()
      .put("phoneNumber", "86".equals(countryCode) ? pure : "+" + countryCode + pure)
      .put("purePhoneNumber", pure)
      .put("countryCode", countryCodeAsNumber ? (Object) Integer.valueOf(countryCode) : countryCode)
      .put("watermark", new JsonObject().put("timestamp", now() / 1000).put("appid", appId));
    respond(ctx, new JsonObject().put("errcode", 0).put("errmsg", "ok").put("phone_info", info));
  }

  private boolean checkCredentials(RoutingContext ctx, String givenAppId, String givenSecret) {
    if (!appId.equals(givenAppId)) {
      error(ctx, 40013, "invalid appid");
      return false;
    }
    if (!secret.equals(givenSecret)) {
      error(ctx, 40125, "invalid appsecret");
      return false;
    }
    return true;
  }

  private boolean checkToken(RoutingContext ctx) {
    String given = ctx.queryParams().get("access_token");
    if (given == null || given.isEmpty()) {
      error(ctx, 41001, "access_token missing");
      return false;
    }
    Token token = tokens.get(given);
    if (token == null) {
      error(ctx, 40001, "invalid credential, access_token is invalid or not latest");
      return false;
    }
    if (token.expiresAt() <= now()) {
      error(ctx, 42001, "access_token expired");
      return false;
    }
    return true;
  }

  private long now() {
    return System.currentTimeMillis() + clockOffsetMs.get();
  }

  private static String str(Object value) {
    return value instanceof String s ? s : null;
  }

  private record Code(String subject, long expiresAt) {
  }

  private record Token(String value, long expiresAt) {
  }

}
