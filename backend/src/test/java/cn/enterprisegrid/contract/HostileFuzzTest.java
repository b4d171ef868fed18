package cn.enterprisegrid.contract;

import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.testing.TestBackend;
import cn.enterprisegrid.testing.WithBackend;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hostile input against every operation of both contracts ({@link HostileCases}), each sent with a
 * token of the role the operation serves, so that the request gets past authentication to the
 * contract's checks and the handler's: no answer may be a 5xx; every refusal is a 4xx problem
 * document ({@code application/problem+json} with {@code status} and {@code title}); and a case no
 * reading of the contract accepts must be refused. Deterministic: the cases come from the
 * documents alone.
 */
@WithBackend(demo = true)
class HostileFuzzTest {
  static final String PASSWORD = "demo-pass-2026";
  static TestBackend app;

  /** Roles the summaries do not name (or name in passing), by operation. */
  private static final Map<String, String> CONSOLE_ROLES = Map.of(
      "consoleLogin", "NONE", "consoleInbox", "GRID_ADMIN", "listPolicies", "POLICY_AUTHOR");
  private static final Map<String, String> MP_ROLES = Map.of(
      "mpLogin", "NONE", "mpLiaisonFirms", "LIAISON", "mpRecordVisit", "LIAISON",
      "mpBind", "WECHAT", "mpBindLiaison", "WECHAT", "mpNotificationPreferences", "WECHAT",
      "mpUpdateNotificationPreferences", "WECHAT", "mpSubscriptions", "WECHAT", "mpRecordSubscriptions", "WECHAT");

  /** What one kind of answer was, for the report. */
  enum Outcome { REFUSED, ACCEPTED, SERVER_ERROR }

  @Test
  void everyOperationRefusesHostileInputWithAProblemDocument() {
    Map<String, String> tokens = tokens();
    List<HostileCases.Case> cases = new ArrayList<>();
    cases.addAll(HostileCases.of(app.get("/api/v1/openapi.yaml", null).bodyAsString(), CONSOLE_ROLES, "GRID_ADMIN"));
    cases.addAll(HostileCases.of(app.get("/mp/v1/openapi.yaml", null).bodyAsString(), MP_ROLES, "ENTERPRISE"));
    cases.addAll(transportCases());

    List<String> failures = new ArrayList<>();
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    Map<String, Integer> accepted = new TreeMap<>();
    long started = System.nanoTime();
    Map<String, Long> slow = new TreeMap<>();
    for (HostileCases.Case c : cases) {
      long t0 = System.nanoTime();
      HttpResponse<Buffer> r = send(c, tokens.get(c.role()));
      slow.merge(c.op() + " " + c.what().replaceAll("^/[^ =]+", "*"), (System.nanoTime() - t0) / 1_000_000, Long::sum);
      int status = r.statusCode();
      Outcome outcome = status >= 500 ? Outcome.SERVER_ERROR : status >= 400 ? Outcome.REFUSED : Outcome.ACCEPTED;
      outcomes.merge(outcome, 1, Integer::sum);
      String problem = status >= 400 ? problemError(r) : null;
      if (status >= 500 || problem != null || (c.strict() && outcome != Outcome.REFUSED)) {
        failures.add(c.op() + " " + c.method() + " " + shorten(c.uri()) + " [" + c.what() + "] answered " + status
            + (problem == null ? "" : " (" + problem + ")") + ": " + shorten(r.bodyAsString()));
      }
      if (outcome == Outcome.ACCEPTED) {
        accepted.merge(c.op() + " [" + c.what() + "]", 1, Integer::sum);
      }
    }
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    slow.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
        .forEach(e -> System.out.println("slowest: " + e.getValue() + " ms " + e.getKey()));
    System.out.println("hostile input: " + cases.size() + " requests in " + seconds + " s; " + outcomes
        + "; accepted (lenient cases only): " + accepted.keySet());
    assertThat(failures).as(cases.size() + " hostile requests; 5xx: " + outcomes.getOrDefault(Outcome.SERVER_ERROR, 0))
        .isEmpty();
    assertThat(outcomes.getOrDefault(Outcome.SERVER_ERROR, 0)).isZero();
  }

  /** What the decoder refuses before any route: a URL over 4 KB, headers over 16 KB, on each contract's prefix. */
  private static List<HostileCases.Case> transportCases() {
    List<HostileCases.Case> out = new ArrayList<>();
    for (String prefix : new String[] {"/api/v1/enterprises", "/mp/v1/policies/search"}) {
      out.add(new HostileCases.Case("transport", "GRID_ADMIN", HttpMethod.GET, prefix + "?q=" + "a".repeat(5000),
          null, null, true, "URL over 4 KB"));
      out.add(new HostileCases.Case("transport", "BIG_HEADER", HttpMethod.GET, prefix, null, null, true,
          "headers over 16 KB"));
    }
    return out;
  }

  private HttpResponse<Buffer> send(HostileCases.Case c, String token) {
    HttpRequest<Buffer> req = app.http.request(c.method(), c.uri());
    if ("BIG_HEADER".equals(c.role())) {
      req.putHeader("X-Fuzz", "h".repeat(17 * 1024));
    } else if (token != null) {
      req.putHeader("Authorization", "Bearer " + token);
    }
    if (c.contentType() != null) {
      req.putHeader("Content-Type", c.contentType());
    }
    return c.body() == null ? req.send().await() : req.sendBuffer(c.body()).await();
  }

  /** Why the answer is not a problem document, or null when it is one. */
  private static String problemError(HttpResponse<Buffer> r) {
    if (!"application/problem+json".equals(r.getHeader("Content-Type"))) {
      return "Content-Type " + r.getHeader("Content-Type");
    }
    try {
      JsonObject p = r.bodyAsJsonObject();
      if (p == null || p.getInteger("status") == null || p.getInteger("status") != r.statusCode()) {
        return "no matching status";
      }
      if (p.getString("title") == null || p.getString("title").isBlank()) {
        return "no title";
      }
      return null;
    } catch (RuntimeException e) {
      return "not JSON";
    }
  }

  /** A token per role: the demo's accounts, and a WeChat user bound to nothing. */
  private static Map<String, String> tokens() {
    Map<String, String> tokens = new TreeMap<>();
    tokens.put("GRID_ADMIN", app.login("kh.admin", PASSWORD));
    tokens.put("POLICY_AUTHOR", app.login("kh.jxj.author", PASSWORD));
    tokens.put("DEPT_HANDLER", app.login("kh.rsj.handler", PASSWORD));
    tokens.put("SUPERVISOR", app.login("kh.supervisor", PASSWORD));
    tokens.put("LIAISON", app.login("kh.liaison01", PASSWORD));
    tokens.put("ENTERPRISE", app.login("kh.firm01", PASSWORD));
    HttpResponse<Buffer> wx = app.post("/mp/v1/auth/login", null,
        new JsonObject().put("code", app.wechat.issueCode("openid-hostile")));
    assertThat(wx.statusCode()).as(wx.bodyAsString()).isEqualTo(200);
    tokens.put("WECHAT", wx.bodyAsJsonObject().getString("token"));
    return tokens;
  }

  private static String shorten(String s) {
    return s == null ? "<empty>" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}
