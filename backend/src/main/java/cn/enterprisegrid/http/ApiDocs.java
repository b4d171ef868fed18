package cn.enterprisegrid.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/**
 * Interactive API documentation at {@value #PATH}: Swagger UI from its WebJar, with a selector
 * over the OpenAPI documents the backend serves. Everything loads from this server (no CDN), and
 * "Try it out" calls the same origin, since the documents name {@code /} as their server.
 * <p>
 * Swagger UI's files sit under a path carrying the WebJar's version, so they are cached for a year
 * and a new version changes their URLs; the page, its script and its configuration are revalidated
 * on every load.
 */
public final class ApiDocs {
  public static final String PATH = "/docs";
  private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
  private static final String WEBJAR_VERSION = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
  private static final int ASSET_MAX_AGE_SECONDS = 365 * 24 * 3600;
  // Swagger UI styles its widgets inline and shows its logo as a data: URL; nothing else is needed
  private static final String CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data:; frame-ancestors 'none'";

  /** One OpenAPI document in the selector: its label and the URL the backend serves it at. */
  public record Document(String name, String url) {
    JsonObject toJson() {
      return new JsonObject().put("name", name).put("url", url);
    }
  }

  private ApiDocs() {}

  /** Mounts the documentation on {@code router}; completes once the files are read. */
  public static Future<Void> mount(Vertx vertx, Router router, List<Document> documents) {
    var fs = vertx.fileSystem();
    return Future.all(fs.readFile(WEBJAR_VERSION), fs.readFile("apidocs/index.html"),
            fs.readFile("apidocs/initializer.js"))
        .map(files -> {
          String version = version(files.<Buffer>resultAt(0).toString());
          Buffer page = Buffer.buffer(files.<Buffer>resultAt(1).toString().replace("{{version}}", version));
          Buffer script = files.resultAt(2);
          Buffer config = new JsonObject()
              .put("urls", new JsonArray(documents.stream().map(Document::toJson).toList()))
              .toBuffer();

          // a Vert.x route matches its path with or without the trailing slash: the page's
          // relative URLs need the slash, so the bare path redirects
          router.get(PATH).handler(ctx -> {
            if (ctx.request().path().endsWith("/")) {
              revalidated(ctx, "text/html; charset=utf-8").putHeader("Content-Security-Policy", CSP).end(page);
            } else {
              ctx.redirect(PATH + "/");
            }
          });
          router.get(PATH + "/initializer.js").handler(ctx ->
              revalidated(ctx, "text/javascript; charset=utf-8").end(script));
          router.get(PATH + "/config.json").handler(ctx ->
              revalidated(ctx, "application/json").end(config));
          router.get(PATH + "/swagger-ui/" + version + "/*").handler(StaticHandler.create(WEBJAR + version)
              .setMaxAgeSeconds(ASSET_MAX_AGE_SECONDS)
              .setDirectoryListing(false));
          return null;
        });
  }

  private static HttpServerResponse revalidated(RoutingContext ctx, String contentType) {
    return ctx.response().putHeader("Content-Type", contentType)
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Content-Type-Options", "nosniff");
  }

  private static String version(String pomProperties) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(pomProperties));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String version = p.getProperty("version");
    if (version == null) {
      throw new IllegalStateException("no version in " + WEBJAR_VERSION);
    }
    return version;
  }
}
