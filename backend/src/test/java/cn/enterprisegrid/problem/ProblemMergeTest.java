package cn.enterprisegrid.problem;

import cn.enterprisegrid.testing.Eventually;
import cn.enterprisegrid.testing.SharedRedis;
import cn.enterprisegrid.testing.TestBackend;
import cn.enterprisegrid.testing.WithBackend;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static cn.enterprisegrid.problem.ProblemFixture.DEPT_A;
import static cn.enterprisegrid.problem.ProblemFixture.DEPT_B;
import static cn.enterprisegrid.problem.ProblemFixture.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Merged cases (共性问题): the candidates found at filing, the merge's refusals, two firms' cases
 * solved once and each rated by its firm, a reopening and a re-dispatch followed, and followers
 * that take each step once after a crash (the store's own follow and the clock's).
 */
@WithBackend
class ProblemMergeTest {
  private static final String HUABU = "330824115";
  static TestBackend app;
  static ProblemFixture fx;
  static SimilarProblems similar;

  @BeforeAll
  static void start() {
    fx = new ProblemFixture(app);
    similar = new SimilarProblems(new ByteBuffersDirectory());
  }

  @AfterAll
  static void close() {
    similar.close();
  }

  private static JsonObject file(String at, String uscc, String title, String description) {
    ProblemStore store = fx.at(at);
    JsonObject v = store.file(new ProblemStore.Intake(uscc, HUABU, ProblemStore.Source.FIRM, "UTILITIES", title,
        description, List.of(), false), "firm:" + uscc).await();
    // what the indexer does with the change event, then at its commit
    SimilarProblems.Entry e = new SimilarProblems.Entry(v.getString("id"), uscc, "UTILITIES", HUABU, title, description);
    SimilarProblems.Words words = similar.words(e);
    similar.open(e, words);
    similar.refresh();
    new SimilarLinks(store.store(), similar).link(List.of(new SimilarLinks.Fresh(e, words))).await();
    return view(v.getString("id"));
  }

  private static JsonObject outage(String at) {
    return file(at, ProblemFixture.uscc(), "工业园区停电频繁", "园区供电线路老化，近一个月停电三次，影响生产");
  }

  private static JsonObject view(String id) {
    return fx.problems.get(id).await();
  }

  @Test
  void twoFirmsCasesAreSolvedOnceAndEachRatesItsOwn() {
    JsonObject a = outage("2026-03-02T09:00");
    String target = a.getString("id");
    JsonObject b = file("2026-03-02T10:00", ProblemFixture.uscc(), "园区经常停电", "供电线路老化导致停电，影响企业生产");
    String source = b.getString("id");
    JsonArray found = b.getJsonArray("similar");
    assertThat(found).as("the open case of the other firm is proposed").hasSize(1);
    assertThat(found.getJsonObject(0).getString("id")).isEqualTo(target);
    assertThat(found.getJsonObject(0).getDouble("overlap")).isGreaterThanOrEqualTo(0.6);
    assertThat(found.getJsonObject(0).getJsonArray("sharedWords").getList()).contains("停电", "供电", "老化");

    fx.step("2026-03-02T11:00", target, Step.ACCEPT, StepArgs.none());
    fx.step("2026-03-02T11:00", source, Step.ACCEPT, StepArgs.none());
    assertThat(fx.refused("2026-03-02T12:00", source, Step.MERGE, StepArgs.merge(source)).problem().status())
        .as("into itself").isEqualTo(422);
    assertThat(fx.refused("2026-03-02T12:00", source, Step.MERGE, StepArgs.merge("no-such")).problem().status())
        .isEqualTo(422);
    JsonObject merged = fx.step("2026-03-02T12:00", source, Step.MERGE, StepArgs.merge(target));
    assertThat(merged.getString("mergedInto")).isEqualTo(target);
    assertThat(merged.getBoolean("overdue")).isFalse();
    assertThat(app.redis().zscore(ProblemKeys.CLOCK, source).await()).as("its clock stops").isNull();
    assertThat(view(target).getJsonArray("merged").getList()).containsExactly(source);
    // its own deadline passes unseen: the target does the work
    assertThat(fx.at("2026-03-30T09:00").get(source).await().getBoolean("overdue")).isFalse();

    // the refusals: a merged case follows, a merged target is refused, a target with followers too
    assertThat(fx.refused("2026-03-02T13:00", source, Step.DISPATCH, StepArgs.dispatch(DEPT_A, null))
        .problem().type()).isEqualTo("/problems/merged");
    String third = outage("2026-03-02T13:00").getString("id");
    var p = fx.refused("2026-03-02T13:30", third, Step.MERGE, StepArgs.merge(source)).problem();
    assertThat(p.status()).isEqualTo(409);
    assertThat(p.type()).isEqualTo("/problems/merge-target-merged");
    assertThat(p.detail().toString()).contains("已并入诉求" + target);
    assertThat(fx.refused("2026-03-02T13:30", target, Step.MERGE, StepArgs.merge(third)).problem().type())
        .isEqualTo("/problems/has-merged");
    fx.step("2026-03-02T13:40", third, Step.REJECT, StepArgs.note("重复提交"));
    String fourth = outage("2026-03-02T14:00").getString("id");
    var closed = fx.refused("2026-03-02T14:10", fourth, Step.MERGE, StepArgs.merge(third)).problem();
    assertThat(closed.type()).isEqualTo("/problems/merge-target-closed");
    assertThat(closed.detail().toString()).contains("不予受理");
    assertThat(view(third).getJsonArray("merged")).as("a refused merge leaves no link").isEmpty();
    // merging twice changes nothing
    fx.step("2026-03-02T14:20", source, Step.MERGE, StepArgs.merge(target));
    assertThat(view(target).getJsonArray("merged").getList()).containsExactly(source);
    assertThat(count(view(source), "MERGE")).isEqualTo(1);

    // the target is dispatched and resolved: the merged case hears the same answer
    fx.step("2026-03-03T09:00", target, Step.DISPATCH, StepArgs.dispatch(DEPT_A, Complexity.ORDINARY));
    assertThat(view(source).getString("department")).isEqualTo(DEPT_A);
    assertThat(view(source).getString("status")).isEqualTo("DISPATCHED");
    fx.step("2026-03-05T09:00", target, Step.RESOLVE, StepArgs.note("已更换园区供电线路"));
    JsonObject s = view(source);
    assertThat(s.getString("status")).isEqualTo("RESOLVED");
    assertThat(s.getString("resolution")).isEqualTo("已更换园区供电线路");
    assertThat(s.getString("autoCloseOn")).isEqualTo("2026-03-12");
    assertThat(count(s, "RESOLVE")).isEqualTo(1);
    assertThat(app.redis().zscore(ProblemKeys.FOLLOW, target).await()).as("followed").isNull();

    // each firm rates its own case
    assertThat(fx.step("2026-03-06T09:00", target, Step.RATE, StepArgs.rate(Rating.SATISFIED, null))
        .getString("status")).isEqualTo("RATED");
    JsonObject bad = fx.step("2026-03-06T10:00", source, Step.RATE, StepArgs.rate(Rating.DISSATISFIED, "又停电了"));
    assertThat(bad.getString("status")).isEqualTo("REOPENED");
    assertThat(bad.getJsonObject("deadlines").getString("verify")).isEqualTo("2026-03-13");
    assertThat(fx.at("2026-03-16T09:00").get(source).await().getBoolean("overdue"))
        .as("its own verification runs").isTrue();
    assertThat(fx.refused("2026-03-06T11:00", source, Step.VERIFY,
        StepArgs.verify(Lifecycle.VerifyOutcome.RECTIFY, "整改")).problem().type()).isEqualTo("/problems/merged");

    // the target is reopened and dispatched again: the merged case follows both
    fx.step("2026-03-09T09:00", target, Step.REOPEN, StepArgs.note("园区再次停电"));
    assertThat(count(view(source), "REOPEN")).isEqualTo(1);
    fx.step("2026-03-09T10:00", target, Step.DISPATCH, StepArgs.dispatch(DEPT_B, Complexity.ORDINARY));
    assertThat(view(source).getString("status")).isEqualTo("DISPATCHED");
    assertThat(view(source).getString("department")).isEqualTo(DEPT_B);
    fx.step("2026-03-10T09:00", target, Step.RESOLVE, StepArgs.note("新建专用变压器"));
    s = view(source);
    assertThat(s.getString("status")).isEqualTo("RESOLVED");
    assertThat(s.getString("resolution")).isEqualTo("新建专用变压器");
    assertThat(count(s, "RESOLVE")).isEqualTo(2);
    assertThat(fx.step("2026-03-11T09:00", source, Step.RATE, StepArgs.rate(Rating.VERY_SATISFIED, null))
        .getString("status")).isEqualTo("RATED");
  }

  @Test
  void followersTakeTheStepOnceAfterACrash() throws Exception {
    String target = outage("2026-04-01T09:00").getString("id");
    String one = outage("2026-04-01T09:10").getString("id");
    String two = outage("2026-04-01T09:20").getString("id");
    fx.step("2026-04-01T10:00", target, Step.ACCEPT, StepArgs.none());
    fx.step("2026-04-01T10:10", target, Step.DISPATCH, StepArgs.dispatch(DEPT_A, Complexity.ORDINARY));
    // a merge that stopped after its link: the retry completes it, and the link stays single
    app.redis().hset(List.of(ProblemKeys.problem(target), "merged", new JsonArray().add(one).encode())).await();
    fx.step("2026-04-01T10:20", one, Step.MERGE, StepArgs.merge(target));
    fx.step("2026-04-01T10:30", two, Step.MERGE, StepArgs.merge(target));
    assertThat(view(target).getJsonArray("merged").getList()).containsExactly(one, two);
    assertThat(view(one).getString("status")).as("it follows the dispatch at once").isEqualTo("DISPATCHED");

    // resolved, and the node dies before the followers ran
    ProblemStore crashed = fx.at("2026-04-02T09:00").withoutFollowing();
    crashed.step(target, Step.RESOLVE, StepArgs.note("线路已改造"), "admin").await();
    assertThat(view(one).getString("status")).isEqualTo("DISPATCHED");
    assertThat(app.redis().zscore(ProblemKeys.FOLLOW, target).await()).as("left for later").isNotNull();

    // one follower is brought up by hand first; then two runs at once, then another
    ProblemStore later = fx.at("2026-04-02T09:05");
    Future.all(later.follow(target), later.follow(target)).await();
    assertThat(later.follow(target).await()).as("nothing left").isZero();
    for (String id : List.of(one, two)) {
      JsonObject v = view(id);
      assertThat(v.getString("status")).isEqualTo("RESOLVED");
      assertThat(v.getString("resolution")).isEqualTo("线路已改造");
      assertThat(count(v, "RESOLVE")).as("followed once").isEqualTo(1);
    }
    assertThat(app.redis().zscore(ProblemKeys.FOLLOW, target).await()).isNull();

    // a second crash, this time the clock completes it (with two clocks running)
    crashed = fx.at("2026-04-03T09:00").withoutFollowing();
    crashed.step(target, Step.REOPEN, StepArgs.note("仍有停电"), "admin").await();
    Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1));
    List<String> clocks = List.of(
        app.vertx.deployVerticle(new ProblemClock(SharedRedis.url(), ahead, 50)).await(),
        app.vertx.deployVerticle(new ProblemClock(SharedRedis.url(), ahead, 50)).await());
    Eventually.until("the clock made them follow", () -> app.redis().zscore(ProblemKeys.FOLLOW, target).await() == null);
    for (String c : clocks) {
      app.vertx.undeploy(c).await();
    }
    for (String id : List.of(one, two)) {
      JsonObject v = view(id);
      assertThat(v.getString("status")).isEqualTo("REOPENED");
      assertThat(count(v, "REOPEN")).as("followed once").isEqualTo(1);
    }
  }
}
