package cn.enterprisegrid.config;

import io.vertx.core.json.JsonObject;

import static cn.enterprisegrid.config.ConfigValues.integer;
import static cn.enterprisegrid.config.ConfigValues.str;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Every setting of the backend, read once at start-up from the environment and an optional
 * config file (see the README's configuration table; names are the environment variable names).
 */
public record Settings(
    int httpPort,
    Path dataDir,
    String redisUrl,
    String redisAppendFsync,
    String adminPassword,
    String jwtSecret,
    Duration tokenTtl,
    long bodyLimitBytes,
    int httpInstances,
    String wechatApiBase,
    String wechatAppId,
    String wechatSecret,
    String mpEnterprisePage,
    Duration invitationTtl,
    int autoGrantBatch,
    cn.enterprisegrid.notify.NotifySettings notifications) {

  /** True when no external Redis is configured and the backend runs its own. */
  public boolean embeddedRedis() {
    return redisUrl == null || redisUrl.isBlank();
  }

  public Path redisDir() {
    return dataDir.resolve("redis");
  }

  public Path indexDir() {
    return dataDir.resolve("index");
  }

  /** Reads the settings from a merged config object (file first, environment on top). */
  public static Settings from(JsonObject c) {
    String fsync = str(c, "REDIS_APPENDFSYNC", "everysec").toLowerCase(Locale.ROOT);
    if (!fsync.equals("everysec") && !fsync.equals("always")) {
      throw new IllegalArgumentException("REDIS_APPENDFSYNC must be everysec or always, was " + fsync);
    }
    int cores = Runtime.getRuntime().availableProcessors();
    return new Settings(
        integer(c, "HTTP_PORT", 8080),
        Path.of(str(c, "DATA_DIR", "./data")).toAbsolutePath().normalize(),
        str(c, "REDIS_URL", null),
        fsync,
        str(c, "ADMIN_PASSWORD", null),
        str(c, "JWT_SECRET", null),
        Duration.ofMinutes(integer(c, "TOKEN_TTL_MINUTES", 12 * 60)),
        integer(c, "BODY_LIMIT_BYTES", 1 << 20),
        integer(c, "HTTP_INSTANCES", cores),
        str(c, "WECHAT_API_BASE", "https://api.weixin.qq.com"),
        str(c, "WECHAT_APPID", "wx-demo-appid"),
        str(c, "WECHAT_SECRET", "wx-demo-secret"),
        str(c, "MP_ENTERPRISE_PAGE", "pages/enterprise/index"),
        Duration.ofHours(integer(c, "INVITATION_TTL_HOURS", 7 * 24)),
        integer(c, "AUTO_GRANT_BATCH", 500),
        cn.enterprisegrid.notify.NotifySettings.from(c));
  }

  /** The same settings with another Redis URL (used once the embedded Redis has started). */
  public Settings withRedisUrl(String url) {
    return new Settings(httpPort, dataDir, url, redisAppendFsync, adminPassword, jwtSecret, tokenTtl,
        bodyLimitBytes, httpInstances, wechatApiBase, wechatAppId, wechatSecret, mpEnterprisePage,
        invitationTtl, autoGrantBatch, notifications);
  }

  public Settings withHttpPort(int port) {
    return new Settings(port, dataDir, redisUrl, redisAppendFsync, adminPassword, jwtSecret, tokenTtl,
        bodyLimitBytes, httpInstances, wechatApiBase, wechatAppId, wechatSecret, mpEnterprisePage,
        invitationTtl, autoGrantBatch, notifications);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("HTTP_PORT", httpPort)
        .put("DATA_DIR", dataDir.toString())
        .put("REDIS_URL", redisUrl)
        .put("REDIS_APPENDFSYNC", redisAppendFsync)
        .put("ADMIN_PASSWORD", adminPassword)
        .put("JWT_SECRET", jwtSecret)
        .put("TOKEN_TTL_MINUTES", tokenTtl.toMinutes())
        .put("BODY_LIMIT_BYTES", bodyLimitBytes)
        .put("HTTP_INSTANCES", httpInstances)
        .put("WECHAT_API_BASE", wechatApiBase)
        .put("WECHAT_APPID", wechatAppId)
        .put("WECHAT_SECRET", wechatSecret)
        .put("MP_ENTERPRISE_PAGE", mpEnterprisePage)
        .put("INVITATION_TTL_HOURS", invitationTtl.toHours())
        .put("AUTO_GRANT_BATCH", autoGrantBatch)
        .mergeIn(notifications.toJson());
  }
}
