package cn.enterprisegrid.mp.wechat.fake;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

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


  private final String appId;
  private final String secret;
  private final AtomicLong clockOffsetMs = new AtomicLong();

  // all state below is guarded by "this"
  private final Identities identities = new Identities();
  private final AccessTokens tokens = new AccessTokens();
  private final Consents consents = new Consents();
  private final List<DeliveredMessage> delivered = new ArrayList<>();
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
    WeChatHandlers h = new WeChatHandlers(appId, secret, identities, tokens, consents, delivered, this::now);
    router.get(CODE2SESSION).handler(ctx -> faultPlan.serve(vertx, ctx, locked(h::code2Session)));
    router.post(STABLE_TOKEN).handler(ctx -> faultPlan.serve(vertx, ctx, locked(h::stableToken)));
    router.get(TOKEN).handler(ctx -> faultPlan.serve(vertx, ctx, locked(h::classicToken)));
    router.post(SUBSCRIBE_SEND).handler(ctx -> faultPlan.serve(vertx, ctx, locked(h::subscribeSend)));
    router.post(PHONE_NUMBER).handler(ctx -> faultPlan.serve(vertx, ctx, locked(h::phoneNumber)));
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
    identities.reset();
    tokens.reset();
    consents.reset();
    delivered.clear();
    faultPlan.reset();
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
    identities.addUser(openid, unionid);
  }

  /**
   * Issues a login code as {@code wx.login} would: valid once, for 5 minutes. Registers the user if unknown.
   *
   * @param openid who logs in
   * @return the code
   */
  public synchronized String issueCode(String openid) {
    return identities.issueLoginCode(openid, now());
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
    return identities.issuePhoneCode(purePhoneNumber, countryCode, now());
  }

  /**
   * @param asNumber whether {@code countryCode} is sent as a JSON number (default: as a string)
   */
  public synchronized void countryCodeAsNumber(boolean asNumber) {
    identities.countryCodeAsNumber(asNumber);
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
    identities.knowUser(openid);
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
    tokens.expireAll(now());
  }

  /** Forgets every issued token: using one answers 40001. */
  public synchronized void invalidateTokens() {
    tokens.invalidate();
  }

  /**
   * @param lifetime the {@code expires_in} of tokens issued from now on (default 7200 s)
   */
  public synchronized void tokenLifetime(Duration lifetime) {
    tokens.lifetime(lifetime);
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
    return tokens.forceRefreshCalls();
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
    return tokens.valid(now());
  }

  /** A handler run under this server's lock, like the test API's methods. */
  private Consumer<RoutingContext> locked(Consumer<RoutingContext> handler) {
    return ctx -> {
      synchronized (this) {
        handler.accept(ctx);
      }
    };
  }

  private long now() {
    return System.currentTimeMillis() + clockOffsetMs.get();
  }


}
