package cn.enterprisegrid.demo;

import cn.enterprisegrid.policy.PolicyStore;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A dozen 开化县 incentive policies (resource {@code demo/policies.json}) in every mode, drafted by
 * one author of their department and published by another, through the same lifecycle as the
 * console. Exclusions refer to earlier demo policies as {@code "#N"} (the N-th of the file).
 */
final class DemoPolicies {
  private final PolicyStore policies;

  DemoPolicies(Store store) {
    this.policies = new PolicyStore(store);
  }

  Future<Void> load() {
    JsonArray all = read();
    List<String> ids = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < all.size(); i++) {
      JsonObject entry = all.getJsonObject(i);
      chain = chain.compose(v -> {
        JsonObject policy = entry.getJsonObject("policy").copy();
        JsonArray exclusions = new JsonArray();
        policy.getJsonArray("exclusions", new JsonArray())
            .forEach(x -> exclusions.add(ids.get(Integer.parseInt(((String) x).substring(1)) - 1)));
        policy.put("exclusions", exclusions);
        String author = entry.getString("author");
        String reviewer = entry.getString("reviewer");
        return policies.create(policy, policy.getString("department"), author)
            .compose(id -> {
              ids.add(id);
              return policies.require(id);
            })
            .compose(p -> policies.submit(p, author).map(p.id()))
            .compose(policies::require)
            .compose(p -> policies.publish(p, reviewer))
            .mapEmpty();
      });
    }
    return chain;
  }

  private static JsonArray read() {
    try (InputStream in = DemoPolicies.class.getResourceAsStream("/demo/policies.json")) {
      return new JsonArray(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("demo/policies.json is missing", e);
    }
  }
}
