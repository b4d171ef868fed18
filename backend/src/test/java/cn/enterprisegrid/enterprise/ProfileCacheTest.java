package cn.enterprisegrid.enterprise;

import static cn.enterprisegrid.testing.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.testing.AdminToken;
import cn.enterprisegrid.testing.Eventually;
import cn.enterprisegrid.testing.TestBackend;
import cn.enterprisegrid.testing.WithBackend;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

/**
 * The cached profile read: no Redis round trip once warm, yet every write through the API or this
 * process is seen by the very next read, scopes hold on cached views, and writes by another node
 * (straight to Redis plus a change event) are seen once the change feed delivers them.
 */
@WithBackend
class ProfileCacheTest {
  static TestBackend app;
  @AdminToken static String admin;
  static EnterpriseStore store;
  static RedisAPI redis;

  @BeforeAll
  static void start() {
    store = Firms.store(app);
    redis = app.redis();
  }

  private static JsonObject profile(String uscc, String token) {
    var r = app.get("/api/v1/enterprises/" + uscc, token);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  /** Calls of the commands that load firms, as Redis counts them. */
  private static long firmReads() {
    String info = redis.info(List.of("commandstats")).await().toString();
    long n = 0;
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("cmdstat_hgetall:") || line.startsWith("cmdstat_hmget:")) {
        n += Long.parseLong(line.replaceAll(".*calls=(\\d+).*", "$1"));
      }
    }
    return n;
  }

  @Test
  void warmReadsAskNothingOfRedis() {
    JsonObject f = Firms.firm(Firms.uscc(), Firms.HUABU);
    Firms.put(app, admin, f);
    String uscc = f.getString("uscc");
    // the change feed catches up within a blocking read (500 ms); until then reads check versions
    Eventually.until("20 warm reads without HGETALL/HMGET", Duration.ofSeconds(10), () -> {
      profile(uscc, admin);
      long before = firmReads();
      for (int i = 0; i < 20; i++) {
        profile(uscc, admin);
      }
      return firmReads() == before;
    });
  }

  @Test
  void aReadAfterAnUpdateThroughTheApiSeesIt() {
    JsonObject f = Firms.firm(Firms.uscc(), Firms.HUABU);
    String uscc = f.getString("uscc");
    Firms.put(app, admin, f);
    for (int round = 1; round <= 20; round++) {
      profile(uscc, admin); // cached now
      String name = "开化缓存测试纸业有限公司" + round;
      assertThat(Firms.put(app, admin, f.copy().put("name", name).put("employees", 80 + round)).statusCode())
          .isEqualTo(200);
      JsonObject p = profile(uscc, admin);
      assertThat(p.getString("name")).isEqualTo(name);
      assertThat(p.getInteger("employees")).isEqualTo(80 + round);
    }
  }

  @Test
  void aReadAfterAWriteOfThisProcessSeesIt() {
    JsonObject f = Firms.firm(Firms.uscc(), Firms.HUABU);
    String uscc = f.getString("uscc");
    Firms.put(app, admin, f);
    long v = profile(uscc, admin).getLong("version");
    store.selfReport(uscc, new JsonObject().put("employees", 95), "wx:firm-user").await();
    JsonObject p = profile(uscc, admin);
    assertThat(p.getInteger("employees")).isEqualTo(95);
    assertThat(p.getLong("version")).isEqualTo(v + 1);
  }

  @Test
  void scopesHoldOnCachedViewsAndFollowTheLiaison() {
    JsonObject f = Firms.firm(Firms.uscc(), Firms.MAJIN);
    String uscc = f.getString("uscc");
    Firms.put(app, admin, f);
    profile(uscc, admin); // cached by the county admin

    app.createAccount(admin, "cache.huabu", "GRID_ADMIN", new JsonObject().put("region", Firms.HUABU));
    String huabu = app.login("cache.huabu", "secret-pass-1");
    app.createAccount(admin, "cache.majin", "GRID_ADMIN", new JsonObject().put("region", Firms.MAJIN));
    String majin = app.login("cache.majin", "secret-pass-1");
    for (int i = 0; i < 3; i++) {
      assertProblem(app.get("/api/v1/enterprises/" + uscc, huabu), 404, "/problems/not-found");
      assertThat(profile(uscc, majin).getString("uscc")).isEqualTo(uscc);
    }

    app.createAccount(admin, "cache.l1", "LIAISON", new JsonObject().put("liaisonId", "L0901"));
    app.createAccount(admin, "cache.l2", "LIAISON", new JsonObject().put("liaisonId", "L0902"));
    String l1 = app.login("cache.l1", "secret-pass-1");
    String l2 = app.login("cache.l2", "secret-pass-1");
    assertProblem(app.get("/api/v1/enterprises/" + uscc, l1), 404, "/problems/not-found");
    store.assignLiaison(uscc, "L0901", "admin").await();
    assertThat(profile(uscc, l1).getString("liaisonId")).isEqualTo("L0901");
    assertProblem(app.get("/api/v1/enterprises/" + uscc, l2), 404, "/problems/not-found");
    store.assignLiaison(uscc, "L0902", "admin").await();
    assertProblem(app.get("/api/v1/enterprises/" + uscc, l1), 404, "/problems/not-found");
    assertThat(profile(uscc, l2).getString("liaisonId")).isEqualTo("L0902");
  }

  @Test
  void unknownFirmsAreNotFound() {
    String uscc = Firms.uscc();
    for (int i = 0; i < 3; i++) {
      assertProblem(app.get("/api/v1/enterprises/" + uscc, admin), 404, "/problems/not-found");
    }
    Firms.put(app, admin, Firms.firm(uscc, Firms.HUABU));
    assertThat(profile(uscc, admin).getString("uscc")).isEqualTo(uscc);
  }

  @Test
  void aWriteByAnotherNodeIsSeenOnceTheChangeFeedDeliversIt() {
    JsonObject f = Firms.firm(Firms.uscc(), Firms.HUABU);
    String uscc = f.getString("uscc");
    Firms.put(app, admin, f);
    long v = profile(uscc, admin).getLong("version");
    // another node's write, as its script leaves it: the hash with the next version, and the event
    String key = EnterpriseKeys.firm(uscc);
    redis.hset(List.of(key, "f:name", "\"别的节点改名纸业有限公司\"", "v", String.valueOf(v + 1))).await();
    redis.xadd(List.of("changes", "*", "kind", "enterprise", "id", uscc,
        "payload", new JsonObject().put("version", v + 1).encode())).await();
    Eventually.value("the other node's name", Duration.ofSeconds(5), () -> profile(uscc, admin).getString("name"),
        "别的节点改名纸业有限公司"::equals);
  }
}
