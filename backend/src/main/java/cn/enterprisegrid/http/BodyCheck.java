package cn.enterprisegrid.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatedRequestImpl;

import java.util.Locale;
import java.util.Map;

/**
 * The contract's check of an operation with a JSON body, with the body's schema validator built once:
 * vertx-openapi 5.0.4 builds a validator (copying the schema repository) for every request, which
 * made a write such as filing a problem spend more time in validation than in its work. The same
 * schema and the same validator decide; only a well-formed body the schema accepts is answered here,
 * and anything else (another media type, malformed JSON, a schema violation) goes back to the
 * generic validator, so every refusal is the one it gives; a value past {@link JsonLimits} is
 * refused here, as the generic path refuses it before its validator. Not thread-safe across event
 * loops: one per {@link ContractRoutes}, which is one per HTTP verticle.
 */
final class BodyCheck {
  private static final String JSON = "application/json";

  private final ParameterCheck parameters;
  private final Validator body;

  private BodyCheck(ParameterCheck parameters, Validator body) {
    this.parameters = parameters;
    this.body = body;
  }

  /** The check of {@code op}, or null when its body is not JSON alone or its parameters need the generic validator. */
  static BodyCheck compile(Operation op, OpenAPIContract contract) {
    if (op.getRequestBody() == null || op.getRequestBody().getContent().size() != 1) {
      return null;
    }
    MediaType json = op.getRequestBody().getContent().get(JSON);
    ParameterCheck parameters = ParameterCheck.parameters(op);
    if (json == null || json.getSchema() == null || parameters == null) {
      return null;
    }
    return new BodyCheck(parameters, contract.getSchemaRepository().validator(json.getSchema()));
  }

  /**
   * The validated request when the body is well-formed JSON the schema accepts and the parameters
   * pass; null when the generic validator must answer.
   */
  ValidatedRequest check(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !JSON.equals(type.split(";")[0].strip().toLowerCase(Locale.ROOT))) {
      return null;
    }
    Buffer buf = ctx.body().buffer();
    if (buf == null || buf.length() == 0) {
      return null;
    }
    Object value;
    try {
      value = Json.decodeValue(buf);
    } catch (DecodeException e) {
      return null;
    }
    JsonLimits.check(value);
    OutputUnit out = body.validate(value);
    if (!Boolean.TRUE.equals(out.getValid())) {
      return null;
    }
    ValidatedRequest p;
    try {
      p = parameters.check(ctx);
    } catch (ProblemException e) {
      return null;   // the generic validator words the refusal
    }
    return new ValidatedRequestImpl(Map.of(), Map.of(), p.getPathParameters(), p.getQuery(),
        new RequestParameterImpl(value));
  }
}
