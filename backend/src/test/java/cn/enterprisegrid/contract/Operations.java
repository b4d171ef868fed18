package cn.enterprisegrid.contract;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The operations of an OpenAPI document as the contract test needs them. */
record Operations(List<Op> all) {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");

  /** One operation: its id, method, path template, documented statuses and whether it has a body or a bearer. */
  record Op(String id, String method, String path, Set<Integer> statuses, boolean hasBody, boolean secured,
      boolean hasPathParameter) {
    boolean matches(String method, String requestPath) {
      String regex = Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
      return this.method.equalsIgnoreCase(method) && requestPath.split("\\?")[0].matches(regex);
    }
  }

  @SuppressWarnings("unchecked")
  static Operations parse(String yaml) {
    Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    boolean securedByDefault = doc.get("security") instanceof List<?> l && !l.isEmpty();
    List<Op> ops = new ArrayList<>();
    ((Map<String, Map<String, Object>>) doc.get("paths")).forEach((path, item) -> item.forEach((method, o) -> {
      if (!METHODS.contains(method)) {
        return;
      }
      Map<String, Object> op = (Map<String, Object>) o;
      Set<Integer> statuses = new TreeSet<>();
      ((Map<Object, Object>) op.get("responses")).keySet().forEach(k -> statuses.add(Integer.parseInt(k.toString())));
      Object security = op.get("security");
      boolean secured = security == null ? securedByDefault : !((List<?>) security).isEmpty();
      ops.add(new Op((String) op.get("operationId"), method.toUpperCase(), path, statuses,
          op.containsKey("requestBody"), secured, path.contains("{")));
    }));
    return new Operations(List.copyOf(ops));
  }
}
