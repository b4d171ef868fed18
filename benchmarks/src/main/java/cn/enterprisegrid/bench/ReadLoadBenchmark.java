package cn.enterprisegrid.bench;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load test of every read: each GET operation of both contracts (console and mini-program),
 * {@code /health}, and the two reads sent as POST (simulation, call-back sampling), loaded in turn by
 * wrk in its own process with C keep-alive connections (default 64) for S seconds each (default 5,
 * after a 2 s warm-up), as the role that uses it, over the demo data (3,000 firms of 开化县, its grid,
 * policies, visits and problems) plus F more firms registered first (default 0). Prints per
 * endpoint: requests per second, p50 / p99 latency, answers by status class, and fails (exit 1)
 * when any endpoint answered a 5xx or a socket error, or when an operation of a contract has no
 * row here (so a new read cannot escape the test).
 *
 * <p>Arguments: {@code [seconds] [connections] [extraFirms] [only]} ({@code only}: a substring of the
 * endpoints to run, e.g. {@code reports}).
 */
public final class ReadLoadBenchmark {
  private static final int WARM_UP_S = 2;
  private static final String PASSWORD = "demo-pass-2026";
  private static final Pattern PATH_LINE = Pattern.compile("^  (/\\S+):\\s*$");
  private static final Pattern GET_LINE = Pattern.compile("^    get:\\s*$");

  /** One loaded endpoint: the contract's path (for the coverage check), the role, the requests it cycles. */
  record Endpoint(String contractPath, String role, HttpMethod method, List<String> paths, String body) {
    static Endpoint get(String contractPath, String role, List<String> paths) {
      return new Endpoint(contractPath, role, HttpMethod.GET, paths, null);
    }

    String label() {
      return (method == HttpMethod.GET ? "" : method + " ") + contractPath;
    }
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    int extraFirms = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    String only = args.length > 3 ? args[3] : "";

    try (InProcessBackend app = InProcessBackend.start("bench-reads", 8, new JsonObject(), true)) {
      if (extraFirms > 0) {
        app.registerFirms(extraFirms, 29);
      }
      Fixture f = Fixture.load(app);
      List<Endpoint> endpoints = endpoints(f);
      Set<String> missing = uncovered(endpoints);
      String url = "http://127.0.0.1:" + app.port;
      List<String[]> rows = new ArrayList<>();
      boolean failed = !missing.isEmpty();
      for (Endpoint e : endpoints) {
        if (!e.label().contains(only)) {
          continue;
        }
        Path script = Files.createTempFile(app.data, "read", ".lua");
        Files.writeString(script, luaScript(f.tokens.get(e.role()), e), StandardCharsets.UTF_8);
        Wrk.run(script, url, connections, WARM_UP_S, false);
        Wrk run = Wrk.run(script, url, connections, seconds, false);
        long bad = run.count("5xx") + run.count("socket-errors");
        failed |= bad > 0 || run.count("2xx") == 0;
        rows.add(new String[] {e.label(), e.role(), String.format("%,.0f", run.perSecond()), run.p50(), run.p99(),
            String.valueOf(run.count("2xx")), String.valueOf(run.count("4xx")), String.valueOf(run.count("5xx")),
            String.valueOf(run.count("socket-errors"))});
        System.out.printf("%-48s %-14s %10s /s  p50 %-8s p99 %-8s 2xx %s 4xx %s 5xx %s errors %s%n", (Object[]) rows
            .get(rows.size() - 1));
        if (bad > 0 || run.count("4xx") > 0 || run.count("2xx") == 0) {
          run.output().lines().filter(l -> l.startsWith("answer ")).forEach(l -> System.out.println("    " + l));
        }
      }
      System.out.println();
      System.out.printf("%d connections, %d s per endpoint after a %d s warm-up, %,d firms%n", connections,
          seconds, WARM_UP_S, 3_000 + extraFirms);
      System.out.println("| endpoint | role | requests/s | p50 | p99 | 2xx | 4xx | 5xx | socket errors |");
      System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|");
      rows.forEach(r -> System.out.println("| " + String.join(" | ", r) + " |"));
      if (!missing.isEmpty()) {
        System.out.println("GET operations of the contracts with no row in this test: " + missing);
      }
      System.out.println(failed ? "FAILED: 5xx answers, socket errors, an endpoint never answered 2xx, or "
          + "an uncovered operation" : "every endpoint answered without a 5xx");
      if (failed) {
        System.exit(1);
      }
    }
  }

  /** Every read, as the role that makes it. */
  static List<Endpoint> endpoints(Fixture f) {
    List<Endpoint> list = new ArrayList<>();
    list.add(Endpoint.get("/health", "none", List.of("/health")));
    list.add(Endpoint.get("/api/v1/auth/me", "admin", List.of("/api/v1/auth/me")));
    list.add(Endpoint.get("/api/v1/audit", "supervisor", List.of("/api/v1/audit?limit=20")));
    list.add(Endpoint.get("/api/v1/enterprises", "admin", List.of("/api/v1/enterprises?limit=20")));
    list.add(Endpoint.get("/api/v1/enterprises", "admin",
        List.of("/api/v1/enterprises?limit=20&industry=C&size=SMALL", "/api/v1/enterprises?limit=20&q=%E7%A7%91%E6%8A%80")));
    list.add(Endpoint.get("/api/v1/enterprises/{uscc}", "admin", each("/api/v1/enterprises/", f.usccs, "")));
    list.add(Endpoint.get("/api/v1/enterprises/{uscc}/history", "admin",
        each("/api/v1/enterprises/", f.usccs, "/history")));
    list.add(Endpoint.get("/api/v1/enterprises/{uscc}/corrections", "admin",
        each("/api/v1/enterprises/", f.usccs, "/corrections")));
    list.add(Endpoint.get("/api/v1/enterprises/{uscc}/code.png", "admin",
        each("/api/v1/enterprises/", f.usccs.subList(0, 20), "/code.png")));
    list.add(Endpoint.get("/api/v1/grid/cells", "admin", List.of("/api/v1/grid/cells")));
    list.add(Endpoint.get("/api/v1/grid/coverage", "admin", List.of("/api/v1/grid/coverage")));
    list.add(Endpoint.get("/api/v1/grid/config", "admin", List.of("/api/v1/grid/config")));
    list.add(Endpoint.get("/api/v1/liaisons", "admin", List.of("/api/v1/liaisons")));
    list.add(Endpoint.get("/api/v1/liaisons/{id}", "admin", each("/api/v1/liaisons/", f.liaisons, "")));
    list.add(Endpoint.get("/api/v1/callbacks", "admin", List.of("/api/v1/callbacks")));
    list.add(Endpoint.get("/api/v1/callbacks/{id}", "admin", each("/api/v1/callbacks/", f.callbacks, "")));
    list.add(Endpoint.get("/api/v1/reports/liaisons", "admin", List.of("/api/v1/reports/liaisons")));
    list.add(Endpoint.get("/api/v1/reports/cells", "admin", List.of("/api/v1/reports/cells")));
    list.add(Endpoint.get("/api/v1/reports/problems", "admin", List.of("/api/v1/reports/problems")));
    list.add(Endpoint.get("/api/v1/reports/bulletins", "admin", List.of("/api/v1/reports/bulletins")));
    list.add(Endpoint.get("/api/v1/reports/bulletins/thresholds", "admin",
        List.of("/api/v1/reports/bulletins/thresholds")));
    list.add(Endpoint.get("/api/v1/reports/funnel", "admin", List.of("/api/v1/reports/funnel")));
    list.add(Endpoint.get("/api/v1/notifications/dead-letters", "admin",
        List.of("/api/v1/notifications/dead-letters")));
    list.add(Endpoint.get("/api/v1/inbox", "admin", List.of("/api/v1/inbox")));
    list.add(Endpoint.get("/api/v1/notifications/stats", "admin", List.of("/api/v1/notifications/stats")));
    list.add(Endpoint.get("/api/v1/policies", "author", List.of("/api/v1/policies")));
    list.add(Endpoint.get("/api/v1/policies/{id}", "author", each("/api/v1/policies/", f.policies, "")));
    list.add(Endpoint.get("/api/v1/policies/{id}/versions", "author",
        each("/api/v1/policies/", f.policies, "/versions")));
    list.add(Endpoint.get("/api/v1/policies/{id}/pool", "author", each("/api/v1/policies/", f.policies, "/pool")));
    list.add(Endpoint.get("/api/v1/policies/{id}/applications", "supervisor",
        each("/api/v1/policies/", f.policies, "/applications")));
    list.add(Endpoint.get("/api/v1/applications/{id}", "supervisor",
        each("/api/v1/applications/", f.applications, "")));
    list.add(Endpoint.get("/api/v1/problem-categories", "admin", List.of("/api/v1/problem-categories")));
    list.add(Endpoint.get("/api/v1/problems", "admin", List.of("/api/v1/problems?limit=20")));
    list.add(Endpoint.get("/api/v1/problems", "handler", List.of("/api/v1/problems?limit=20")));
    list.add(Endpoint.get("/api/v1/problems/{id}", "admin", each("/api/v1/problems/", f.problems, "")));
    list.add(Endpoint.get("/api/v1/calendar/due", "admin",
        List.of("/api/v1/calendar/due?from=2026-09-30&workingDays=7", "/api/v1/calendar/due?from=2025-01-20&workingDays=22")));
    list.add(Endpoint.get("/api/v1/calendar/{year}", "admin", List.of("/api/v1/calendar/2026")));
    list.add(new Endpoint("/api/v1/policies/simulate", "author", HttpMethod.POST, List.of("/api/v1/policies/simulate"),
        f.simulation.encode()));
    list.add(new Endpoint("/api/v1/callbacks/sample", "admin", HttpMethod.POST, List.of("/api/v1/callbacks/sample"),
        "{\"days\":30,\"size\":5}"));

    list.add(Endpoint.get("/mp/v1/me/enterprise", "firm", List.of("/mp/v1/me/enterprise")));
    list.add(Endpoint.get("/mp/v1/policies/matched", "firm", List.of("/mp/v1/policies/matched")));
    list.add(Endpoint.get("/mp/v1/policies/search", "firm", List.of("/mp/v1/policies/search?q=")));
    list.add(Endpoint.get("/mp/v1/policies/search", "firm",
        List.of("/mp/v1/policies/search?q=%E6%8A%80%E6%9C%AF%E6%94%B9%E9%80%A0", "/mp/v1/policies/search?q=%E4%BA%BA%E6%89%8D")));
    list.add(Endpoint.get("/mp/v1/policies/{id}", "firm", each("/mp/v1/policies/", f.published, "")));
    list.add(Endpoint.get("/mp/v1/applications", "firm", List.of("/mp/v1/applications")));
    list.add(Endpoint.get("/mp/v1/liaison/firms", "liaison", List.of("/mp/v1/liaison/firms")));
    list.add(Endpoint.get("/mp/v1/notifications", "firm", List.of("/mp/v1/notifications")));
    list.add(Endpoint.get("/mp/v1/notifications/preferences", "firm", List.of("/mp/v1/notifications/preferences")));
    list.add(Endpoint.get("/mp/v1/subscriptions", "firm", List.of("/mp/v1/subscriptions")));
    list.add(Endpoint.get("/mp/v1/problems", "firm", List.of("/mp/v1/problems")));
    list.add(Endpoint.get("/mp/v1/problems/{id}", "firm", each("/mp/v1/problems/", f.firmProblems, "")));
    return list;
  }

  /** The GET operations of both contracts that no row loads. */
  static Set<String> uncovered(List<Endpoint> endpoints) throws Exception {
    Set<String> gets = new TreeSet<>();
    for (String doc : List.of("/openapi/console.yaml", "/openapi/mini-program.yaml")) {
      String path = null;
      for (String line : new String(ReadLoadBenchmark.class.getResourceAsStream(doc).readAllBytes(),
          StandardCharsets.UTF_8).lines().toList()) {
        Matcher m = PATH_LINE.matcher(line);
        if (m.matches()) {
          path = m.group(1);
        } else if (path != null && GET_LINE.matcher(line).matches()) {
          gets.add(path);
        }
      }
    }
    endpoints.forEach(e -> gets.remove(e.contractPath()));
    return gets;
  }

  private static List<String> each(String prefix, List<String> ids, String suffix) {
    return ids.stream().map(id -> prefix + id + suffix).toList();
  }

  private static String luaScript(String token, Endpoint e) {
    StringBuilder s = new StringBuilder("local paths = {\n");
    e.paths().forEach(p -> s.append("  \"").append(p).append("\",\n"));
    s.append("}\n");
    s.append("local headers = {[\"Accept\"] = \"application/json\"");
    if (token != null) {
      s.append(", [\"Authorization\"] = \"Bearer ").append(token).append('"');
    }
    if (e.body() != null) {
      s.append(", [\"Content-Type\"] = \"application/json\"");
    }
    s.append("}\n");
    s.append("local body = ").append(e.body() == null ? "nil" : luaString(e.body())).append('\n');
    s.append(Wrk.statusCounters());
    s.append("""
        local n = 0
        function request()
          n = n + 1
          return wrk.format("%s", paths[n %% #paths + 1], headers, body)
        end
        """.formatted(e.method().name()));
    return s.toString();
  }

  private static String luaString(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** The ids the endpoints read, found through the API as each role sees them. */
  record Fixture(Map<String, String> tokens, List<String> usccs, List<String> liaisons, List<String> callbacks,
      List<String> policies, List<String> published, List<String> applications, List<String> problems,
      List<String> firmProblems, JsonObject simulation) {

    static Fixture load(InProcessBackend app) {
      Map<String, String> tokens = new LinkedHashMap<>();
      tokens.put("admin", login(app, "kh.admin"));
      tokens.put("supervisor", login(app, "kh.supervisor"));
      tokens.put("author", login(app, "kh.jxj.author"));
      tokens.put("handler", login(app, "kh.rsj.handler"));
      tokens.put("liaison", login(app, "kh.liaison01"));
      tokens.put("firm", login(app, "kh.firm01"));
      tokens.put("none", null);
      String admin = tokens.get("admin");
      List<String> usccs = ids(get(app, "/api/v1/enterprises?limit=200", admin), "uscc");
      List<String> liaisons = ids(get(app, "/api/v1/liaisons", admin), "id");
      // a call-back sample exists before its listing is read
      send(app, HttpMethod.POST, "/api/v1/callbacks/sample", admin, "{\"days\":30,\"size\":20}");
      List<String> callbacks = ids(get(app, "/api/v1/callbacks", admin), "id");
      List<String> policies = ids(get(app, "/api/v1/policies", tokens.get("author")), "id");
      List<String> published = ids(get(app, "/mp/v1/policies/search?q=", tokens.get("firm")), "id");
      // the firm applies to what it matches, so that applications exist to read
      for (String p : ids(get(app, "/mp/v1/policies/matched", tokens.get("firm")), "id")) {
        try {
          sendOr(app, HttpMethod.POST, "/mp/v1/policies/" + p + "/apply", tokens.get("firm"), "{}");
        } catch (IllegalStateException refused) {
          // not eligible today, or the pool is spent: the others are enough
        }
      }
      List<String> applications = new ArrayList<>();
      for (String p : policies) {
        applications.addAll(ids(get(app, "/api/v1/policies/" + p + "/applications", tokens.get("supervisor")),
            "id"));
      }
      List<String> problems = ids(get(app, "/api/v1/problems?limit=100", admin), "id");
      List<String> firmProblems = ids(get(app, "/mp/v1/problems", tokens.get("firm")), "id");
      JsonObject policy = get(app, "/api/v1/policies/" + policies.get(0), tokens.get("author"));
      JsonObject simulation = new JsonObject().put("eligibility", policy.getValue("eligibility"));
      return new Fixture(tokens, nonEmpty("firms", usccs), nonEmpty("liaisons", liaisons),
          nonEmpty("call-backs", callbacks), nonEmpty("policies", policies),
          nonEmpty("published policies", published),
          nonEmpty("applications", applications), nonEmpty("problems", problems),
          nonEmpty("the firm's problems", firmProblems), simulation);
    }

    private static String login(InProcessBackend app, String username) {
      JsonObject body = send(app, HttpMethod.POST, "/api/v1/auth/login", null,
          new JsonObject().put("username", username).put("password", PASSWORD).encode());
      return body.getString("token");
    }

    private static JsonObject get(InProcessBackend app, String path, String token) {
      return send(app, HttpMethod.GET, path, token, null);
    }

    private static JsonObject send(InProcessBackend app, HttpMethod method, String path, String token, String body) {
      JsonObject answer = sendOr(app, method, path, token, body);
      if (answer == null) {
        throw new IllegalStateException(method + " " + path + " was refused");
      }
      return answer;
    }

    /** The answer, or null when it is 403 or 404 (not this role's to read). */
    private static JsonObject sendOr(InProcessBackend app, HttpMethod method, String path, String token,
        String body) {
      var req = app.http.request(method, path).putHeader("Accept", "application/json");
      if (token != null) {
        req.putHeader("Authorization", "Bearer " + token);
      }
      HttpResponse<Buffer> res = body == null ? req.send().await()
          : req.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)).await();
      if (res.statusCode() == 403 || res.statusCode() == 404) {
        return null;
      }
      if (res.statusCode() >= 300) {
        throw new IllegalStateException(method + " " + path + " answered " + res.statusCode() + ": "
            + res.bodyAsString());
      }
      return res.bodyAsJsonObject();
    }

    /** The {@code key} of each element of the answer's {@code items} (or of its only array). */
    private static List<String> ids(JsonObject answer, String key) {
      JsonArray items = answer.getJsonArray("items");
      if (items == null) {
        for (String name : answer.fieldNames()) {
          if (answer.getValue(name) instanceof JsonArray a) {
            items = a;
            break;
          }
        }
      }
      List<String> out = new ArrayList<>();
      if (items != null) {
        for (Object o : items) {
          if (o instanceof JsonObject j && j.getValue(key) != null) {
            out.add(String.valueOf(j.getValue(key)));
          } else if (o instanceof String id) {
            out.add(id);
          }
        }
      }
      return out;
    }

    private static List<String> nonEmpty(String what, List<String> ids) {
      if (ids.isEmpty()) {
        throw new IllegalStateException("the demo data has no " + what);
      }
      return ids;
    }
  }
}
