package cn.enterprisegrid.demo;

import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.problem.Categories;
import cn.enterprisegrid.problem.Category;
import cn.enterprisegrid.problem.ProblemKeys;
import cn.enterprisegrid.problem.ProblemStatus;
import cn.enterprisegrid.problem.ProblemStore;
import cn.enterprisegrid.problem.Rating;
import cn.enterprisegrid.store.Store;
import cn.enterprisegrid.testing.SharedRedis;
import cn.enterprisegrid.testing.TestBackend;
import cn.enterprisegrid.testing.WithBackend;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's problems: about 300 in every state, as the reports and the bulletin need them, loaded once. */
@WithBackend(demo = true)
class DemoProblemsTest {
  static TestBackend app;

  @Test
  void theDemoHasProblemsOfEveryKind() {
    Store store = Store.connect(app.vertx, SharedRedis.url());
    ProblemStore problems = ProblemStore.standard(store);
    long n = app.redis().get(ProblemKeys.SEQUENCE).await().toLong();
    List<Future<JsonObject>> reads = new ArrayList<>();
    for (long i = 1; i <= n; i++) {
      reads.add(problems.get(String.valueOf(i)));
    }
    Future.all(reads).await();
    List<JsonObject> all = reads.stream().map(Future::result).toList();
    assertThat(all).doesNotContainNull().hasSizeBetween(280, 320);

    Set<ProblemStatus> statuses = all.stream().map(v -> ProblemStatus.valueOf(v.getString("status")))
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(ProblemStatus.class)));
    assertThat(statuses).as("every status").containsExactlyInAnyOrder(ProblemStatus.values());
    assertThat(all.stream().filter(v -> v.getBoolean("overdue"))).as("a few overdue").hasSizeGreaterThanOrEqualTo(3);
    assertThat(all.stream().filter(v -> "SUSPENDED".equals(v.getString("status")))).hasSizeGreaterThanOrEqualTo(3);
    Set<Rating> ratings = all.stream().filter(v -> v.getString("rating") != null)
        .map(v -> Rating.valueOf(v.getString("rating"))).collect(Collectors.toSet());
    assertThat(ratings).as("ratings of every level").containsExactlyInAnyOrder(Rating.values());
    assertThat(all.stream().filter(v -> v.getBoolean("ratingExcluded"))).as("upheld appeals").isNotEmpty();
    assertThat(all.stream().filter(v -> history(v, "AUTO_CLOSE") > 0)).as("closed by the clock").isNotEmpty();
    assertThat(all.stream().filter(v -> history(v, "TRANSFER_DECLINE") > 0)).isNotEmpty();
    assertThat(all.stream().filter(v -> history(v, "TRANSFER_ACCEPT") > 0)).isNotEmpty();
    assertThat(all.stream().filter(v -> v.getString("pendingDepartment") != null)).isNotEmpty();
    assertThat(all.stream().map(v -> v.getString("source")).distinct()).contains("FIRM", "LIAISON", "ADMIN");

    Set<String> departments = Categories.DEFAULTS.all().stream().map(Category::defaultDepartment)
        .collect(Collectors.toSet());
    assertThat(all.stream().map(v -> v.getString("department")).filter(d -> d != null).distinct())
        .as("the demo's departments").isNotEmpty().allMatch(departments::contains);

    // two merged groups: followers of other firms, same category and township, the target's answer
    Map<String, List<JsonObject>> groups = new LinkedHashMap<>();
    all.stream().filter(v -> v.getString("mergedInto") != null)
        .forEach(v -> groups.computeIfAbsent(v.getString("mergedInto"), k -> new ArrayList<>()).add(v));
    assertThat(groups).hasSize(2);
    for (Map.Entry<String, List<JsonObject>> g : groups.entrySet()) {
      JsonObject target = all.get(Integer.parseInt(g.getKey()) - 1);
      assertThat(target.getJsonArray("merged")).hasSize(g.getValue().size());
      for (JsonObject f : g.getValue()) {
        assertThat(f.getString("uscc")).isNotEqualTo(target.getString("uscc"));
        assertThat(f.getString("township")).isEqualTo(target.getString("township"));
        assertThat(f.getString("category")).isEqualTo(target.getString("category"));
        assertThat(f.getString("department")).isEqualTo(target.getString("department"));
        if (target.getString("resolution") != null) {
          assertThat(f.getString("resolution")).isEqualTo(target.getString("resolution"));
        }
      }
    }
    assertThat(groups.values().stream().mapToInt(List::size).sorted().boxed().toList()).containsExactly(2, 3);

    // the demo firm accounts have cases of their own
    for (DemoData.DemoAccount a : DemoData.accounts()) {
      if (a.role() == Role.ENTERPRISE) {
        assertThat(app.redis().zcard(ProblemKeys.ofFirm(a.scope().uscc())).await().toLong()).isGreaterThanOrEqualTo(3);
      }
    }

    // loaded once: a restart's demo load adds nothing
    new DemoData(app.vertx, store).load().await();
    assertThat(app.redis().get(ProblemKeys.SEQUENCE).await().toLong()).isEqualTo(n);
  }

  private static long history(JsonObject v, String step) {
    return v.getJsonArray("history").stream().filter(o -> step.equals(((JsonObject) o).getString("step"))).count();
  }
}
