package cn.enterprisegrid.problem;

import cn.enterprisegrid.calendar.CalendarStore;
import cn.enterprisegrid.policyindex.reference.Divisions;
import cn.enterprisegrid.store.Store;
import cn.enterprisegrid.testing.SharedRedis;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.util.List;

/**
 * A small hand-computed data set for the reports, driven through the store at chosen instants of
 * March 2026 (every weekday a working day). Deliberately without a backend: its own clock would tick
 * these long-past deadlines at any moment, so here only the data set's own ticks fire anything. The
 * expected figures are worked out in ProblemReportsTest.
 *
 * <pre>
 * case township  department      what happens                                                      fact
 * 1    桐村镇     A               accept, dispatch, progress, resolve 3/4, 非常满意, close           w 2
 * 2    桐村镇     A (firm of 1)   dispatch, suspend 3/3 to 3/6 (3 working days), progress 3/9, resolve 3/10, 满意   w 6-3 = 3
 * 3    桐村镇     A               resolve 3/3, 不满意 (reopened), rectify 3/4, resolve 3/6, 基本满意   w 4, o 1
 * 4    杨林镇     B               breach of the first report (ticked twice), late progress, resolve 3/9, 不满意, explained: closed   w 5, o 1, b 1
 * 5    杨林镇     A then B        transfer accepted by B, progress, resolve 3/5, 非常不满意, verification overdue   s 0, o 1, b 1
 * 6    杨林镇     -               accept breached (ticked twice), accepted late                        a 0, b 1
 * 7    桐村镇     -               rejected on time                                                  x 1
 * 8    桐村镇     -               filed 1 April (outside March)
 * 9    新新街道   A               another county: accepted, dispatched
 * </pre>
 */
final class ReportData {
  static final String T1 = "330824106";
  static final String T2 = "330824107";
  static final String OTHER = "330802005";
  static final String A = "开化县财政局";
  static final String B = "开化县经济和信息化局";

  final Vertx vertx = Vertx.vertx();
  final Store store = Store.connect(vertx, SharedRedis.url());
  final ProblemStore problems = new ProblemStore(store, new CalendarStore(store), Categories.DEFAULTS, Clock.systemUTC());
  final ProblemReports reports = new ProblemReports(store, Divisions.standard());
  final String[] id = new String[10];
  final String[] firm = new String[10];

  ReportData() {
    store.api().flushdb(List.of()).await();
  }

  ReportData load() {
    for (int i = 1; i <= 9; i++) {
      firm[i] = i == 2 ? firm[1] : String.format("91330824MA%08dR", 900 + i);
      String township = switch (i) {
        case 4, 5, 6 -> T2;
        case 9 -> OTHER;
        default -> T1;
      };
      id[i] = file(i == 8 ? "2026-04-01T09:00" : "2026-03-02T09:00", township, firm[i]);
    }
    for (int i : new int[] {1, 2, 3, 4, 5, 8, 9}) {
      step(i == 8 ? "2026-04-01T10:00" : "2026-03-02T10:00", i, Step.ACCEPT, StepArgs.none());
    }
    for (int i : new int[] {1, 2, 3, 5, 9}) {
      step("2026-03-02T11:00", i, Step.DISPATCH, StepArgs.dispatch(A, Complexity.ORDINARY));
    }
    step("2026-03-02T11:00", 4, Step.DISPATCH, StepArgs.dispatch(B, Complexity.ORDINARY));
    step("2026-03-02T10:00", 7, Step.REJECT, StepArgs.note("不属于受理范围"));

    step("2026-03-03T09:00", 1, Step.PROGRESS, StepArgs.note("已约谈银行"));
    step("2026-03-04T10:00", 1, Step.RESOLVE, StepArgs.note("贷款已发放"));
    step("2026-03-04T11:00", 1, Step.RATE, StepArgs.rate(Rating.VERY_SATISFIED, ""));
    step("2026-03-05T09:00", 1, Step.CLOSE, StepArgs.none());

    step("2026-03-03T09:00", 2, Step.SUSPEND, StepArgs.note("等待企业补充材料"));
    step("2026-03-06T09:00", 2, Step.RESUME, StepArgs.none());
    step("2026-03-09T09:00", 2, Step.PROGRESS, StepArgs.note("材料已齐"));
    step("2026-03-10T09:00", 2, Step.RESOLVE, StepArgs.note("已办结"));
    step("2026-03-10T10:00", 2, Step.RATE, StepArgs.rate(Rating.SATISFIED, ""));

    step("2026-03-03T09:00", 3, Step.RESOLVE, StepArgs.note("已答复"));
    step("2026-03-03T10:00", 3, Step.RATE, StepArgs.rate(Rating.DISSATISFIED, "没有解决"));
    step("2026-03-04T09:00", 3, Step.VERIFY, StepArgs.verify(Lifecycle.VerifyOutcome.RECTIFY, "确需整改"));
    step("2026-03-06T09:00", 3, Step.RESOLVE, StepArgs.note("整改完成"));
    step("2026-03-06T10:00", 3, Step.RATE, StepArgs.rate(Rating.BASICALLY_SATISFIED, ""));

    tick("2026-03-06T08:00", 4);
    tick("2026-03-06T08:00", 4);
    step("2026-03-06T09:00", 4, Step.PROGRESS, StepArgs.note("迟报进展"));
    step("2026-03-09T09:00", 4, Step.RESOLVE, StepArgs.note("已办结"));
    step("2026-03-09T10:00", 4, Step.RATE, StepArgs.rate(Rating.DISSATISFIED, ""));
    step("2026-03-10T09:00", 4, Step.VERIFY, StepArgs.verify(Lifecycle.VerifyOutcome.EXPLAINED, "已解释"));

    step("2026-03-03T09:00", 5, Step.TRANSFER, StepArgs.transfer(B, "职责不符"));
    step("2026-03-03T10:00", 5, Step.TRANSFER, StepArgs.receive());
    step("2026-03-04T09:00", 5, Step.PROGRESS, StepArgs.note("已接收"));
    step("2026-03-05T09:00", 5, Step.RESOLVE, StepArgs.note("已办结"));
    step("2026-03-05T10:00", 5, Step.RATE, StepArgs.rate(Rating.VERY_DISSATISFIED, ""));
    tick("2026-03-13T09:00", 5);

    tick("2026-03-04T09:00", 6);
    tick("2026-03-04T09:00", 6);
    step("2026-03-04T10:00", 6, Step.ACCEPT, StepArgs.none());
    return this;
  }

  String file(String at, String township, String uscc) {
    return problems.at(ProblemFixture.clock(at)).file(new ProblemStore.Intake(uscc, township, ProblemStore.Source.FIRM,
        "FINANCING", "贷款审批慢", "企业申请流动资金贷款两个月未有答复", List.of(), false), "firm:" + uscc).await()
        .getString("id");
  }

  void step(String at, int i, Step step, StepArgs args) {
    problems.at(ProblemFixture.clock(at)).step(id[i], step, args, "admin").await();
  }

  void tick(String at, int i) {
    problems.at(ProblemFixture.clock(at)).tick(id[i]).await();
  }

  void close() {
    store.close().await();
    vertx.close().await();
  }
}
