package cn.enterprisegrid.config;

import static cn.enterprisegrid.config.ConfigValues.integer;
import static cn.enterprisegrid.config.ConfigValues.list;
import static cn.enterprisegrid.config.ConfigValues.str;

import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The settings every part of the backend needs, read once at start-up from the environment and an
 * optional config file (see the README's configuration table; names are the environment variable
 * names). A domain with settings of its own reads them from {@link #source()} (e.g. the
 * notification sender's {@code NOTIFY_*}), so this class knows no domain.
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
    List<String> trustedProxies,
    JsonObject source) {

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
        list(c, "TRUSTED_PROXIES"),
        c.copy());
  }

  /** The same settings with another Redis URL (used once the embedded Redis has started). */
  public Settings withRedisUrl(String url) {
    return new Settings(httpPort, dataDir, url, redisAppendFsync, adminPassword, jwtSecret, tokenTtl,
        bodyLimitBytes, httpInstances, wechatApiBase, wechatAppId, wechatSecret, mpEnterprisePage,
        invitationTtl, autoGrantBatch, trustedProxies, source);
  }

}
