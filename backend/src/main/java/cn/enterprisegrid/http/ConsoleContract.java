package cn.enterprisegrid.http;

import cn.enterprisegrid.mp.ContractYaml;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The console API's contract: the OpenAPI document {@value #RESOURCE}, describing {@code /api/v1},
 * published at {@value #YAML_PATH}.
 * <p>
 * An operation marked {@code x-streamed-body: true} (the bulk import) reads its body as it arrives,
 * so the copy handed to vertx-openapi has no request body for it: its parameters and security are
 * validated before the handler, its media type by {@link ContractRoutes} from {@link #streamed()},
 * and its records by the handler, one by one.
 *
 * @param contract what the validator checks requests against
 * @param streamed per streamed operation id, the media types its body may have
 * @param yaml     the published document
 */
public record ConsoleContract(OpenAPIContract contract, Map<String, Set<String>> streamed, Buffer yaml) {
  public static final String RESOURCE = "openapi/console.yaml";
  public static final String YAML_PATH = "/api/v1/openapi.yaml";
  static final String STREAMED = "x-streamed-body";

  /** Reads and resolves the document. */
  public static Future<ConsoleContract> load(Vertx vertx) {
    return vertx.fileSystem().readFile(RESOURCE)
        .compose(yaml -> vertx.executeBlocking(() -> parse(yaml), false))
        .compose(p -> OpenAPIContract.from(vertx, p.json()).map(c -> new ConsoleContract(c, p.streamed(), p.yaml())));
  }

  private record Parsed(JsonObject json, Map<String, Set<String>> streamed, Buffer yaml) {}

  private static Parsed parse(Buffer yaml) {
    JsonObject json = ContractYaml.toValidatorJson(yaml.toString(StandardCharsets.UTF_8));
    // the published document names its server relatively ("/"); vertx-openapi wants absolute URLs
    // and would take their path as a base path, which the document's paths already carry
    json.remove("servers");
    Map<String, Set<String>> streamed = detachStreamedBodies(json);
    dropUnsupportedResponseTypes(json);
    return new Parsed(json, streamed, yaml);
  }

  /**
   * vertx-openapi refuses a contract with a response of a media type it cannot validate (the
   * enterprise code's {@code image/png}); responses are not validated here, so the validator's copy
   * simply omits those.
   */
  static void dropUnsupportedResponseTypes(JsonObject json) {
    JsonObject paths = json.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject op && op.getValue("responses") instanceof JsonObject rs) {
          for (String status : rs.fieldNames()) {
            if (rs.getValue(status) instanceof JsonObject r && r.getValue("content") instanceof JsonObject content) {
              content.fieldNames().removeIf(type -> !MediaType.isMediaTypeSupported(type));
            }
          }
        }
      }
    }
  }

  /** Serves the document at {@value #YAML_PATH}; public like the mini-program's. */
  public void mountYaml(Router router) {
    router.get(YAML_PATH).handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/yaml; charset=utf-8")
        .putHeader("Cache-Control", "public, max-age=300").end(yaml));
  }

  /** Removes the request bodies of streamed operations; answers their media types by operation id. */
  static Map<String, Set<String>> detachStreamedBodies(JsonObject json) {
    Map<String, Set<String>> out = new TreeMap<>();
    JsonObject paths = json.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject op && Boolean.TRUE.equals(op.getValue(STREAMED))) {
          JsonObject body = (JsonObject) op.remove("requestBody");
          Set<String> types = new LinkedHashSet<>();
          if (body != null) {
            types.addAll(body.getJsonObject("content", new JsonObject()).fieldNames());
          }
          out.put(op.getString("operationId"), Set.copyOf(types));
        }
      }
    }
    return out;
  }
}
