package cn.enterprisegrid.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;

/** Reads {@link Settings} with vertx-config: an optional JSON file, then the environment on top. */
public final class SettingsLoader {
  private SettingsLoader() {}

  /**
   * The file is {@code CONFIG_FILE} when set, else {@code ./config.json} when it exists; its keys are
   * the environment variable names.
   */
  public static Future<Settings> load(Vertx vertx) {
    ConfigRetrieverOptions options = new ConfigRetrieverOptions().setScanPeriod(0);
    String file = System.getenv("CONFIG_FILE");
    if (file == null && Files.isRegularFile(Path.of("config.json"))) {
      file = "config.json";
    }
    if (file != null) {
      options.addStore(new ConfigStoreOptions().setType("file").setFormat("json")
          .setConfig(new JsonObject().put("path", file)));
    }
    options.addStore(new ConfigStoreOptions().setType("env"));
    ConfigRetriever retriever = ConfigRetriever.create(vertx, options);
    return retriever.getConfig()
        .map(Settings::from)
        .eventually(() -> {
          retriever.close();
          return Future.succeededFuture();
        });
  }
}
