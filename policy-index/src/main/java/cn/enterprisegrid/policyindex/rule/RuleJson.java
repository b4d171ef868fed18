package cn.enterprisegrid.policyindex.rule;

import cn.enterprisegrid.policyindex.profile.Field;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads and writes the rule JSON, collecting every error with its JSON pointer. */
final class RuleJson {

  static final int MAX_DEPTH = 32;
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> COMBINATORS = Set.of("all", "any", "not");
  private static final Set<String> LEAF_KEYS = Set.of("field", "op", "value", "clause");

  private RuleJson() {}

  static Rule parse(String text) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new RuleValidationException(List.of(new ValidationError("", "malformed JSON: " + e.getOriginalMessage())));
    }
    return parse(node);
  }

  static Rule parse(JsonNode json) {
    List<ValidationError> errors = new ArrayList<>();
    Rule r = node(json, "", 0, errors);
    if (!errors.isEmpty() || r == null) {
      if (errors.isEmpty()) {
        errors.add(new ValidationError("", "invalid rule"));
      }
      throw new RuleValidationException(errors);
    }
    return r;
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static Rule node(JsonNode n, String at, int depth, List<ValidationError> errors) {
    if (n == null || !n.isObject()) {
      errors.add(new ValidationError(at, "expected an object: {\"all\":[...]}, {\"any\":[...]}, {\"not\":{...}} or a leaf {\"field\",\"op\",\"value\"}"));
      return null;
    }
    if (depth > MAX_DEPTH) {
      errors.add(new ValidationError(at, "rule nested deeper than " + MAX_DEPTH + " levels"));
      return null;
    }
    List<String> keys = new ArrayList<>();
    n.fieldNames().forEachRemaining(keys::add);
    List<String> combinators = keys.stream().filter(COMBINATORS::contains).toList();
    if (combinators.isEmpty()) {
      return leaf((ObjectNode) n, at, keys, errors);
    }
    if (combinators.size() > 1 || keys.stream().anyMatch(LEAF_KEYS::contains)) {
      errors.add(new ValidationError(at, "a node has exactly one of all, any, not, or is a leaf {field, op, value}"));
      return null;
    }
    String kind = combinators.get(0);
    for (String k : keys) {
      if (!k.equals(kind)) {
        errors.add(new ValidationError(at + "/" + escape(k), "unknown property '" + k + "'"));
      }
    }
    JsonNode body = n.get(kind);
    String bodyAt = at + "/" + kind;
    if (kind.equals("not")) {
      Rule child = node(body, bodyAt, depth + 1, errors);
      return child == null ? null : new Not(child);
    }
    if (!body.isArray()) {
      errors.add(new ValidationError(bodyAt, kind + " takes an array of conditions"));
      return null;
    }
    if (body.isEmpty()) {
      errors.add(new ValidationError(bodyAt, kind + " needs at least one condition"));
      return null;
    }
    List<Rule> children = new ArrayList<>(body.size());
    boolean ok = true;
    for (int i = 0; i < body.size(); i++) {
      Rule c = node(body.get(i), bodyAt + "/" + i, depth + 1, errors);
      ok &= c != null;
      children.add(c);
    }
    if (!ok) {
      return null;
    }
    return kind.equals("all") ? new All(children) : new Any(children);
  }

  private static Rule leaf(ObjectNode n, String at, List<String> keys, List<ValidationError> errors) {
    int before = errors.size();
    for (String k : keys) {
      if (!LEAF_KEYS.contains(k)) {
        errors.add(new ValidationError(at + "/" + escape(k), "unknown property '" + k + "'"));
      }
    }
    Field field = null;
    JsonNode f = n.get("field");
    if (f == null) {
      errors.add(new ValidationError(at + "/field", "missing field"));
    } else if (!f.isTextual()) {
      errors.add(new ValidationError(at + "/field", "field must be a string"));
    } else {
      field = Field.byJsonName(f.asText()).orElse(null);
      if (field == null) {
        errors.add(new ValidationError(at + "/field", "unknown field '" + f.asText() + "'; expected one of "
            + Arrays.stream(Field.values()).map(Field::jsonName).collect(Collectors.joining(", "))));
      }
    }
    Op op = null;
    JsonNode o = n.get("op");
    if (o == null) {
      errors.add(new ValidationError(at + "/op", "missing op"));
    } else if (!o.isTextual()) {
      errors.add(new ValidationError(at + "/op", "op must be a string"));
    } else {
      op = Op.byJsonName(o.asText()).orElse(null);
      if (op == null) {
        errors.add(new ValidationError(at + "/op", "unknown op '" + o.asText() + "'; expected one of "
            + Arrays.stream(Op.values()).map(Op::jsonName).collect(Collectors.joining(", "))));
      }
    }
    String clause = null;
    JsonNode c = n.get("clause");
    if (c != null) {
      if (c.isTextual()) {
        clause = c.asText();
      } else {
        errors.add(new ValidationError(at + "/clause", "clause must be a string"));
      }
    }
    if (field == null || op == null) {
      return null;
    }
    if (!op.fits(field.type())) {
      LeafChecks.check(field, op, List.of(), List.of(), clause, at, errors);
      return null;
    }
    List<String> texts = new ArrayList<>();
    List<Double> numbers = new ArrayList<>();
    JsonNode v = n.get("value");
    String vp = at + "/value";
    boolean numeric = field.type().isNumeric();
    if (op == Op.EXISTS) {
      if (v != null) {
        errors.add(new ValidationError(vp, "exists takes no value"));
      }
    } else if (v == null) {
      errors.add(new ValidationError(vp, "missing value"));
    } else {
      boolean scalar = op == Op.EQ || op == Op.GTE || op == Op.GT || op == Op.LTE || op == Op.LT;
      if (scalar) {
        if (v.isContainerNode()) {
          errors.add(new ValidationError(vp, op.jsonName() + " takes a single " + (numeric ? "number" : "string")));
        } else {
          element(v, vp, numeric, texts, numbers, errors);
        }
      } else if (!v.isArray()) {
        errors.add(new ValidationError(vp, op.jsonName() + " takes an array"
            + (op == Op.BETWEEN ? " [lo, hi]" : "")));
      } else {
        for (int i = 0; i < v.size(); i++) {
          element(v.get(i), vp + "/" + i, numeric, texts, numbers, errors);
        }
      }
    }
    if (errors.size() > before) {
      return null;
    }
    LeafChecks.check(field, op, texts, numbers, clause, at, errors);
    if (errors.size() > before) {
      return null;
    }
    return new Leaf(field, op, texts, numbers, clause);
  }

  private static void element(JsonNode e, String p, boolean numeric, List<String> texts, List<Double> numbers,
      List<ValidationError> errors) {
    if (numeric) {
      if (e.isNumber()) {
        numbers.add(e.doubleValue());
      } else {
        errors.add(new ValidationError(p, "expected a number"));
      }
    } else if (e.isTextual()) {
      texts.add(e.asText());
    } else {
      errors.add(new ValidationError(p, "expected a string"));
    }
  }

  static JsonNode write(Rule r) {
    if (r instanceof All a) {
      return combinator("all", a.children());
    } else if (r instanceof Any a) {
      return combinator("any", a.children());
    } else if (r instanceof Not n) {
      ObjectNode o = NODES.objectNode();
      o.set("not", write(n.child()));
      return o;
    }
    Leaf l = (Leaf) r;
    ObjectNode o = NODES.objectNode();
    o.put("field", l.field().jsonName());
    o.put("op", l.op().jsonName());
    JsonNode v = valueOf(l);
    if (v != null) {
      o.set("value", v);
    }
    if (l.clause() != null) {
      o.put("clause", l.clause());
    }
    return o;
  }

  private static JsonNode combinator(String kind, List<Rule> children) {
    ObjectNode o = NODES.objectNode();
    ArrayNode arr = o.putArray(kind);
    for (Rule c : children) {
      arr.add(write(c));
    }
    return o;
  }

  static JsonNode valueOf(Leaf l) {
    Op op = l.op();
    if (op == Op.EXISTS) {
      return null;
    }
    boolean scalar = op == Op.EQ || op == Op.GTE || op == Op.GT || op == Op.LTE || op == Op.LT;
    boolean numeric = l.field().type().isNumeric();
    if (scalar) {
      return numeric ? number(l.numbers().get(0)) : NODES.textNode(l.texts().get(0));
    }
    ArrayNode arr = NODES.arrayNode();
    if (numeric) {
      for (Iterator<Double> it = l.numbers().iterator(); it.hasNext();) {
        arr.add(number(it.next()));
      }
    } else {
      l.texts().forEach(arr::add);
    }
    return arr;
  }

  static JsonNode number(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
      long l = (long) d;
      return l == (int) l ? NODES.numberNode((int) l) : NODES.numberNode(l);
    }
    return NODES.numberNode(d);
  }
}
