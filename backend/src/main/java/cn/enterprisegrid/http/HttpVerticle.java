package cn.enterprisegrid.http;

import cn.enterprisegrid.config.Settings;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Serves HTTP: the access log, request bodies, problem documents and the server itself; the
 * application's routes come from {@link Routes}. One instance per core; each has its own Redis
 * connection pool and router, all instances share the port.
 */
public final class HttpVerticle extends VerticleBase {
  private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

  /** The application's routes, mounted on each verticle's router. */
  public interface Routes {
    /** Paths whose bodies their handlers stream themselves (not buffered, not size-limited here). */
    default Set<String> streamedPaths() {
      return Set.of();
    }

    /**
     * The media types some route's body may have, asked once the routes are mounted: a body of any
     * other type is refused (415) before it is read, so no body is decoded as a form or multipart
     * (which no route takes, and whose decoder fails on an attribute over its limit).
     */
    default Set<String> bodyMediaTypes() {
      return Set.of("application/json");
    }

    /** Mounts the routes; answers what to close when the verticle stops. */
    Future<AutoCloseable> mount(Vertx vertx, Store store, Router router);
  }

  private final Settings settings;
  private final Supplier<Routes> routes;
  private Store store;
  private AutoCloseable mounted = () -> { };
  private HttpServer server;
  /** Set once the routes are mounted, before the server listens. */
  private volatile Set<String> bodyTypes = Set.of();

  /** {@code routes} is called once per verticle instance. */
  public HttpVerticle(Settings settings, Supplier<Routes> routes) {
    this.settings = settings;
    this.routes = routes;
  }

  @Override
  public Future<?> start() {
    store = Store.connect(vertx, settings.redisUrl());
    Routes app = routes.get();
    Set<String> streamed = app.streamedPaths();

    Router router = Router.router(vertx);
    router.route().handler(new AccessLog());
    router.route().handler(new SecurityHeaders());
    router.route().handler(new UriCheck());
    BodyHandler body = BodyHandler.create(false).setBodyLimit(settings.bodyLimitBytes());
    router.route().handler(ctx -> {
      if (streamed.contains(ctx.request().path())) {
        // streamed by its handler: no body buffering; paused until the handler reads it, and
        // drained when the answer goes out before the body was read (refused by a guard)
        ctx.request().pause();
        ctx.addHeadersEndHandler(v -> {
          if (!ctx.request().isEnded()) {
            ctx.request().handler(b -> { }).endHandler(e -> { }).resume();
          }
        });
        ctx.next();
      } else if (WITH_BODY.contains(ctx.request().method())) {
        String type = mediaType(ctx);
        if (type != null && !bodyTypes.contains(type)) {
          // refused unread: the body that follows flows into no handler and is dropped
          Problems.send(ctx, Problem.of(415, "unsupported-media-type",
              Text.of("unsupported-media-type.any", type, String.join(", ", new TreeSet<>(bodyTypes)))));
          return;
        }
        body.handle(ctx);
      } else {
        ctx.next();
      }
    });
    Problems.install(router);

    return app.mount(vertx, store, router)
        .compose(closeable -> {
          mounted = closeable;
          bodyTypes = Set.copyOf(app.bodyMediaTypes());
          return vertx.createHttpServer(InvalidRequests.limits(new HttpServerOptions()
                  .setCompressionSupported(true)
                  .setMaxFormAttributeSize(8192)))
              .requestHandler(router)
              .invalidRequestHandler(new InvalidRequests())
              .listen(settings.httpPort());
        })
        .onSuccess(s -> server = s);
  }

  /** The body's media type, lower case without parameters; null when the request declares none. */
  private static String mediaType(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || type.isBlank()) {
      return null;
    }
    return type.split(";")[0].strip().toLowerCase(Locale.ROOT);
  }

  @Override
  public Future<?> stop() {
    Future<Void> closed = server == null ? Future.succeededFuture() : server.shutdown();
    return closed.eventually(() -> {
      try {
        mounted.close();
      } catch (Exception e) {
        // closing a client at shutdown: nothing left to do about it
      }
      return store.close();
    });
  }

  /** The port actually bound (useful when configured as 0). */
  public int port() {
    return server.actualPort();
  }
}
