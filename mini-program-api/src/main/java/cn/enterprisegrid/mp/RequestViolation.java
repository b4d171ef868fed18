package cn.enterprisegrid.mp;

import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.OutputErrorType;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a request broke the contract, read from the failure the OpenAPI router or {@code RequestValidator} reports,
 * in the terms of an RFC 7807 problem document.
 *
 * @param type    the validator's classification: {@code MISSING_REQUIRED_PARAMETER} for a missing parameter, body
 *                or required body property (vertx reports the latter as {@code INVALID_VALUE}; normalised here),
 *                {@code INVALID_VALUE}, {@code ILLEGAL_VALUE} (undecodable body), {@code UNSUPPORTED_VALUE_FORMAT}
 *                (media type not accepted), ...
 * @param in      where the problem is: {@code body}, {@code query}, {@code path}, {@code header}, {@code cookie},
 *                or {@code null} when it concerns the operation itself
 * @param name    the parameter's name when {@code in} is a parameter location, else {@code null}
 * @param pointer for {@code in = body}: JSON pointer to the offending field ({@code /code}, {@code /items/0/id}),
 *                {@code ""} for the body as a whole; else {@code null}
 * @param detail  a human explanation, e.g. {@code Instance type number is invalid. Expected string}
 */
public record RequestViolation(ValidatorErrorType type, String in, String name, String pointer, String detail) {

  /** {@link #in()} for the request body. */
  public static final String BODY = "body";

  private static final Pattern REQUIRED = Pattern.compile("Instance does not have required property \"(.*)\"");
  private static final Pattern PARAMETER = Pattern.compile("\\b(query|path|header|cookie) parameter (\\S+?)[.]?(?:\\s|$)");

  /**
   * Finds the validation failure in {@code failure} or its causes. The router fails the route with an
   * {@link HttpException} (status 400) whose cause is a {@link ValidatorException}; a
   * {@link SchemaValidationException} carries the schema validator's output, whose last (most specific) error
   * gives the location.
   *
   * @param failure {@code RoutingContext.failure()} or the failure of {@code RequestValidator.validate}
   * @return the violation, empty when {@code failure} is not a validation failure
   */
  public static Optional<RequestViolation> of(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 10; t = t.getCause(), depth++) {
      if (t instanceof ValidatorException e) {
        return Optional.of(from(e));
      }
    }
    return Optional.empty();
  }

  /**
   * @return the body's media type is not one the operation accepts: answer 415 rather than 400
   */
  public boolean unsupportedMediaType() {
    return type == ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT && BODY.equals(in);
  }

  private static RequestViolation from(ValidatorException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    Matcher parameter = PARAMETER.matcher(message);
    boolean body = message.contains("body") && !parameter.find();
    if (body) {
      if (e instanceof SchemaValidationException s && s.getOutputUnit() != null) {
        OutputUnit unit = mostSpecific(s.getOutputUnit());
        ValidatorErrorType type = unit.getErrorType() == OutputErrorType.MISSING_VALUE
          ? ValidatorErrorType.MISSING_REQUIRED_PARAMETER : e.type();
        return new RequestViolation(type, BODY, null, pointer(unit),
          unit.getError() == null ? message : unit.getError());
      }
      return new RequestViolation(e.type(), BODY, null, "", message);
    }
    if (parameter.find(0)) {
      return new RequestViolation(e.type(), parameter.group(1), parameter.group(2), null, message);
    }
    return new RequestViolation(e.type(), null, null, null, message);
  }

  /** The validator lists errors from the outside in; the last one is the most specific. */
  private static OutputUnit mostSpecific(OutputUnit root) {
    List<OutputUnit> errors = root.getErrors();
    return errors == null || errors.isEmpty() ? root : errors.get(errors.size() - 1);
  }

  /** Instance locations are URI fragments ({@code #/a%20b/0}); a missing property is reported on its parent. */
  private static String pointer(OutputUnit unit) {
    String location = unit.getInstanceLocation() == null ? "" : unit.getInstanceLocation();
    if (location.startsWith("#")) {
      location = location.substring(1);
    }
    location = URLDecoder.decode(location.replace("+", "%2B"), StandardCharsets.UTF_8);
    if (unit.getError() != null) {
      Matcher m = REQUIRED.matcher(unit.getError());
      if (m.matches()) {
        location = location + "/" + m.group(1).replace("~", "~0").replace("/", "~1");
      }
    }
    return location;
  }
}
