package cn.enterprisegrid.contract;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hostile requests for every operation of one OpenAPI document, derived from the document
 * alone (no randomness: the same document gives the same requests): malformed and non-JSON bodies,
 * a wrong type and extreme numbers for every body field (nested ones included), huge strings and
 * arrays, nesting 10,000 deep, invalid UTF-8, other media types, and bad percent-encoding or
 * wrong types in every path and query parameter.
 * <p>
 * A case is {@code strict} when no reading of the contract could accept it (it must answer 4xx);
 * the others (a huge string where the schema sets no length, {@code -0} for a number) may be
 * accepted, and must then simply not fail.
 */
final class HostileCases {
  /** One request to send; {@code role} names the token it goes with (see {@link #role}). */
  record Case(String op, String role, HttpMethod method, String uri, String contentType, Buffer body,
      boolean strict, String what) {
  }

  private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");
  private static final String JSON = "application/json";
  private static final Pattern ROLE = Pattern.compile("\\b(GRID_ADMIN|POLICY_AUTHOR|DEPT_HANDLER|SUPERVISOR|LIAISON|ENTERPRISE)\\b");
  /** Extreme numbers as written in JSON: two infinities, an overflow, a 20-digit integer, negative zero. */
  static final List<String> EXTREME_NUMBERS = List.of("1e309", "-1e309", "1e400", "99999999999999999999", "-0");
  static final String[] BAD_ENCODINGS = {"%", "%zz", "%ff", "%e4%b8", "a%2"};
  static final int HUGE_STRING = 1_000_000;
  static final int HUGE_ARRAY = 200_000;
  static final int DEEP = 10_000;
  /** Over the server's 8 KB form-attribute limit. */
  static final int FORM = 9 * 1024;
  private static final String HOLE = "@@bytes@@";

  /**
   * Path parameter values that satisfy each pattern the documents use, so that a request reaches
   * its body and query checks; a pattern missing here fails the suite (see {@link #pathSample}).
   */
  private static final Map<String, String> PATH_SAMPLES = Map.ofEntries(
      Map.entry("^[A-Za-z0-9_.@-]{3,64}$", "kh.admin"),
      Map.entry("^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$", "913308240000000001"),
      Map.entry("^[A-Za-z0-9._-]{1,64}$", "employees"),
      Map.entry("^L[0-9]{4,9}$", "L0001"),
      Map.entry("^CB[0-9]{1,12}$", "CB1"),
      Map.entry("^[0-9]+-[0-9]+$", "1-1"),
      Map.entry("^[A-Za-z0-9._~:-]{1,200}$", "n1"),
      Map.entry("^P[0-9]{1,9}$", "P1"),
      Map.entry("^P[0-9]{1,9}-[0-9A-HJ-NPQRTUWXY]{18}$", "P1-913308240000000001"),
      Map.entry("^[0-9]{1,12}$", "1"),
      Map.entry("^20[0-9]{2}$", "2026"));

  private final Map<String, Object> doc;
  private final List<Case> cases = new ArrayList<>();

  private HostileCases(Map<String, Object> doc) {
    this.doc = doc;
  }

  /** The cases of the document {@code yaml}; {@code defaultRole} for operations whose summary names none. */
  @SuppressWarnings("unchecked")
  static List<Case> of(String yaml, Map<String, String> roleOverrides, String defaultRole) {
    Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    HostileCases c = new HostileCases(doc);
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
    paths.forEach((path, item) -> item.forEach((method, o) -> {
      if (METHODS.contains(method)) {
        Map<String, Object> op = (Map<String, Object>) o;
        String id = (String) op.get("operationId");
        String role = roleOverrides.getOrDefault(id, role(op, defaultRole));
        List<Map<String, Object>> params = new ArrayList<>();
        for (Object p : (List<Object>) item.getOrDefault("parameters", List.of())) {
          params.add(c.resolve(p));
        }
        for (Object p : (List<Object>) op.getOrDefault("parameters", List.of())) {
          params.add(c.resolve(p));
        }
        c.operation(id, role, HttpMethod.valueOf(method.toUpperCase()), path, params, op);
      }
    }));
    return List.copyOf(c.cases);
  }

  /** The first role the summary's parenthesis names (e.g. "(POLICY_AUTHOR, GRID_ADMIN)"), else the default. */
  static String role(Map<String, Object> op, String defaultRole) {
    String summary = String.valueOf(op.getOrDefault("summary", ""));
    int open = summary.lastIndexOf('(');
    if (open >= 0) {
      var m = ROLE.matcher(summary.substring(open));
      if (m.find()) {
        return m.group(1);
      }
    }
    return defaultRole;
  }

  @SuppressWarnings("unchecked")
  private void operation(String id, String role, HttpMethod method, String template, List<Map<String, Object>> params,
      Map<String, Object> op) {
    Map<String, String> pathValues = new LinkedHashMap<>();
    List<Map<String, Object>> query = new ArrayList<>();
    for (Map<String, Object> p : params) {
      if ("path".equals(p.get("in"))) {
        pathValues.put((String) p.get("name"), pathSample(id, resolve(p.get("schema"))));
      } else if ("query".equals(p.get("in"))) {
        query.add(p);
      }
    }
    String path = fill(template, pathValues);

    // bad percent-encoding, and stream ids Redis refuses, in every path parameter
    for (String name : pathValues.keySet()) {
      for (String bad : BAD_ENCODINGS) {
        Map<String, String> values = new LinkedHashMap<>(pathValues);
        values.put(name, bad);
        add(id, role, method, fill(template, values), null, null, true, "path " + name + "=" + bad);
      }
      for (String id2 : new String[] {"0-0", "99999999999999999999-0", "18446744073709551616-1", "not%20an%20id"}) {
        Map<String, String> values = new LinkedHashMap<>(pathValues);
        values.put(name, id2);
        add(id, role, method, fill(template, values), null, null, true, "path " + name + "=" + id2);
      }
    }
    // bad percent-encoding in an undeclared query parameter, and in every declared one
    for (String bad : BAD_ENCODINGS) {
      add(id, role, method, path + "?x=" + bad, null, null, true, "query x=" + bad);
      add(id, role, method, path + "?" + bad + "=1", null, null, true, "query name " + bad);
    }
    for (Map<String, Object> p : query) {
      String name = (String) p.get("name");
      for (String bad : BAD_ENCODINGS) {
        add(id, role, method, path + "?" + name + "=" + bad, null, null, true, "query " + name + "=" + bad);
      }
      queryValues(id, role, method, path, name, resolve(p.get("schema")));
    }
    if (op.get("requestBody") != null) {
      body(id, role, method, path, resolve(op.get("requestBody")));
    }
  }

  /** Wrong types and extreme values for one query parameter, per its schema. */
  private void queryValues(String id, String role, HttpMethod method, String path, String name, Map<String, Object> s) {
    String type = type(s);
    String at = path + "?" + name + "=";
    switch (type == null ? "" : type) {
      case "integer", "number" -> {
        for (String v : List.of("abc", "1e309", "-1e309", "1e400", "99999999999999999999", "1.5e3x", "NaN", "Infinity")) {
          add(id, role, method, at + v, null, null, true, "query " + name + "=" + v);
        }
        add(id, role, method, at + "-0", null, null, false, "query " + name + "=-0");
      }
      case "boolean" -> add(id, role, method, at + "maybe", null, null, true, "query " + name + "=maybe");
      case "string" -> {
        boolean constrained = s.containsKey("pattern") || s.containsKey("enum") || s.containsKey("format");
        for (String v : List.of("0-0", "99999999999999999999-0", "18446744073709551616-1", "1e309", "-0", "%00",
            "%E4%B8%AD%E6%96%87%20%21")) {
          boolean strict = constrained && !matches(s, v);
          add(id, role, method, at + v, null, null, strict, "query " + name + "=" + v);
        }
        Object max = s.get("maxLength");
        int n = max instanceof Number m ? m.intValue() + 1 : 3000;
        add(id, role, method, at + "a".repeat(Math.min(n, 3000)), null, null, max instanceof Number || constrained,
            "query " + name + " long");
      }
      default -> add(id, role, method, at + "%7B%7D", null, null, false, "query " + name + "={}");
    }
  }

  /** Whether the value (percent-decoded the simple way) satisfies the string schema's pattern or enum. */
  private static boolean matches(Map<String, Object> s, String raw) {
    String v = java.net.URLDecoder.decode(raw, StandardCharsets.UTF_8);
    if (s.get("enum") instanceof List<?> e) {
      return e.contains(v);
    }
    if (s.get("pattern") instanceof String p) {
      return Pattern.compile(p).matcher(v).find();
    }
    return true;   // a format: leave it to the server, lenient
  }

  @SuppressWarnings("unchecked")
  private void body(String id, String role, HttpMethod method, String path, Map<String, Object> requestBody) {
    Map<String, Object> content = (Map<String, Object>) requestBody.getOrDefault("content", Map.of());
    boolean required = Boolean.TRUE.equals(requestBody.get("required"));
    for (String other : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data")) {
      if (!content.containsKey(other)) {
        add(id, role, method, path, other.equals("multipart/form-data") ? other + "; boundary=FUZZ" : other,
            otherBody(other), true, "content type " + other);
      }
    }
    if (!content.containsKey(JSON)) {
      // a streamed import: its records are the handler's to refuse one by one (lenient)
      for (String type : content.keySet()) {
        add(id, role, method, path, type, Buffer.buffer("{\"uscc\": 1e309}\n{\"a\":\n"), false, type + " malformed");
        add(id, role, method, path, type, Buffer.buffer(new byte[] {'"', (byte) 0xff, (byte) 0xfe, '"', '\n'}), false,
            type + " invalid UTF-8");
        add(id, role, method, path, type, Buffer.buffer("x".repeat(HUGE_STRING)), false, type + " huge line");
      }
      return;
    }
    add(id, role, method, path, JSON, Buffer.buffer("{\"a\": "), true, "malformed JSON");
    add(id, role, method, path, JSON, Buffer.buffer("{\"a\": 1,}"), true, "trailing comma");
    add(id, role, method, path, JSON, Buffer.buffer("\"a string\""), true, "a string, not an object");
    add(id, role, method, path, JSON, Buffer.buffer("[]"), true, "an array, not an object");
    add(id, role, method, path, JSON, Buffer.buffer(""), required, "empty body");
    add(id, role, method, path, JSON, Buffer.buffer("[".repeat(DEEP) + "]".repeat(DEEP)), true, "nested 10,000 deep");
    add(id, role, method, path, JSON, Buffer.buffer(new byte[] {'{', '"', (byte) 0xc3, '"', ':', '1', '}'}), true,
        "invalid UTF-8 in a name");
    add(id, role, method, path, JSON, Buffer.buffer("{\"%zz~/\": 1}"), false, "odd member name");

    Map<String, Object> schema = resolve(((Map<String, Object>) content.get(JSON)).get("schema"));
    List<Field> fields = new ArrayList<>();
    fields(schema, List.of(), fields, 0);
    for (Field f : fields) {
      String wrong = wrongType(f.type());
      if (wrong != null) {
        add(id, role, method, path, JSON, Buffer.buffer(f.wrap(wrong)), true, f.name() + " wrong type");
      }
      for (String n : EXTREME_NUMBERS) {
        boolean numeric = "integer".equals(f.type()) || "number".equals(f.type());
        add(id, role, method, path, JSON, Buffer.buffer(f.wrap(n)), !numeric || !n.equals("-0"), f.name() + "=" + n);
      }
      if (f.type() == null || "string".equals(f.type())) {
        add(id, role, method, path, JSON, withBytes(f.wrap("\"" + HOLE + "\""), (byte) 0xff, (byte) 0xfe, (byte) 0x80),
            true, f.name() + " invalid UTF-8");
      }
    }
    Field first = fields.stream().filter(f -> "string".equals(f.type())).findFirst()
        .orElse(fields.isEmpty() ? new Field(List.of("fuzz"), null) : fields.get(0));
    add(id, role, method, path, JSON, Buffer.buffer(first.wrap(Json.encode("字".repeat(HUGE_STRING / 3)))), false,
        first.name() + " 1 MB string");
    Field list = fields.stream().filter(f -> "array".equals(f.type())).findFirst().orElse(first);
    add(id, role, method, path, JSON, Buffer.buffer(list.wrap("[" + "0,".repeat(HUGE_ARRAY) + "0]")), false,
        list.name() + " huge array");
    add(id, role, method, path, JSON, Buffer.buffer(list.wrap("[".repeat(DEEP) + "]".repeat(DEEP))), true,
        list.name() + " nested 10,000 deep");
  }

  /** A body field: its path from the root (array items as "0") and its schema type. */
  record Field(List<String> path, String type) {
    String name() {
      return "/" + String.join("/", path);
    }

    /** A body with this field set to {@code json}, every enclosing object or array around it. */
    String wrap(String json) {
      String out = json;
      for (int i = path.size() - 1; i >= 0; i--) {
        out = path.get(i).equals("0") ? "[" + out + "]" : "{" + Json.encode(path.get(i)) + ":" + out + "}";
      }
      return out;
    }
  }

  /** Every property of the schema, nested objects and array items included, up to 3 levels. */
  @SuppressWarnings("unchecked")
  private void fields(Map<String, Object> schema, List<String> at, List<Field> out, int depth) {
    if (depth > 3 || schema == null) {
      return;
    }
    for (String k : List.of("allOf", "oneOf", "anyOf")) {
      if (schema.get(k) instanceof List<?> l) {
        l.forEach(s -> fields(resolve(s), at, out, depth));
      }
    }
    if (schema.get("properties") instanceof Map<?, ?> props) {
      ((Map<String, Object>) props).forEach((name, s) -> {
        Map<String, Object> p = resolve(s);
        List<String> path = new ArrayList<>(at);
        path.add(name);
        out.add(new Field(List.copyOf(path), type(p)));
        fields(p, path, out, depth + 1);
      });
    }
    if ("array".equals(type(schema)) && schema.get("items") != null && !at.isEmpty()) {
      List<String> path = new ArrayList<>(at);
      path.add("0");
      Map<String, Object> items = resolve(schema.get("items"));
      if (items.get("properties") != null) {
        fields(items, path, out, depth + 1);
      }
    }
  }

  /** A value of another JSON type than {@code type}; null when the schema allows several. */
  private static String wrongType(String type) {
    if (type == null) {
      return null;
    }
    return switch (type) {
      case "string" -> "12345";
      case "integer", "number" -> "\"not a number\"";
      case "boolean" -> "\"yes\"";
      case "array" -> "{\"not\": \"an array\"}";
      case "object" -> "[1, 2, 3]";
      default -> null;
    };
  }

  /** The schema's single type other than null; null when it allows several or none. */
  static String type(Map<String, Object> s) {
    Object t = s.get("type");
    if (t instanceof String one) {
      return one;
    }
    if (t instanceof List<?> l) {
      List<?> real = l.stream().filter(x -> !"null".equals(x)).toList();
      return real.size() == 1 ? String.valueOf(real.get(0)) : null;
    }
    return null;
  }

  private static Buffer otherBody(String type) {
    return switch (type) {
      case "application/x-www-form-urlencoded" -> Buffer.buffer("a=" + "x".repeat(FORM) + "&b=1");
      case "multipart/form-data" -> Buffer.buffer("--FUZZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n"
          + "x".repeat(FORM) + "\r\n--FUZZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f.txt\"\r\n"
          + "Content-Type: text/plain\r\n\r\n" + "y".repeat(FORM) + "\r\n--FUZZ--\r\n");
      case "application/xml" -> Buffer.buffer("<a>" + "x".repeat(FORM) + "</a>");
      default -> Buffer.buffer("{\"username\": \"x\"}");
    };
  }

  /** {@code json} with {@link #HOLE} replaced by raw bytes (which no Java string could carry). */
  private static Buffer withBytes(String json, byte... raw) {
    int at = json.indexOf(HOLE);
    return Buffer.buffer(json.substring(0, at)).appendBytes(raw).appendString(json.substring(at + HOLE.length()));
  }

  static String pathSample(String op, Map<String, Object> schema) {
    Object pattern = schema.get("pattern");
    String sample = pattern == null ? "1" : PATH_SAMPLES.get(pattern.toString());
    if (sample == null) {
      throw new AssertionError("no path sample for " + op + "'s pattern " + pattern + ": add one to PATH_SAMPLES");
    }
    return sample;
  }

  private static String fill(String template, Map<String, String> values) {
    String out = template;
    for (Map.Entry<String, String> e : values.entrySet()) {
      out = out.replace("{" + e.getKey() + "}", e.getValue());
    }
    return out;
  }

  private void add(String op, String role, HttpMethod method, String uri, String contentType, Buffer body, boolean strict,
      String what) {
    cases.add(new Case(op, role, method, uri, contentType, body, strict, what));
  }

  /** The object itself, or what its {@code $ref} (a local {@code #/...} pointer) names. */
  @SuppressWarnings("unchecked")
  Map<String, Object> resolve(Object o) {
    Object x = o;
    for (int guard = 0; x instanceof Map<?, ?> m && m.get("$ref") instanceof String ref && guard < 20; guard++) {
      Object at = doc;
      for (String part : ref.substring(2).split("/")) {
        at = ((Map<String, Object>) at).get(part.replace("~1", "/").replace("~0", "~"));
      }
      x = at;
    }
    return x instanceof Map<?, ?> ? (Map<String, Object>) x : Map.of();
  }
}
