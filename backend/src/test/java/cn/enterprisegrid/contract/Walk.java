package cn.enterprisegrid.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Calls of one document's operations through Prism, and the check of what they found: every call
 * is recorded with Prism's violations; {@link #verify()} fails on an answer other than the one the
 * call expected, on an undocumented status, on a Prism violation (of the answer, or of a request
 * that was meant to be valid) and on a documented status no call exercised.
 */
abstract class Walk {
  static final int OVERSIZED = 1024 * 1024 + 1;

  final WebClient viaPrism;
  final Operations ops;
  final List<Call> calls = new ArrayList<>();
  final List<String> unexpected = new ArrayList<>();
  final Map<String, Sample> samples = new LinkedHashMap<>();
  /** Documented statuses a walk cannot provoke, by operation, with the reason. */
  final Map<String, Map<Integer, String>> notExercised = new TreeMap<>();

  /** One exchange: what was sent and answered, and what Prism found. */
  record Call(String op, HttpMethod method, String path, int status, boolean malformed,
      JsonArray violations, String body) {
  }

  /** A valid request of an operation, reused for the answers every operation shares. */
  record Sample(HttpMethod method, String path, String token, JsonObject body, String contentType, Buffer raw,
      int status) {
  }

  Walk(WebClient viaPrism, Operations ops) {
    this.viaPrism = viaPrism;
    this.ops = ops;
  }

  abstract void run();

  /** A token the operation refuses by role. */
  abstract String wrongRole(String op, Sample s);

  /**
   * The answers every operation shares, from its valid sample: 401 without a token, 403 with a
   * token of a role it does not serve, 400 for a malformed path parameter, 413 and 415 for bodies.
   */
  void shared() {
    for (Operations.Op op : ops.all()) {
      Sample s = samples.get(op.id());
      assertThat(s).as("no valid sample call of " + op.id()).isNotNull();
      if (op.secured()) {
        send(op.id(), s, s.path, null, 401, true);
        if (op.statuses().contains(403)) {
          send(op.id(), s, s.path, wrongRole(op.id(), s), 403, false);
        }
      }
      if (op.hasPathParameter() && op.statuses().contains(400)) {
        send(op.id(), s, malformedPath(op.path(), s.path), s.token, 400, true);
      }
      if (op.hasBody() && op.statuses().contains(415)) {
        raw(op.id(), s.method, s.path, s.token, "text/plain", Buffer.buffer("employees=42"), 415);
      }
      if (op.statuses().contains(413)) {
        raw(op.id(), s.method, s.path, s.token, "application/json",
            Buffer.buffer("{\"x\":\"" + "x".repeat(OVERSIZED) + "\"}"), 413);
      }
    }
  }

  /** The request path with the first path parameter of the template replaced by a malformed value. */
  static String malformedPath(String template, String path) {
    String[] t = template.split("/");
    int q = path.indexOf('?');
    String[] p = (q < 0 ? path : path.substring(0, q)).split("/");
    for (int i = 0; i < t.length; i++) {
      if (t[i].startsWith("{")) {
        p[i] = "not%20an%20id";
        break;
      }
    }
    return String.join("/", p) + (q < 0 ? "" : path.substring(q));
  }

  void sample(String op, HttpMethod method, String path, String token, JsonObject body, int status) {
    samples.put(op, new Sample(method, path, token, body, null, null, status));
    call(op, method, path, token, body, status, false);
  }

  void sampleRaw(String op, HttpMethod method, String path, String token, String contentType, Buffer body, int status) {
    samples.put(op, new Sample(method, path, token, null, contentType, body, status));
    raw(op, method, path, token, contentType, body, status, false);
  }

  /** The sample sent again to {@code path} with {@code token}. */
  void send(String op, Sample s, String path, String token, int status, boolean malformed) {
    if (s.raw != null) {
      raw(op, s.method, path, token, s.contentType, s.raw, status, malformed);
    } else {
      call(op, s.method, path, token, s.body, status, malformed);
    }
  }

  void call(String op, HttpMethod method, String path, String token, JsonObject body, int status, boolean malformed) {
    HttpRequest<Buffer> req = viaPrism.request(method, path);
    if (token != null) {
      req.putHeader("Authorization", "Bearer " + token);
    }
    HttpResponse<Buffer> r = body == null ? req.send().await() : req.sendJsonObject(body).await();
    record(op, method, path, r, status, malformed);
  }

  void raw(String op, HttpMethod method, String path, String token, String contentType, Buffer body, int status) {
    raw(op, method, path, token, contentType, body, status, true);
  }

  void raw(String op, HttpMethod method, String path, String token, String contentType, Buffer body, int status,
      boolean malformed) {
    HttpRequest<Buffer> req = viaPrism.request(method, path).putHeader("Content-Type", contentType);
    if (token != null) {
      req.putHeader("Authorization", "Bearer " + token);
    }
    record(op, method, path, req.sendBuffer(body).await(), status, malformed);
  }

  HttpResponse<Buffer> record(String op, HttpMethod method, String path, HttpResponse<Buffer> r, int expected,
      boolean malformed) {
    String body = r.getHeader("Content-Type") != null && r.getHeader("Content-Type").startsWith("image/")
        ? "<image>" : r.bodyAsString();
    String shown = body == null ? "" : body.substring(0, Math.min(300, body.length()));
    if (r.statusCode() != expected) {
      unexpected.add(op + " " + method + " " + path + " answered " + r.statusCode() + ", not " + expected + ": " + shown);
    }
    calls.add(new Call(op, method, path, r.statusCode(), malformed, Prism.violations(r.getHeader("sl-violations")), shown));
    return r;
  }

  /** The sample to send again, for a walk whose sample cannot be replayed as it is (a one-time code). */
  Sample again(String op, Sample s) {
    return s;
  }

  /** Where the calls made with Redis unreachable begin. */
  int cutAt = -1;

  /**
   * Every sample again with Redis unreachable (the proxy in front of it cut): 503 where the
   * operation documents it, otherwise what the sample answered (an operation that does not touch
   * Redis).
   */
  void unavailable(RedisCut redis) {
    cutAt = calls.size();
    redis.cut();
    try {
      for (Operations.Op op : ops.all()) {
        Sample s = again(op.id(), samples.get(op.id()));
        send(op.id(), s, s.path, s.token, op.statuses().contains(503) ? 503 : s.status, false);
      }
    } finally {
      redis.restore();
    }
  }

  /**
   * Fails on an unexpected answer, a difference Prism found, an undocumented or an unexercised
   * status: of the calls with Redis reachable and every status but 503, or ({@code unreachable})
   * of the calls with Redis unreachable and 503.
   */
  void verify(boolean unreachable) {
    Map<String, Set<Integer>> exercised = new TreeMap<>();
    List<String> differences = new ArrayList<>();
    int end = cutAt < 0 ? calls.size() : cutAt;
    for (Call c : unreachable ? calls.subList(cutAt, calls.size()) : calls.subList(0, end)) {
      exercised.computeIfAbsent(c.op, k -> new TreeSet<>()).add(c.status);
      Operations.Op op = ops.all().stream().filter(o -> o.id().equals(c.op)).findFirst()
          .orElseThrow(() -> new AssertionError("no operation " + c.op));
      assertThat(op.matches(c.method.name(), c.path)).as(c.op + " is " + op.method() + " " + op.path()
          + ", not " + c.method + " " + c.path).isTrue();
      if (!op.statuses().contains(c.status)) {
        differences.add(c.op + " " + c.method + " " + c.path + " answered undocumented " + c.status + ": " + c.body);
      }
      for (Object v : c.violations) {
        if (Prism.onResponse(v) || !c.malformed) {
          differences.add(c.op + " " + c.method + " " + c.path + " " + c.status + ": " + v);
        }
      }
    }
    Map<String, Set<Integer>> missing = new TreeMap<>();
    for (Operations.Op op : ops.all()) {
      Set<Integer> left = new TreeSet<>(op.statuses());
      left.removeIf(status -> unreachable != (status == 503));
      left.removeAll(exercised.getOrDefault(op.id(), Set.of()));
      left.removeAll(notExercised.getOrDefault(op.id(), Map.of()).keySet());
      if (!left.isEmpty()) {
        missing.put(op.id(), left);
      }
    }
    assertThat(unexpected).as("answers other than the calls expected").isEmpty();
    assertThat(differences).as("differences Prism found or statuses the document does not list").isEmpty();
    assertThat(missing).as("documented statuses no call exercised").isEmpty();
  }

  /** Operations × statuses exercised, for the report. */
  String coverage() {
    Map<String, Set<Integer>> exercised = new TreeMap<>();
    calls.forEach(c -> exercised.computeIfAbsent(c.op, k -> new TreeSet<>()).add(c.status));
    int pairs = exercised.values().stream().mapToInt(Set::size).sum();
    int documented = ops.all().stream().mapToInt(o -> o.statuses().size()).sum();
    return exercised.size() + "/" + ops.all().size() + " operations, " + pairs + "/" + documented
        + " operation×status pairs, " + calls.size() + " calls; not exercised: " + notExercised;
  }
}
