package cn.enterprisegrid.mp;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ValidatedRequest;

import java.nio.charset.StandardCharsets;

/**
 * The mini-program's API contract: the OpenAPI document {@value #RESOURCE} on the classpath, describing
 * {@value #BASE_PATH}, and helpers to route, validate and publish it.
 * <p>
 * Typical use in the backend:
 * <pre>{@code
 * MiniProgramContract.load(vertx).compose(contract -> MiniProgramContract.rawYaml(vertx).map(yaml -> {
 *   RouterBuilder builder = MiniProgramContract.routerBuilder(vertx, contract);
 *   builder.getRoute(MiniProgramContract.OP_LOGIN).addHandler(login::handle);
 *   Router router = builder.createRouter();
 *   router.get(MiniProgramContract.YAML_PATH).handler(MiniProgramContract.yamlHandler(yaml));
 *   router.route().failureHandler(ctx -> RequestViolation.of(ctx.failure()).ifPresentOrElse(...));
 *   return router;
 * }));
 * }</pre>
 */
public final class MiniProgramContract {

  /** Classpath location of the OpenAPI document. */
  public static final String RESOURCE = "openapi/mini-program.yaml";
  /** Prefix of every path of the contract. */
  public static final String BASE_PATH = "/mp/v1";
  /** Where the backend publishes the raw document. */
  public static final String YAML_PATH = BASE_PATH + "/openapi.yaml";
  /** Media type of the published document. */
  public static final String YAML_CONTENT_TYPE = "application/yaml; charset=utf-8";
  /** Media type of error answers (RFC 7807). */
  public static final String PROBLEM_CONTENT_TYPE = "application/problem+json";
  /** Name of the bearer security scheme. */
  public static final String BEARER_SCHEME = "bearerAuth";
  /** Body size limit of {@link #routerBuilder(Vertx, OpenAPIContract)}: 64 KiB. */
  public static final long DEFAULT_BODY_LIMIT = 64 * 1024;

  /** {@code POST /mp/v1/auth/login}. */
  public static final String OP_LOGIN = "mpLogin";

  private MiniProgramContract() {
  }

  /**
   * Reads, validates and resolves the document. The contract handed to vertx-openapi declares
   * {@code application/problem+json} bodies as {@code application/json} (vertx-openapi 5.0.4 refuses the former);
   * the published document ({@link #rawYaml(Vertx)}) is unchanged.
   *
   * @param vertx the Vert.x instance
   * @return the contract
   */
  public static Future<OpenAPIContract> load(Vertx vertx) {
    return rawYaml(vertx)
      .compose(yaml -> vertx.executeBlocking(() -> ContractYaml.toValidatorJson(yaml.toString(StandardCharsets.UTF_8))))
      .compose(json -> OpenAPIContract.from(vertx, json));
  }

  /**
   * @param vertx the Vert.x instance
   * @return the document's bytes, as published at {@link #YAML_PATH}
   */
  public static Future<Buffer> rawYaml(Vertx vertx) {
    return vertx.fileSystem().readFile(RESOURCE);
  }

  /**
   * A {@link RouterBuilder} that validates every request against the contract: a {@link BodyHandler} (limit
   * {@link #DEFAULT_BODY_LIMIT}) runs first, on every route, and the validator reads the body it collected.
   * A request that breaks the contract fails its route with an {@code HttpException} 400 whose cause is a
   * {@code ValidatorException}; {@link RequestViolation#of(Throwable)} turns it into the field's pointer.
   *
   * @param vertx    the Vert.x instance
   * @param contract from {@link #load(Vertx)}
   * @return the builder; add handlers per operation id, then {@code createRouter()}
   */
  public static RouterBuilder routerBuilder(Vertx vertx, OpenAPIContract contract) {
    return routerBuilder(vertx, contract, DEFAULT_BODY_LIMIT);
  }

  /**
   * Like {@link #routerBuilder(Vertx, OpenAPIContract)} with another body limit.
   *
   * @param vertx     the Vert.x instance
   * @param contract  from {@link #load(Vertx)}
   * @param bodyLimit largest accepted body in bytes (larger: 413)
   * @return the builder
   */
  public static RouterBuilder routerBuilder(Vertx vertx, OpenAPIContract contract, long bodyLimit) {
    return RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler())
      .rootHandler(BodyHandler.create(false).setBodyLimit(bodyLimit));
  }

  /**
   * A validator for requests that do not go through the {@link RouterBuilder}.
   *
   * @param vertx    the Vert.x instance
   * @param contract from {@link #load(Vertx)}
   * @return the validator
   */
  public static RequestValidator requestValidator(Vertx vertx, OpenAPIContract contract) {
    return RequestValidator.create(vertx, contract);
  }

  /**
   * @param ctx a routing context of a route built by the {@link RouterBuilder}
   * @return the request as validated (body and parameters converted to their schema types), or null
   */
  public static ValidatedRequest validatedRequest(RoutingContext ctx) {
    return ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
  }

  /**
   * @param yaml from {@link #rawYaml(Vertx)}
   * @return a handler answering the document with {@link #YAML_CONTENT_TYPE}
   */
  public static Handler<RoutingContext> yamlHandler(Buffer yaml) {
    return ctx -> ctx.response().putHeader("Content-Type", YAML_CONTENT_TYPE)
      .putHeader("Cache-Control", "public, max-age=300").end(yaml);
  }

  /**
   * Reads the document and serves it at {@link #YAML_PATH} on {@code router}.
   *
   * @param vertx  the Vert.x instance
   * @param router the router
   * @return completes when the route is in place
   */
  public static Future<Router> mountYaml(Vertx vertx, Router router) {
    return rawYaml(vertx).map(yaml -> {
      router.get(YAML_PATH).handler(yamlHandler(yaml));
      return router;
    });
  }
}
