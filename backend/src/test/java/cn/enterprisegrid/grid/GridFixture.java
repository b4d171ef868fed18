package cn.enterprisegrid.grid;

import cn.enterprisegrid.config.ChinaTime;
import cn.enterprisegrid.enterprise.EnterpriseStore;
import cn.enterprisegrid.enterprise.EnterpriseValidator;
import cn.enterprisegrid.enterprise.Uscc;
import cn.enterprisegrid.policyindex.profile.Enterprise;
import cn.enterprisegrid.store.Store;
import cn.enterprisegrid.testing.SharedRedis;
import cn.enterprisegrid.testing.TestBackend;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Firms of 开化县 written through the enterprise registry, for the grid tests. */
final class GridFixture {
  static final String COUNTY = "330824";
  static final String HUABU = "330824115";
  static final String MAJIN = "330824116";

  private final EnterpriseStore enterprises;
  private final Random random;

  GridFixture(TestBackend app, long seed) {
    this.enterprises = new EnterpriseStore(Store.connect(app.vertx, SharedRedis.url()));
    this.random = new Random(seed);
  }

  static JsonObject firm(String uscc, String region, boolean key) {
    JsonObject f = new JsonObject().put("uscc", uscc).put("name", "开化测试企业" + uscc.substring(10))
        .put("regionCode", region).put("address", "测试路1号").put("industryCode", "2221")
        .put("establishedOn", "2012-05-01").put("employees", 80).put("creditStatus", "NORMAL")
        .put("location", new JsonObject().put("lat", 29.137).put("lon", 118.41));
    if (key) {
      f.put("tags", new JsonArray().add("规上工业"));
    }
    return f;
  }

  /** Registers firms in the regions given (one per entry); answers their codes. */
  List<String> register(List<String> regions, double keyShare) {
    List<Enterprise> batch = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    EnterpriseValidator v = EnterpriseValidator.standard();
    for (String region : regions) {
      String u = Uscc.generate(COUNTY, random);
      ids.add(u);
      EnterpriseValidator.Result r = v.record(firm(u, region, random.nextDouble() < keyShare), ChinaTime.today());
      if (!r.valid()) {
        throw new IllegalStateException(r.errors().toString());
      }
      batch.add(r.enterprise());
    }
    enterprises.registryBatch(batch, "test", null).await();
    return ids;
  }

  /** Moves a firm to another region (a registry correction). */
  void move(String uscc, String region) {
    EnterpriseValidator.Result r = EnterpriseValidator.standard().record(firm(uscc, region, false), ChinaTime.today());
    enterprises.registry(r.enterprise(), "test", null, null).await();
  }

  static JsonObject liaison(String name, String rank, int capacity, String... cells) {
    return new JsonObject().put("name", name).put("phone", "13812345678").put("unit", "华埠镇人民政府")
        .put("rank", rank).put("capacity", capacity).put("cells", new JsonArray(List.of(cells)));
  }
}
