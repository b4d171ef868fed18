package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.config.ChinaTime;
import cn.enterprisegrid.store.Store;
import cn.enterprisegrid.testing.SharedRedis;
import cn.enterprisegrid.testing.TestBackend;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import java.time.LocalDate;
import java.util.Random;

/** Test records and helpers for the enterprise tests. */
final class Firms {
  static final String HUABU = "330824115";          // 华埠镇
  static final String MAJIN = "330824116";          // 马金镇
  static final int LAST_YEAR = LocalDate.now(ChinaTime.ZONE).getYear() - 1;
  private static final Random RANDOM = new Random(42);

  private Firms() {}

  static String uscc() {
    return Uscc.generate("330824", RANDOM);
  }

  static JsonObject firm(String uscc, String region) {
    return new JsonObject()
        .put("uscc", uscc)
        .put("name", "开化测试纸业有限公司" + uscc.substring(10))
        .put("regionCode", region)
        .put("address", "华埠镇工业园区1号")
        .put("industryCode", "2221")
        .put("establishedOn", "2012-05-01")
        .put("registeredCapital", 500)
        .put("employees", 80)
        .put("financials", new JsonArray()
            .add(new JsonObject().put("year", LAST_YEAR - 1).put("revenue", 1000).put("assets", 800))
            .add(new JsonObject().put("year", LAST_YEAR).put("revenue", 1200).put("assets", 900)
                .put("rdExpense", 48).put("taxPaid", 30)))
        .put("tags", new JsonArray().add("科技型中小企业"))
        .put("creditStatus", "NORMAL");
  }

  static HttpResponse<Buffer> importBody(TestBackend app, String token, String type, String body) {
    return app.http.request(HttpMethod.POST, "/api/v1/enterprises/import")
        .putHeader("Authorization", "Bearer " + token).putHeader("Content-Type", type)
        .sendBuffer(Buffer.buffer(body)).await();
  }

  static HttpResponse<Buffer> importBytes(TestBackend app, String token, String type, byte[] body) {
    return app.http.request(HttpMethod.POST, "/api/v1/enterprises/import")
        .putHeader("Authorization", "Bearer " + token).putHeader("Content-Type", type)
        .sendBuffer(Buffer.buffer(body)).await();
  }

  static HttpResponse<Buffer> put(TestBackend app, String token, JsonObject firm) {
    return app.send(HttpMethod.PUT, "/api/v1/enterprises/" + firm.getString("uscc"), token, firm);
  }

  static EnterpriseStore store(TestBackend app) {
    return new EnterpriseStore(Store.connect(app.vertx, SharedRedis.url()));
  }

  static long auditLength(TestBackend app) {
    return app.redis().xlen("audit").await().toLong();
  }
}
