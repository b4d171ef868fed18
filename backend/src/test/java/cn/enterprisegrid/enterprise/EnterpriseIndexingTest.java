package cn.enterprisegrid.enterprise;

import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.policyindex.index.EnterpriseIndex;
import cn.enterprisegrid.policyindex.rule.Rule;
import cn.enterprisegrid.testing.AdminToken;
import cn.enterprisegrid.testing.Eventually;
import cn.enterprisegrid.testing.TestBackend;
import cn.enterprisegrid.testing.WithBackend;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The node's Lucene enterprise index follows Redis through the change stream: imports and edits
 * show up, a restart resumes from the committed change id, a lost index is rebuilt from Redis.
 */
@WithBackend
class EnterpriseIndexingTest {
  static TestBackend app;
  @AdminToken static String admin;

  private static EnterpriseIndex index() {
    return app.backend().enterpriseIndex();
  }

  private static long inRegion(String prefix) {
    return index().count(Rule.parse("{\"field\":\"regionCode\",\"op\":\"prefix\",\"value\":[\"" + prefix + "\"]}"))
        .eligible();
  }

  private static void await(LongSupplier actual, long expected) {
    Eventually.value("the index count " + expected, Eventually.DEFAULT, actual::getAsLong, n -> n == expected);
  }

  @Test
  void followsImportsEditsRestartsAndRebuilds() throws Exception {
    StringBuilder ndjson = new StringBuilder();
    String huabuFirm = null;
    for (int i = 0; i < 300; i++) {
      JsonObject f = Firms.firm(Firms.uscc(), i % 3 == 0 ? Firms.MAJIN : Firms.HUABU);
      huabuFirm = i == 1 ? f.getString("uscc") : huabuFirm;
      ndjson.append(f.encode()).append('\n');
    }
    var imported = Firms.importBody(app, admin, "application/x-ndjson", ndjson.toString());
    assertThat(imported.bodyAsJsonObject().getInteger("created")).isEqualTo(300);
    await(() -> index().size(), 300);
    await(() -> inRegion(Firms.MAJIN), 100);

    // an edit moves a firm to another township
    String moved = Firms.uscc();
    JsonObject firm = Firms.firm(moved, Firms.HUABU);
    assertThat(Firms.put(app, admin, firm).statusCode()).isBetween(200, 201);
    await(() -> inRegion(Firms.HUABU), 201);
    assertThat(Firms.put(app, admin, firm.put("regionCode", Firms.MAJIN)).statusCode()).isEqualTo(200);
    await(() -> inRegion(Firms.MAJIN), 101);

    // a restart resumes from the committed change id: nothing copied again, later changes applied.
    // While the node is down a firm's stored township changes without a change event: a catch-up
    // does not see that, a rebuild (which copies every firm) would, so the counts tell them apart.
    RedisAPI redis = app.redis();
    String silent = huabuFirm;
    app.restart(() -> redis.hset(List.of(EnterpriseKeys.firm(silent), "f:regionCode", "\"" + Firms.MAJIN + "\""))
        .await());
    assertThat(index().lastChangeId()).isPresent();
    assertThat(index().size()).isEqualTo(301);
    assertThat(inRegion(Firms.HUABU)).as("caught up, not rebuilt").isEqualTo(200);
    assertThat(Firms.put(app, admin, Firms.firm(Firms.uscc(), Firms.MAJIN)).statusCode()).isEqualTo(201);
    await(() -> inRegion(Firms.MAJIN), 102);

    // a lost index is rebuilt from Redis, the system of record (the silent change included)
    Path dir = app.backend().settings().indexDir().resolve("enterprises");
    app.restart(() -> deleteTree(dir));
    await(() -> index().size(), 302);
    await(() -> inRegion(Firms.MAJIN), 103);
    await(() -> inRegion(Firms.HUABU), 199);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
