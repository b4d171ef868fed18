package cn.enterprisegrid.mp.wechat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * One HTTP exchange with the WeChat API: sends, then turns every outcome into either the answer's JSON (errcode
 * absent or 0) or a failed future holding a {@link WeChatException}.
 */
final class WeChatHttp {

  private static final Pattern QUERY = Pattern.compile("\\?[^\\s]*");

  private final WebClient client;
  private final String apiBase;
  private final long timeoutMs;

  WeChatHttp(WebClient client, String apiBase, long timeoutMs) {
    this.client = client;
    this.apiBase = apiBase;
    this.timeoutMs = timeoutMs;
  }

  Future<JsonObject> get(String path, Map<String, String> query) {
    return request(HttpMethod.GET, path, query).send().transform(ar -> answer(path, ar.result(), ar.cause()));
  }

  Future<JsonObject> post(String path, Map<String, String> query, JsonObject body) {
    return request(HttpMethod.POST, path, query).sendJsonObject(body)
      .transform(ar -> answer(path, ar.result(), ar.cause()));
  }

  private HttpRequest<Buffer> request(HttpMethod method, String path, Map<String, String> query) {
    HttpRequest<Buffer> request = client.requestAbs(method, apiBase + path).timeout(timeoutMs);
    query.forEach(request::addQueryParam);
    return request;
  }

  /**
   * The access token, the AppSecret and login codes travel in the query, and Vert.x's failure messages quote the
   * request URI: failures are described with the query cut off, and their causes are not kept.
   */
  private static Future<JsonObject> answer(String path, HttpResponse<Buffer> response, Throwable failure) {
    if (failure != null) {
      String why = failure.getClass().getSimpleName() + ": " + withoutQuery(failure.getMessage());
      int code = failure instanceof TimeoutException ? WeChatException.TIMEOUT : WeChatException.NETWORK;
      return Future.failedFuture(new WeChatException(code, path + ": " + why));
    }
    if (response.statusCode() != 200) {
      return Future.failedFuture(new WeChatException(WeChatException.HTTP_STATUS,
        path + ": HTTP " + response.statusCode(), response.statusCode(), null));
    }
    JsonObject json;
    try {
      Buffer body = response.body();
      json = body == null ? null : body.toJsonObject();
    } catch (DecodeException | ClassCastException e) {
      return Future.failedFuture(new WeChatException(WeChatException.BAD_RESPONSE,
        path + ": answer is not a JSON object", 0, e));
    }
    if (json == null) {
      return Future.failedFuture(new WeChatException(WeChatException.BAD_RESPONSE, path + ": empty answer"));
    }
    Object errcode = json.getValue("errcode");
    int code;
    if (errcode == null) {
      code = 0;
    } else if (errcode instanceof Number n) {
      code = n.intValue();
    } else {
      try {
        code = Integer.parseInt(errcode.toString().trim());
      } catch (NumberFormatException e) {
        return Future.failedFuture(new WeChatException(WeChatException.BAD_RESPONSE,
          path + ": errcode is not a number"));
      }
    }
    if (code != 0) {
      return Future.failedFuture(new WeChatException(code, String.valueOf(json.getValue("errmsg", ""))));
    }
    return Future.succeededFuture(json);
  }

  static String withoutQuery(String message) {
    return message == null ? "" : QUERY.matcher(message).replaceAll("?***");
  }
}
