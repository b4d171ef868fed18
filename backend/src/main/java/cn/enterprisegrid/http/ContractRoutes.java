package cn.enterprisegrid.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ValidatedRequest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Mounts the operations of an OpenAPI contract on the main router: every request of an operation
 * is validated against the document before its handlers run (a violation fails the route, and
 * {@link Problems} answers with the field's pointer). Start-up fails if an operation of the document
 * has no handler, so the document and the code cannot drift apart silently.
 */
public final class ContractRoutes {
  private static final String VALIDATED = "validatedRequest";

  private final OpenAPIContract contract;
  private final RequestValidator validator;
  private final RequestExtractor extractor = RequestExtractor.withBodyHandler();
  private final Map<String, List<Handler<RoutingContext>>> handlers = new HashMap<>();

  public ContractRoutes(Vertx vertx, OpenAPIContract contract) {
    this.contract = contract;
    this.validator = RequestValidator.create(vertx, contract);
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
      Route route = router.route(op.getHttpMethod(), toVertxPath(op.getOpenAPIPath()))
          .handler(ctx -> extractor.extractValidatableRequest(ctx, op)
              .compose(req -> validator.validate(req, op.getOperationId()))
              .onSuccess(valid -> {
                ctx.put(VALIDATED, valid);
                ctx.next();
              })
              .onFailure(ctx::fail));
      chain.forEach(route::handler);
    }
  }

  /** The request as the contract validated it. */
  public static ValidatedRequest validated(RoutingContext ctx) {
    return ctx.get(VALIDATED);
  }

  static String toVertxPath(String openApiPath) {
    return openApiPath.replaceAll("\\{([^}/]+)}", ":$1");
  }
}
