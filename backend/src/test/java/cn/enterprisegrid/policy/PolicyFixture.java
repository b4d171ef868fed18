package cn.enterprisegrid.policy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.auth.Scope;
import cn.enterprisegrid.auth.Tokens;
import cn.enterprisegrid.config.ChinaTime;
import cn.enterprisegrid.enterprise.Uscc;
import cn.enterprisegrid.testing.TestBackend;
import cn.enterprisegrid.testing.Eventually;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/** Firms, authors, policies and firm tokens for the policy and redemption tests. */
final class PolicyFixture {
  static final String JXJ = "开化县经济和信息化局";
  static final String KJJ = "开化县科学技术局";
  static final String HUABU = "330824115";
  static final int LAST_YEAR = LocalDate.now(ChinaTime.ZONE).getYear() - 1;

  final TestBackend app;
  final String admin;
  final String author;
  final String reviewer;
  final String otherDept;
  private final Tokens tokens;
  private final Random random = new Random(7);

  PolicyFixture(TestBackend app) {
    this.app = app;
    this.admin = app.adminToken();
    for (String[] a : new String[][] {{"jxj.author", JXJ}, {"jxj.reviewer", JXJ}, {"kjj.author", KJJ}}) {
      app.createAccount(admin, a[0], "POLICY_AUTHOR", new JsonObject().put("department", a[1]));
    }
    this.author = app.login("jxj.author", "secret-pass-1");
    this.reviewer = app.login("jxj.reviewer", "secret-pass-1");
    this.otherDept = app.login("kjj.author", "secret-pass-1");
    try {
      this.tokens = new Tokens(app.vertx, Tokens.loadOrCreateSecret(app.dataDir, null), Duration.ofHours(2));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  String uscc() {
    return Uscc.generate("330824", random);
  }

  /** A manufacturing firm of 华埠镇 with the given latest revenue and employees, tags as given. */
  static JsonObject firm(String uscc, double revenue, int employees, String... tags) {
    return new JsonObject()
        .put("uscc", uscc).put("name", "开化测试企业" + uscc.substring(10)).put("regionCode", HUABU)
        .put("address", "华埠镇工业园区8号").put("industryCode", "2221").put("establishedOn", "2012-05-01")
        .put("registeredCapital", 500).put("employees", employees)
        .put("financials", new JsonArray().add(new JsonObject().put("year", LAST_YEAR).put("revenue", revenue)
            .put("assets", revenue).put("rdExpense", revenue * 0.04).put("taxPaid", revenue * 0.03)))
        .put("tags", new JsonArray(List.of((Object[]) tags))).put("creditStatus", "NORMAL");
  }

  /** Imports firms as NDJSON; asserts they were all created or updated. */
  void importFirms(List<JsonObject> firms) {
    StringBuilder body = new StringBuilder();
    firms.forEach(f -> body.append(f.encode()).append('\n'));
    HttpResponse<Buffer> r = app.http.request(HttpMethod.POST, "/api/v1/enterprises/import")
        .putHeader("Authorization", "Bearer " + admin).putHeader("Content-Type", "application/x-ndjson")
        .sendBuffer(Buffer.buffer(body.toString())).await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getJsonArray("rejected")).isEmpty();
  }

  /** Waits until this node's enterprise index holds at least {@code n} firms. */
  void awaitIndexed(long n) {
    Eventually.until("the enterprise index holds " + n + " firms", () -> app.backend().enterpriseIndex().size() >= n);
  }

  /** A bearer token of a WeChat user bound to the firm. */
  String firmToken(String uscc) {
    return tokens.issue(new Principal("wx:o-" + uscc, Role.ENTERPRISE, new Scope(null, null, null, uscc), "o-" + uscc));
  }

  /** A complete ONE_CLICK policy draft of 经信局 open today, paying {@code amount} to firms of 开化县. */
  static JsonObject policy(String title, String mode, double amount, double pool) {
    LocalDate today = ChinaTime.today();
    return new JsonObject()
        .put("title", title).put("docNumber", "开经信〔2026〕99号").put("summary", title + "的解读")
        .put("body", "正文").put("clauses", new JsonArray()
            .add(new JsonObject().put("id", "1").put("text", "第一条 本县企业。"))
            .add(new JsonObject().put("id", "2").put("text", "第二条 营业收入不低于1000万元。")))
        .put("benefit", new JsonObject().put("kind", "FIXED").put("amount", amount))
        .put("mode", mode)
        .put("window", new JsonObject().put("opensOn", today.minusDays(10).toString())
            .put("closesOn", today.plusDays(60).toString()))
        .put("fundPool", pool).put("exclusions", new JsonArray()).put("requiredMaterials", new JsonArray())
        .put("eligibility", new JsonObject().put("all", new JsonArray()
            .add(new JsonObject().put("field", "regionCode").put("op", "prefix")
                .put("value", new JsonArray().add("330824")).put("clause", "1"))
            .add(new JsonObject().put("field", "revenue").put("op", "gte").put("value", 1000).put("clause", "2"))));
  }

  /** Drafts, submits and publishes (by the other author); waits for the match set. Answers the id. */
  String publish(JsonObject policy) {
    HttpResponse<Buffer> created = app.post("/api/v1/policies", author, policy);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String id = created.bodyAsJsonObject().getString("id");
    assertThat(app.post("/api/v1/policies/" + id + "/submit", author, null).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> published = app.post("/api/v1/policies/" + id + "/publish", reviewer, null);
    assertThat(published.statusCode()).as(published.bodyAsString()).isEqualTo(200);
    awaitMatched(id, published.bodyAsJsonObject().getInteger("version"));
    return id;
  }

  /** Waits until the match set of the version is stored and this node's catalog has the version. */
  void awaitMatched(String id, int version) {
    Eventually.until("match set of " + id + " v" + version + " stored and in this node's catalog", () -> {
      JsonObject p = app.get("/api/v1/policies/" + id, author).bodyAsJsonObject();
      boolean inCatalog = app.backend().policyCatalog().spec(id).map(s -> s.version() == version).orElse(false);
      return Integer.valueOf(version).equals(p.getInteger("matchedVersion")) && inCatalog;
    });
  }

  /** Waits until the policy's auto-grant of its live version has run. */
  void awaitGranted(String id, String version) {
    RedisAPI redis = app.redis();
    Eventually.until("auto-grant of " + id + " v" + version, Duration.ofSeconds(60), () -> {
      Response granted = redis.hget("policy:{p:" + id + "}", "grantedVersion").await();
      return granted != null && version.equals(granted.toString());
    });
  }

  HttpResponse<Buffer> apply(String id, String token, String idempotencyKey, JsonObject body) {
    var req = app.http.request(HttpMethod.POST, "/mp/v1/policies/" + id + "/apply")
        .putHeader("Authorization", "Bearer " + token);
    if (idempotencyKey != null) {
      req.putHeader("Idempotency-Key", idempotencyKey);
    }
    return body == null ? req.send().await() : req.sendJsonObject(body).await();
  }

  JsonObject pool(String id) {
    return app.get("/api/v1/policies/" + id + "/pool", author).bodyAsJsonObject();
  }
}
