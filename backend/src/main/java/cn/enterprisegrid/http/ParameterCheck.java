package cn.enterprisegrid.http;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.JsonSchema;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatedRequestImpl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The contract's check of an operation without a request body whose parameters are plain values
 * (a string with pattern, length or enum; an integer or number with bounds; a boolean), compiled
 * once at start-up. It answers exactly what the generic validator would let through, as the same
 * {@link ValidatedRequest}, at a small fraction of its cost: the generic path builds and validates a
 * JSON document per request, which made a hot read several times slower. Operations with anything
 * else (a body, arrays, objects, other keywords) keep the generic validator.
 */
final class ParameterCheck {
  /** Keywords this check implements, or that do not constrain a value. */
  private static final Set<String> KNOWN = Set.of("type", "pattern", "minLength", "maxLength", "enum", "minimum",
      "maximum", "default", "description", "example", "examples", "title", "format", "$id", "$schema",
      "__absolute_uri__", "__absolute_ref__", "__absolute_recursive_ref__");

  private record Check(String name, Location in, boolean required, String type, Pattern pattern, Integer minLength,
      Integer maxLength, Set<Object> allowed, Double minimum, Double maximum) {}

  private final List<Check> checks;

  private ParameterCheck(List<Check> checks) {
    this.checks = checks;
  }

  /** The check of {@code op}, or null when the generic validator must handle it. */
  static ParameterCheck compile(Operation op) {
    return op.getRequestBody() != null ? null : parameters(op);
  }

  /** The check of {@code op}'s parameters alone (its body, if any, is checked elsewhere), or null. */
  static ParameterCheck parameters(Operation op) {
    List<Check> checks = new ArrayList<>();
    for (Parameter p : op.getParameters()) {
      if (p.getIn() != Location.PATH && p.getIn() != Location.QUERY) {
        return null;
      }
      JsonSchema s = p.getSchema();
      for (String k : s.fieldNames()) {
        if (!KNOWN.contains(k)) {
          return null;
        }
      }
      Object type = s.get("type");
      if (!(type instanceof String t) || !Set.of("string", "integer", "number", "boolean").contains(t)) {
        return null;
      }
      if ("date".equals(s.get("format")) || "date-time".equals(s.get("format"))) {
        return null;   // formats the generic validator may assert
      }
      Set<Object> allowed = null;
      if (s.get("enum") instanceof JsonArray e) {
        allowed = Set.copyOf(e.getList());
      }
      String pattern = s.get("pattern");
      checks.add(new Check(p.getName(), p.getIn(), p.isRequired() || p.getIn() == Location.PATH, t,
          pattern == null ? null : Pattern.compile(pattern), number(s.get("minLength")), number(s.get("maxLength")),
          allowed, real(s.get("minimum")), real(s.get("maximum"))));
    }
    return new ParameterCheck(List.copyOf(checks));
  }

  /** The validated request; fails with a 400 problem naming the parameter. */
  ValidatedRequest check(RoutingContext ctx) {
    Map<String, RequestParameter> path = new HashMap<>();
    Map<String, RequestParameter> query = new HashMap<>();
    MultiMap params = ctx.queryParams();
    for (Check c : checks) {
      String raw = c.in() == Location.PATH ? ctx.pathParam(c.name()) : params.get(c.name());
      Map<String, RequestParameter> into = c.in() == Location.PATH ? path : query;
      if (raw == null) {
        if (c.required()) {
          throw invalid(c, "param.required");
        }
        into.put(c.name(), new RequestParameterImpl(null));
        continue;
      }
      into.put(c.name(), new RequestParameterImpl(value(c, raw)));
    }
    return new ValidatedRequestImpl(Map.of(), Map.of(), path, query);
  }

  private static Object value(Check c, String raw) {
    Object v = switch (c.type()) {
      case "integer" -> {
        try {
          yield Long.parseLong(raw);
        } catch (NumberFormatException e) {
          throw invalid(c, "param.integer", quoted(raw));
        }
      }
      case "number" -> {
        try {
          double d = Double.parseDouble(raw);
          if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new NumberFormatException();
          }
          yield d;
        } catch (NumberFormatException e) {
          throw invalid(c, "param.number", quoted(raw));
        }
      }
      case "boolean" -> switch (raw) {
        case "true" -> Boolean.TRUE;
        case "false" -> Boolean.FALSE;
        default -> throw invalid(c, "param.boolean", quoted(raw));
      };
      default -> raw;
    };
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if ((c.minimum() != null && d < c.minimum()) || (c.maximum() != null && d > c.maximum())) {
        throw invalid(c, "param.range", bound(c.minimum()), bound(c.maximum()), quoted(raw));
      }
      if (v instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
        v = l.intValue();
      }
    }
    if (v instanceof String s) {
      int length = s.codePointCount(0, s.length());
      if ((c.minLength() != null && length < c.minLength()) || (c.maxLength() != null && length > c.maxLength())) {
        throw c.maxLength() == null ? invalid(c, "param.min-length", c.minLength())
            : invalid(c, "param.length", c.minLength() == null ? 0 : c.minLength(), c.maxLength());
      }
      if (c.pattern() != null && !c.pattern().matcher(s).find()) {
        throw invalid(c, "param.pattern", c.pattern().pattern());
      }
    }
    if (c.allowed() != null && !c.allowed().contains(v)) {
      throw invalid(c, "param.enum", c.allowed(), quoted(raw));
    }
    return v;
  }

  /** A 400 naming the parameter: the catalog's {@code key} with the parameter first, then {@code args}. */
  private static ProblemException invalid(Check c, String key, Object... args) {
    Text where = Text.of(c.in() == Location.PATH ? "contract.where.path" : "contract.where.query", c.name());
    Object[] all = new Object[args.length + 1];
    all[0] = where;
    System.arraycopy(args, 0, all, 1, args.length);
    return ProblemException.badRequest("/" + c.name(), Text.of(key, all));
  }

  private static String quoted(String raw) {
    return "\"" + (raw.length() > 40 ? raw.substring(0, 40) + "…" : raw) + "\"";
  }

  private static String bound(Double d) {
    return d == null ? "" : d % 1 == 0 ? String.valueOf(d.longValue()) : d.toString();
  }

  private static Integer number(Object o) {
    return o instanceof Number n ? n.intValue() : null;
  }

  private static Double real(Object o) {
    return o instanceof Number n ? n.doubleValue() : null;
  }
}
