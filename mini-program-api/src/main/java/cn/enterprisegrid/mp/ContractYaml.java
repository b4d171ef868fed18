package cn.enterprisegrid.mp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the YAML document into the JSON that vertx-openapi validates against.
 * <p>
 * vertx-openapi 5.0.4 refuses a contract that declares a media type outside its fixed list (JSON, multipart,
 * HAL, octet-stream, text, {@code vnd.*+json}), which excludes RFC 7807's {@code application/problem+json}. The
 * published document keeps the true media type; only the copy handed to the validator declares those bodies as
 * {@code application/json}, which changes nothing for request validation. It also requires absolute server URLs,
 * while the document names its own origin ({@code /}, so that Swagger UI's "Try it out" calls the server it came
 * from): the copy has no {@code servers}, which vertx-openapi reads as "paths from the root", the same thing.
 */
public final class ContractYaml {

  /** Media types the document uses and vertx-openapi does not accept, and what the validator sees instead. */
  static final Map<String, String> MEDIA_TYPE_ALIASES = Map.of("application/problem+json", "application/json");

  private ContractYaml() {
  }

  public static JsonObject toValidatorJson(String yaml) {
    Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    if (!(document instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("the OpenAPI document is not a YAML mapping");
    }
    JsonObject json = aliasMediaTypes(new JsonObject(toJson(map)));
    json.remove("servers");
    return json;
  }

  private static Map<String, Object> toJson(Map<?, ?> map) {
    Map<String, Object> json = new LinkedHashMap<>();
    map.forEach((k, v) -> json.put(String.valueOf(k), toJsonValue(v)));
    return json;
  }

  private static Object toJsonValue(Object value) {
    if (value instanceof Map<?, ?> m) {
      return new JsonObject(toJson(m));
    }
    if (value instanceof List<?> l) {
      List<Object> list = new ArrayList<>(l.size());
      l.forEach(item -> list.add(toJsonValue(item)));
      return new JsonArray(list);
    }
    if (value instanceof Date || value instanceof byte[]) {
      throw new IllegalArgumentException("quote dates and binary values in the OpenAPI document: " + value);
    }
    return value;
  }

  /** Renames {@code content} keys listed in {@link #MEDIA_TYPE_ALIASES}, anywhere in the document. */
  private static JsonObject aliasMediaTypes(JsonObject json) {
    for (String key : List.copyOf(json.fieldNames())) {
      Object value = json.getValue(key);
      if (value instanceof JsonObject child) {
        aliasMediaTypes(child);
        if ("content".equals(key)) {
          MEDIA_TYPE_ALIASES.forEach((from, to) -> {
            if (child.containsKey(from)) {
              Object media = child.remove(from);
              if (!child.containsKey(to)) {
                child.put(to, media);
              }
            }
          });
        }
      } else if (value instanceof JsonArray array) {
        array.forEach(item -> {
          if (item instanceof JsonObject o) {
            aliasMediaTypes(o);
          }
        });
      }
    }
    return json;
  }
}
