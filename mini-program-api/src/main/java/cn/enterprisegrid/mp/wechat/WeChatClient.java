package cn.enterprisegrid.mp.wechat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The WeChat mini-program server API: login ({@code code2Session}), subscribe messages, phone numbers, and the
 * message-push signature check.
 * <p>
 * Calls that need an access token use the stable token ({@code POST /cgi-bin/stable_token}, never
 * {@code force_refresh}), cached in Redis under {@code wechat:{token}:<appid>} and shared by every backend node.
 * When WeChat rejects the token (40001, 42001) the cached token is dropped only if it is still the one that failed,
 * a token is obtained again and the call is retried exactly once.
 * <p>
 * Every failure is a {@link WeChatException}; no call retries anything else: callers decide with
 * {@link WeChatException#isRetryable()}. Thread-safe; futures complete on the caller's context.
 */
public final class WeChatClient {

  private static final Logger LOG = LoggerFactory.getLogger(WeChatClient.class);

  static final String CODE2SESSION = "/sns/jscode2session";
  static final String STABLE_TOKEN = "/cgi-bin/stable_token";
  static final String SUBSCRIBE_SEND = "/cgi-bin/message/subscribe/send";
  static final String PHONE_NUMBER = "/wxa/business/getuserphonenumber";

  private final WeChatConfig config;
  private final WebClient webClient;
  private final boolean ownsWebClient;
  private final WeChatHttp http;
  private final SharedAccessToken token;

  /**
   * A client with its own {@link WebClient}; {@link #close()} closes it.
   *
   * @param vertx  the Vert.x instance
   * @param config account and endpoint
   * @param redis  the Redis shared by the backend nodes (the caller owns and closes it)
   */
  public WeChatClient(Vertx vertx, WeChatConfig config, Redis redis) {
    this(vertx, WebClient.create(vertx, new WebClientOptions()
      .setUserAgent("enterprise-grid-mini-program-api")
      .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.requestTimeout().toMillis()))), true,
      config, RedisAPI.api(redis));
  }

  /**
   * A client on a caller-owned {@link WebClient} and {@link RedisAPI}; {@link #close()} closes neither.
   *
   * @param vertx     the Vert.x instance
   * @param webClient the HTTP client
   * @param config    account and endpoint
   * @param redis     the Redis shared by the backend nodes
   */
  public WeChatClient(Vertx vertx, WebClient webClient, WeChatConfig config, RedisAPI redis) {
    this(vertx, webClient, false, config, redis);
  }

  private WeChatClient(Vertx vertx, WebClient webClient, boolean ownsWebClient, WeChatConfig config,
                       RedisAPI redis) {
    this.config = Objects.requireNonNull(config, "config");
    this.webClient = webClient;
    this.ownsWebClient = ownsWebClient;
    long timeoutMs = config.requestTimeout().toMillis();
    this.http = new WeChatHttp(webClient, config.apiBase(), timeoutMs);
    this.token = new SharedAccessToken(vertx, Objects.requireNonNull(redis, "redis"), config.appId(),
      this::fetchStableToken, config.tokenSafetyMargin(), 2 * timeoutMs + 1_000);
  }

  /** @return the account and endpoint this client uses */
  public WeChatConfig config() {
    return config;
  }

  /**
   * Exchanges a login code from {@code wx.login} for the user's identity.
   *
   * @param jsCode the code (valid once, 5 minutes)
   * @return the session; fails with 40029 for an invalid or used code, -1 / 45011 when WeChat asks to retry
   */
  public Future<WeChatSession> code2Session(String jsCode) {
    if (jsCode == null || jsCode.isBlank()) {
      return Future.failedFuture(new WeChatException(WeChatException.INVALID_CODE, "empty js_code"));
    }
    return http.get(CODE2SESSION, Map.of("appid", config.appId(), "secret", config.secret(), "js_code", jsCode,
        "grant_type", "authorization_code"))
      .compose(json -> {
        String openid = json.getString("openid");
        if (openid == null || openid.isEmpty()) {
          return Future.failedFuture(new WeChatException(WeChatException.BAD_RESPONSE,
            CODE2SESSION + ": answer without openid"));
        }
        return Future.succeededFuture(new WeChatSession(openid, json.getString("session_key"),
          blankToNull(json.getString("unionid"))));
      });
  }

  /**
   * Sends one subscribe message.
   *
   * @param message the message
   * @return success, or a {@link WeChatException}: {@link WeChatException#isNoSubscription()} (43101),
   * {@link WeChatException#isBadData()} (47003), 40003 / 40037 / 41030, or a retryable failure
   */
  public Future<Void> sendSubscribeMessage(SubscribeMessage message) {
    JsonObject body = message.toJson();
    return postWithToken(SUBSCRIBE_SEND, body).mapEmpty();
  }

  /**
   * Exchanges a {@code getPhoneNumber} code for the user's phone number.
   *
   * @param code the code from the mini-program's phone-number button (valid once, 5 minutes)
   * @return the number; fails with 40029 for an invalid or used code
   */
  public Future<PhoneNumber> phoneNumber(String code) {
    if (code == null || code.isBlank()) {
      return Future.failedFuture(new WeChatException(WeChatException.INVALID_CODE, "empty code"));
    }
    return postWithToken(PHONE_NUMBER, new JsonObject().put("code", code)).compose(json -> {
      Object info = json.getValue("phone_info");
      if (!(info instanceof JsonObject phone) || phone.getValue("phoneNumber") == null) {
        return Future.failedFuture(new WeChatException(WeChatException.BAD_RESPONSE,
          PHONE_NUMBER + ": answer without phone_info"));
      }
      return Future.succeededFuture(new PhoneNumber(text(phone.getValue("phoneNumber")),
        text(phone.getValue("purePhoneNumber")), text(phone.getValue("countryCode"))));
    });
  }

  /**
   * Posts {@code body} to a WeChat API path that takes {@code access_token} in the query, with the shared token and
   * the retry-once-on-40001/42001 rule. For calls this class does not wrap yet.
   *
   * @param path the API path, e.g. {@code /wxa/getwxacodeunlimit}
   * @param body the JSON body
   * @return the answer (errcode absent or 0)
   */
  public Future<JsonObject> postWithToken(String path, JsonObject body) {
    return withToken(accessToken -> http.post(path, Map.of("access_token", accessToken), body));
  }

  /**
   * @return the current access token, shared through Redis (fetched from WeChat only when no node has one)
   */
  public Future<String> accessToken() {
    return token.get();
  }

  /**
   * Checks the signature WeChat adds to message-push requests: {@code sha1} of token, timestamp and nonce, sorted
   * and concatenated, in hex.
   *
   * @param token     the push token configured in the WeChat console
   * @param signature the {@code signature} query parameter
   * @param timestamp the {@code timestamp} query parameter
   * @param nonce     the {@code nonce} query parameter
   * @return whether the signature matches; false when any argument is null
   */
  public static boolean checkPushSignature(String token, String signature, String timestamp, String nonce) {
    return PushSignature.check(token, signature, timestamp, nonce);
  }

  /**
   * Closes the {@link WebClient} if this client created it.
   */
  public void close() {
    if (ownsWebClient) {
      webClient.close();
    }
  }

  private <T> Future<T> withToken(Function<String, Future<T>> call) {
    return token.get().compose(accessToken -> call.apply(accessToken).recover(failure -> {
      if (failure instanceof WeChatException e && e.isTokenInvalid()) {
        LOG.info("WeChat rejected the access token (errcode {}); fetching again and retrying once", e.errcode());
        return token.invalidate(accessToken).compose(removed -> token.get()).compose(call);
      }
      return Future.failedFuture(failure);
    }));
  }

  private Future<IssuedToken> fetchStableToken() {
    JsonObject body = new JsonObject().put("grant_type", "client_credential").put("appid", config.appId())
      .put("secret", config.secret()).put("force_refresh", false);
    return http.post(STABLE_TOKEN, Map.of(), body).compose(json -> {
      String accessToken = json.getString("access_token");
      Number expiresIn = json.getNumber("expires_in");
      if (accessToken == null || accessToken.isEmpty() || expiresIn == null) {
        return Future.failedFuture(new WeChatException(WeChatException.BAD_RESPONSE,
          STABLE_TOKEN + ": answer without access_token / expires_in"));
      }
      return Future.succeededFuture(new IssuedToken(accessToken, expiresIn.longValue()));
    });
  }

  private static String text(Object value) {
    if (value instanceof Number n) {
      return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
    }
    return value == null ? null : value.toString();
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
