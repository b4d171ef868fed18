package cn.enterprisegrid.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Mounts the operations of an OpenAPI contract on the main router: every request of an operation
 * is validated against the document before its handlers run (a violation fails the route, and
 * {@link Problems} answers with the field's pointer). Start-up fails if an operation of the document
 * has no handler, so the document and the code cannot drift apart silently.
 * <p>
 * A streamed operation (its body read by the handler as it arrives) has its parameters validated
 * here and its media type checked against the document's; its body is the handler's to check.
 */
public final class ContractRoutes {
  private static final String VALIDATED = "validatedRequest";

  private final OpenAPIContract contract;
  private final Map<String, Set<String>> streamed;
  private final RequestValidator validator;
  private final RequestExtractor extractor = RequestExtractor.withBodyHandler();
  private final Map<String, List<Handler<RoutingContext>>> handlers = new HashMap<>();
  /** The operations checked by a compiled {@link ParameterCheck} (the rest by the generic validator). */
  private final Set<String> compiled = new TreeSet<>();

  public ContractRoutes(Vertx vertx, OpenAPIContract contract) {
    this(vertx, contract, Map.of());
  }

  /** {@code streamed}: per streamed operation id, the media types its body may have. */
  public ContractRoutes(Vertx vertx, OpenAPIContract contract, Map<String, Set<String>> streamed) {
    this.contract = contract;
    this.streamed = streamed;
    this.validator = RequestValidator.create(vertx, contract);
  }

  public ContractRoutes(Vertx vertx, ConsoleContract console) {
    this(vertx, console.contract(), console.streamed());
  }

  /** The handlers of an operation, run in order after validation (guards first). */
  @SafeVarargs
  public final ContractRoutes operation(String operationId, Handler<RoutingContext>... chain) {
    if (contract.operation(operationId) == null) {
      throw new IllegalArgumentException("the contract has no operation " + operationId);
    }
    handlers.put(operationId, List.of(chain));
    return this;
  }

  /**
   * Registers every operation on {@code router}; fails when one has no handler. Literal paths go
   * before templated ones ({@code /policies/matched} before {@code /policies/{id}}), as OpenAPI
   * resolves them, whatever order the contract lists them in.
   */
  public void mount(Router router) {
    List<Operation> ops = new ArrayList<>(contract.operations());
    ops.sort(Comparator.comparingLong(op -> op.getOpenAPIPath().chars().filter(c -> c == '{').count()));
    for (Operation op : ops) {
      List<Handler<RoutingContext>> chain = handlers.get(op.getOperationId());
      if (chain == null) {
        throw new IllegalStateException("no handler for operation " + op.getOperationId());
      }
      Set<String> mediaTypes = streamed.get(op.getOperationId());
      ParameterCheck fast = mediaTypes == null ? ParameterCheck.compile(op) : null;
      BodyCheck fastBody = mediaTypes == null && fast == null ? BodyCheck.compile(op, contract) : null;
      Route route = router.route(op.getHttpMethod(), toVertxPath(op.getOpenAPIPath()));
      if (fast != null) {
        compiled.add(op.getOperationId());
        route.handler(ctx -> {
          ctx.put(VALIDATED, fast.check(ctx));
          ctx.next();
        });
      } else if (fastBody != null) {
        compiled.add(op.getOperationId());
        route.handler(ctx -> {
          ValidatedRequest valid = fastBody.check(ctx);
          if (valid != null) {
            ctx.put(VALIDATED, valid);
            ctx.next();
            return;
          }
          validate(ctx, op, null).onSuccess(v -> {
            ctx.put(VALIDATED, v);
            ctx.next();
          }).onFailure(ctx::fail);
        });
      } else {
        route.handler(ctx -> validate(ctx, op, mediaTypes)
            .onSuccess(valid -> {
              ctx.put(VALIDATED, valid);
              ctx.next();
            })
            .onFailure(ctx::fail));
      }
      chain.forEach(route::handler);
    }
  }

  private Future<ValidatedRequest> validate(RoutingContext ctx, Operation op, Set<String> streamedTypes) {
    if (streamedTypes != null && !streamedTypes.contains(mediaType(ctx))) {
      return Future.failedFuture(new ProblemException(Problem.of(415, "unsupported-media-type",
          Text.of("unsupported-media-type.streamed", String.join(", ", streamedTypes)))));
    }
    // a streamed operation has no request body in the validator's contract: the body is not read
    return extractor.extractValidatableRequest(ctx, op)
        .map(req -> {
          limits(req);
          return literalStrings(req, op);
        })
        .compose(req -> validator.validate(req, op.getOperationId()));
  }

  /**
   * {@link JsonLimits} on the body before the validator walks it: the extractor hands the body over
   * as the bytes received, so a JSON one is decoded here (once more; this is the slow path anyway).
   * A body that does not decode is left to the validator to word.
   */
  private static void limits(ValidatableRequest req) {
    RequestParameter body = req.getBody();
    if (body == null || body.isNull() || req.getContentType() == null
        || !req.getContentType().split(";")[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
      return;
    }
    Object value = body.get();
    if (value instanceof Buffer b) {
      try {
        value = Json.decodeValue(b);
      } catch (DecodeException e) {
        return;
      }
    }
    JsonLimits.check(value);
  }

  private static String mediaType(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    return type == null ? "" : type.split(";")[0].strip().toLowerCase(Locale.ROOT);
  }

  /**
   * vertx-openapi 5.0.4 JSON-decodes a string parameter unless it is a plain word, so {@code 1.5}
   * would become a number and {@code a"b} fail to decode; handing it the value as a JSON string
   * makes every string parameter the text the client sent.
   */
  private static ValidatableRequest literalStrings(ValidatableRequest req, Operation op) {
    Map<String, RequestParameter> path = new HashMap<>(req.getPathParameters());
    Map<String, RequestParameter> query = new HashMap<>(req.getQuery());
    for (Parameter p : op.getParameters()) {
      Map<String, RequestParameter> values = p.getIn() == Location.PATH ? path
          : p.getIn() == Location.QUERY ? query : null;
      RequestParameter v = values == null ? null : values.get(p.getName());
      if (v != null && !v.isNull() && p.getSchemaType() == SchemaType.STRING && v.get() instanceof String s) {
        values.put(p.getName(), new RequestParameterImpl(Json.encode(s)));
      }
    }
    return new ValidatableRequestImpl(req.getCookies(), req.getHeaders(), path, query, req.getBody(),
        req.getContentType());
  }

  /** The media types the contract's request bodies may have, streamed ones included. */
  public Set<String> bodyMediaTypes() {
    Set<String> types = new TreeSet<>();
    for (Operation op : contract.operations()) {
      if (op.getRequestBody() != null) {
        types.addAll(op.getRequestBody().getContent().keySet());
      }
    }
    streamed.values().forEach(types::addAll);
    return Set.copyOf(types);
  }

  /** The operations whose parameters a compiled check validates (after {@link #mount}). */
  public Set<String> compiledChecks() {
    return Set.copyOf(compiled);
  }

  /** The request as the contract validated it. */
  public static ValidatedRequest validated(RoutingContext ctx) {
    return ctx.get(VALIDATED);
  }

  static String toVertxPath(String openApiPath) {
    return openApiPath.replaceAll("\\{([^}/]+)}", ":$1");
  }
}
