package cn.enterprisegrid.notify;

import cn.enterprisegrid.Backend;
import cn.enterprisegrid.config.Settings;
import cn.enterprisegrid.enterprise.Uscc;
import cn.enterprisegrid.mp.wechat.fake.FakeWeChatServer;
import cn.enterprisegrid.testing.SharedRedis;
import cn.enterprisegrid.testing.TestBackend;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Notification benchmark (run by {@code backend/bench-notify.sh}, not by the tests): N firms (default 100,000),
 * each with one bound WeChat user who accepted one subscribe message, a liaison per 50 firms, all in one policy's
 * ELIGIBLE set. Publishing appends {@code policy.matched}; we time (1) until every firm's notice is in the outbox,
 * (2) until the fake WeChat server has accepted every message, and count its duplicates. Embedded Redis in a temp
 * directory, one backend node, a fake WeChat server on its own Vert.x; prints a table.
 * <p>
 * Arguments: {@code [firms=100000] [senders=64]}.
 */
public final class NotifyBenchmark {
  private NotifyBenchmark() {}

  static double redisCpu(RedisAPI redis) {
    String info = redis.info(List.of("cpu")).await().toString();
    double total = 0;
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
        total += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return total;
  }

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(2);
    }
  }

  static void run(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int senders = args.length > 1 ? Integer.parseInt(args[1]) : 64;
    String url = SharedRedis.url();
    Vertx fakeVertx = Vertx.vertx();
    FakeWeChatServer wechat = new FakeWeChatServer();
    String base = wechat.start(fakeVertx).await();
    wechat.registerTemplate(NotifyFixture.POLICY_TPL, "thing1", "thing2", "thing3", "thing4");

    Vertx vertx = Vertx.vertx();
    Redis client = Redis.createClient(vertx, url);
    RedisAPI redis = RedisAPI.api(client);
    redis.flushall(List.of()).await();

    long t0 = System.nanoTime();
    List<String> usccs = new ArrayList<>(n);
    Random random = new Random(11);
    java.util.Set<String> unique = new java.util.HashSet<>();
    for (int i = 0; i < n; i++) {
      String u = Uscc.generate(NotifyFixture.COUNTY, random);
      while (!unique.add(u)) {
        u = Uscc.generate(NotifyFixture.COUNTY, random);
      }
      usccs.add(u);
      wechat.grantSubscription("wx-b" + i, NotifyFixture.POLICY_TPL);
    }
    String seed = "for i = 1, #ARGV, 3 do\n"
        + "  redis.call('HSET', 'ent:{e:' .. ARGV[i] .. '}', 'v', '1', 'liaisonId', ARGV[i + 2])\n"
        + "  redis.call('SADD', 'ent:{e:' .. ARGV[i] .. '}:wx', ARGV[i + 1])\n"
        + "  redis.call('HSET', 'notify:consent:{w:' .. ARGV[i + 1] .. '}', '" + NotifyFixture.POLICY_TPL + "', 1)\n"
        + "  redis.call('SADD', 'policy:{p:B1}:eligible', ARGV[i])\n"
        + "end\nreturn 1";
    List<Future<?>> writes = new ArrayList<>();
    for (int from = 0; from < n; from += 1000) {
      List<String> a = new ArrayList<>(List.of(seed, "0"));
      for (int i = from; i < Math.min(n, from + 1000); i++) {
        a.addAll(List.of(usccs.get(i), "wx-b" + i, "L" + (i / 50)));
      }
      writes.add(redis.eval(a));
      // the client's pool queues at most 24 waiting requests
      if (writes.size() == 16) {
        Future.all(writes).await();
        writes.clear();
      }
    }
    Future.all(writes).await();
    redis.hset(List.of("policy:{p:B1}", "id", "B1", "version", "1", "title", "开化县中小企业数字化改造补助",
        "department", "经信局", "mode", "ONE_CLICK")).await();
    double seedS = (System.nanoTime() - t0) / 1e9;

    Path dataDir = Files.createTempDirectory("notify-bench");
    Settings settings = Settings.from(new JsonObject()
            .put("HTTP_PORT", TestBackend.freePort()).put("DATA_DIR", dataDir.toString())
            .put("ADMIN_PASSWORD", TestBackend.ADMIN_PASSWORD).put("HTTP_INSTANCES", 1)
            .put("WECHAT_API_BASE", base).put("WECHAT_APPID", FakeWeChatServer.APP_ID)
            .put("WECHAT_SECRET", FakeWeChatServer.SECRET)
            .put("NOTIFY_SENDERS", senders).put("NOTIFY_DIGEST_SECONDS", 0).put("NOTIFY_QUIET_HOURS", "none")
            .put("NOTIFY_WEEKLY_CAP", 0))
        .withRedisUrl(url);
    Backend backend = Backend.start(vertx, settings, null, false).await();

    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    double redisCpu0 = redisCpu(redis);
    long publish = System.nanoTime();
    long accepted = 0;
    redis.xadd(List.of("changes", "*", "kind", "policy.matched", "id", "B1", "payload", new JsonObject()
        .put("version", 1).put("title", "开化县中小企业数字化改造补助").put("department", "经信局")
        .put("mode", "ONE_CLICK").put("closesOn", "2027-06-30").put("eligible", n).put("unknown", 0).encode()))
        .await();
    long enqueued = 0;
    long firstDelivery = 0;
    long delivered = 0;
    while (true) {
      long now = System.nanoTime();
      if (enqueued == 0 && redis.scard("notify:dedupe:{p:B1}:1:policy.eligible").await().toLong() >= n + n / 50) {
        enqueued = now;
      }
      if (accepted == 0 && redis.scard("notify:f:{p:B1}:pushed").await().toLong() >= n) {
        accepted = now;
      }
      int count = wechat.delivered().size();
      if (firstDelivery == 0 && count > 0) {
        firstDelivery = now;
      }
      if (count >= n) {
        delivered = now;
        break;
      }
      if ((now - publish) / 1e9 > 900) {
        throw new IllegalStateException("gave up after 15 minutes with " + count + " delivered");
      }
      Thread.sleep(50);
    }
    if (enqueued == 0) {
      enqueued = delivered;
    }
    double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6;
    double redisMs = (redisCpu(redis) - redisCpu0) * 1000;
    int duplicates = wechat.duplicates().size();
    int sends = wechat.sendCalls();
    String load = Files.readString(Path.of("/proc/loadavg")).trim();

    double enqS = (enqueued - publish) / 1e9;
    double allS = (delivered - publish) / 1e9;
    double deliverS = (delivered - firstDelivery) / 1e9;
    System.out.println();
    System.out.printf("| step | firms | seconds | rate/s | note |%n|---|---:|---:|---:|---|%n");
    System.out.printf("| seed firms, users, consents, match set | %,d | %.1f | %,.0f | direct Redis writes |%n",
        n, seedS, n / seedS);
    System.out.printf("| publish -> every notice in the outbox | %,d | %.2f | %,.0f | fan-out by the change group, "
        + "%,d liaison summaries included |%n", n, enqS, n / enqS, n / 50);
    System.out.printf("| first -> last message accepted by fake WeChat | %,d | %.2f | %,.0f | %d senders; %,d send "
        + "calls; duplicates: %d |%n", n, deliverS, n / deliverS, senders, sends, duplicates);
    System.out.printf("| publish -> every notice accepted (inbox, buffer) | %,d | %.2f | %,.0f | |%n", n,
        (accepted - publish) / 1e9, n / ((accepted - publish) / 1e9));
    System.out.printf("| publish -> last message accepted | %,d | %.2f | %,.0f | end to end |%n", n, allS, n / allS);
    System.out.printf("%nCPU per message, publish to last delivery: %.3f ms in the JVM (backend and fake WeChat), "
        + "%.3f ms in redis-server%n", cpuMs / n, redisMs / n);
    System.out.printf("%nload average at the end: %s; cores: %d%n", load, Runtime.getRuntime().availableProcessors());

    backend.stop().await();
    client.close();
    vertx.close().await();
    wechat.stop().await();
    fakeVertx.close().await();
    System.exit(duplicates == 0 ? 0 : 1);
  }
}
