package cn.enterprisegrid.testing;

import cn.enterprisegrid.mp.testsupport.TestRedis;

/**
 * One Redis for the whole test run (embedded, or {@code REDIS_URL} when set): started on first
 * use, stopped when the test JVM exits. Test classes run one after another and each starts from
 * an empty database ({@link TestBackend} flushes it).
 */
public final class SharedRedis {
  private static TestRedis redis;

  private SharedRedis() {}

  public static synchronized String url() {
    if (redis == null) {
      redis = TestRedis.start();
      TestRedis started = redis;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close));
    }
    return redis.url();
  }
}
