package cn.enterprisegrid.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The web console (管理后台) at {@value #PATH}: the single-page app Vite builds into the classpath
 * folder {@value #FOLDER} (the backend's Maven build runs it, ADR 0010). Not a plain {@code console/}:
 * Vert.x resolves a relative name against the working directory before the classpath, and the
 * README starts the jar from the repository root, where {@code console/} is the app's source.
 * <p>
 * Vite names every asset after a hash of its content, so {@code /console/assets/*} is cached for a
 * year as immutable; every other path under {@code /console/} is a route of the app's history-mode
 * router and answers its {@code index.html}, revalidated on each load so a new build is picked up
 * at once. A build without the app ({@code -Dconsole.skip=true}) answers a page saying so.
 */
public final class ConsoleSite {
  public static final String PATH = "/console";
  static final String FOLDER = "META-INF/console";
  static final int ASSET_MAX_AGE_SECONDS = 365 * 24 * 3600;
  /**
   * Scripts only from this server; ant-design-vue writes its styles into {@code <style>} elements
   * at run time (CSS-in-JS), hence inline styles; the 企业码 QR image is fetched with the token and
   * shown from a {@code blob:} URL, and exported files are downloaded from one.
   */
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
      + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
  private static final String NOT_BUILT = "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\">"
      + "<title>管理后台未构建</title><p>本次构建跳过了管理后台（-Dconsole.skip=true）。"
      + "请不带该参数重新执行 mvn package。</p></html>";

  private ConsoleSite() {}

  /** Mounts the console on {@code router}; completes once its page is read. */
  public static Future<Void> mount(Vertx vertx, Router router) {
    var fs = vertx.fileSystem();
    String index = FOLDER + "/index.html";
    return fs.exists(index)
        .compose(built -> built ? fs.readFile(index) : Future.succeededFuture(Buffer.buffer(NOT_BUILT)))
        .map(page -> {
          router.get(PATH + "/assets/*").handler(StaticHandler.create(FOLDER + "/assets")
              .setMaxAgeSeconds(ASSET_MAX_AGE_SECONDS)
              .setDirectoryListing(false)
              .setIncludeHidden(false)
              .setDefaultContentEncoding("UTF-8"));
          // a missing asset is a 404 problem, never the page (a script answered with HTML breaks
          // the app with a MIME error instead of a clear miss)
          router.get(PATH + "/assets/*").handler(ctx -> Problems.send(ctx,
              Problem.of(404, "not-found", Text.of("not-found.asset", ctx.request().path()))));
          router.get(PATH + "/*").handler(ctx -> {
            if (ctx.request().path().equals(PATH)) {
              ctx.redirect(PATH + "/");
              return;
            }
            HttpServerResponse r = ctx.response()
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("Content-Security-Policy", CSP);
            r.end(page);
          });
          return null;
        });
  }
}
