package cn.enterprisegrid.demo;

import cn.enterprisegrid.problem.Categories;
import cn.enterprisegrid.problem.Category;
import cn.enterprisegrid.problem.Complexity;
import cn.enterprisegrid.problem.Lifecycle.VerifyOutcome;
import cn.enterprisegrid.problem.ProblemStore;
import cn.enterprisegrid.problem.ProblemStore.Source;
import cn.enterprisegrid.problem.Rating;
import cn.enterprisegrid.problem.Step;
import cn.enterprisegrid.problem.StepArgs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The stories of the demo's problems: how many cases end in which state ({@link End}), and for each
 * the firm, the text of its category, who files it and the steps it takes with the time between
 * them, drawn from the caller's seeded random. A story ends some hours (or, for the overdue and
 * the older ones, days) before {@code end}.
 */
final class DemoStories {
  static final String OUTAGE = "OUTAGE";
  static final String HIRING = "HIRING";
  private static final String ADMIN = "kh.admin";

  /** Where a demo case ends, and how many do. */
  enum End {
    SUBMITTED(18), ACCEPTED(14), REJECTED(10), DISPATCHED(24), DISPATCHED_LATE(6), IN_PROGRESS(30),
    IN_PROGRESS_LATE(6), SUSPENDED(8), RESOLVED(14), RATED(88), RATED_APPEALED(2), REOPENED(10),
    REOPENED_APPEALED(3), RECTIFIED(6), CLOSED_RATED(30), CLOSED_EXPLAINED(12), CLOSED_AUTO(10);

    final int count;

    End(int count) {
      this.count = count;
    }
  }

  /** One step of a story, {@code after} the previous one; a null step is the clock's tick (auto-close). */
  record Move(Step step, StepArgs args, String actor, Duration after) {}

  /** One case: where it ends, when it is filed, what and by whom, and its steps. */
  record Story(End end, Instant start, ProblemStore.Intake intake, String filedBy, List<Move> moves) {}

  /** A merged group: the target first, then its followers, filed from {@code start}. */
  record Group(Instant start, List<ProblemStore.Intake> intakes, List<String> actors, String department,
      String resolution) {}

  private static final Map<String, String[][]> TEXTS = Map.of(
      "FINANCING", new String[][] {
          {"流动资金贷款审批慢", "企业向银行申请流动资金贷款两个月未有答复，影响原材料采购"},
          {"担保费率偏高", "融资担保费率偏高，企业融资成本压力大，希望协调政策性担保"},
          {"技改贷款贴息未到位", "技术改造项目贷款贴息申请已提交，资金迟迟未到位"}},
      "LABOUR", new String[][] {
          {"招工难", "生产旺季一线操作工缺口约三十人，招聘渠道有限"},
          {"技能人才短缺", "企业急需数控技工和电工，本地培训资源不足"},
          {"稳岗补贴申领", "稳岗返还和社保补贴申领流程不清楚，希望指导"}},
      "LAND", new String[][] {
          {"厂房扩建用地指标", "企业扩建厂房需新增用地指标，用地审批尚未通过"},
          {"不动产权证办理慢", "新建厂房竣工半年，不动产权证仍未办理"},
          {"标准厂房租金上涨", "园区标准厂房租金上涨，希望落实租金补助"}},
      "APPROVAL", new String[][] {
          {"环评审批周期长", "新建生产线环评审批周期长，项目无法按期开工"},
          {"消防验收整改要求不明确", "厂房改造后消防验收两次未通过，整改要求不明确"},
          {"施工许可材料反复补正", "技改项目施工许可申请材料被要求反复补正"}},
      "POLICY", new String[][] {
          {"亩均效益奖励未兑现", "去年申报的亩均效益奖励至今未兑现"},
          {"专精特新补助未拨付", "省级专精特新企业补助资金未拨付"},
          {"研发费用补助申报条件不清", "研发费用补助政策申报条件不清楚，希望解读"}},
      "UTILITIES", new String[][] {
          {"天然气管道接入慢", "企业申请天然气管道接入半年仍未施工"},
          {"厂区供水压力不足", "厂区供水压力不足，锅炉补水困难"},
          {"用电增容报装慢", "新增生产线需用电增容，报装两个月未批复"}},
      "LEGAL", new String[][] {
          {"客户拖欠货款", "客户拖欠货款两百余万元，希望提供法律援助"},
          {"商标被仿冒", "企业注册商标被仿冒，希望协调查处"},
          {"劳动争议调解", "与离职员工发生劳动争议，希望组织调解"}},
      "OTHER", new String[][] {
          {"厂区门口道路破损", "厂区门口道路破损，大货车进出困难"},
          {"物流成本高", "物流成本高，希望协调开通货运专线"},
          {"高管子女入学", "外地引进高管的子女入学需要协调"}});

  private final Random random;
  private final Categories categories;
  private final List<DemoProblems.Firm> firms;
  private final Instant end;
  private final Set<String> usedTownships = new HashSet<>();

  DemoStories(Random random, Categories categories, List<DemoProblems.Firm> firms, Instant end) {
    this.random = random;
    this.categories = categories;
    this.firms = firms;
    this.end = end;
  }

  /** Who handles a department's steps: its demo handler account where there is one. */
  static String handler(String department) {
    return switch (department) {
      case "开化县人力资源和社会保障局" -> "kh.rsj.handler";
      case "开化县自然资源和规划局" -> "kh.zrzy.handler";
      default -> "demo";
    };
  }

  /** Every story, in a seeded order; the demo firm accounts' own firms have the first ten. */
  List<Story> all() {
    List<End> ends = new ArrayList<>();
    for (End e : End.values()) {
      for (int i = 0; i < e.count; i++) {
        ends.add(e);
      }
    }
    Collections.shuffle(ends, random);
    List<Story> out = new ArrayList<>();
    int[] seen = new int[End.values().length];
    for (int i = 0; i < ends.size(); i++) {
      DemoProblems.Firm firm = i < 10 ? firms.get(i % 2) : firms.get(2 + random.nextInt(firms.size() - 2));
      End e = ends.get(i);
      out.add(story(e, seen[e.ordinal()]++, firm));
    }
    return out;
  }

  private Story story(End e, int nth, DemoProblems.Firm firm) {
    Category category = categories.all().get(random.nextInt(categories.all().size()));
    String[] text = TEXTS.get(category.code())[random.nextInt(3)];
    Source source = source();
    String filedBy = switch (source) {
      case FIRM -> firm.actor();
      case LIAISON -> "kh.liaison0" + (1 + random.nextInt(3));
      case ADMIN -> ADMIN;
    };
    String dept = category.defaultDepartment();
    String handler = handler(dept);
    List<Move> m = new ArrayList<>();
    Duration tail = hours(1, 20);
    if (e == End.REJECTED) {
      m.add(move(Step.REJECT, StepArgs.note(nth % 2 == 0 ? "不属于企业诉求受理范围" : "与已受理诉求重复"), ADMIN, hours(2, 8)));
      tail = hours(1, 400);
    } else if (e != End.SUBMITTED) {
      m.add(move(Step.ACCEPT, StepArgs.none(), ADMIN, hours(1, 6)));
    }
    boolean dispatched = e != End.SUBMITTED && e != End.ACCEPTED && e != End.REJECTED;
    if (dispatched) {
      Complexity complexity = e == End.IN_PROGRESS && random.nextInt(10) < 3 ? Complexity.COMPLEX : Complexity.ORDINARY;
      m.add(move(Step.DISPATCH, StepArgs.dispatch(dept, complexity), ADMIN, hours(1, 6)));
    }
    switch (e) {
      case SUBMITTED, ACCEPTED, REJECTED -> { }
      case DISPATCHED -> {
        if (nth < 4) {
          // a transfer proposed, not answered yet: the first department stays accountable
          m.add(move(Step.TRANSFER, StepArgs.transfer(other(dept), "涉及其他部门职责"), handler, hours(2, 10)));
        } else if (nth == 4) {
          m.add(move(Step.TRANSFER, StepArgs.transfer(other(dept), "涉及其他部门职责"), handler, hours(2, 10)));
          m.add(move(Step.TRANSFER, StepArgs.decline("不属本部门职责"), "demo", hours(1, 5)));
        }
        tail = hours(1, 30);
      }
      case DISPATCHED_LATE -> tail = days(14, 24);
      case IN_PROGRESS, IN_PROGRESS_LATE -> {
        if (nth < 4) {
          String to = other(dept);
          m.add(move(Step.TRANSFER, StepArgs.transfer(to, "涉及其他部门职责"), handler, hours(2, 10)));
          m.add(move(Step.TRANSFER, StepArgs.receive(), handler(to), hours(2, 20)));
        }
        m.add(move(Step.PROGRESS, StepArgs.note("已联系企业了解情况，正在协调办理"), handler, hours(20, 60)));
        if (e == End.IN_PROGRESS && nth % 6 == 5) {
          m.add(move(Step.EXTEND, StepArgs.extend(5, "需报上级部门审批"), handler, hours(2, 20)));
        }
        tail = e == End.IN_PROGRESS_LATE ? days(15, 25) : hours(1, 50);
      }
      case SUSPENDED -> {
        m.add(move(Step.PROGRESS, StepArgs.note("已联系企业了解情况"), handler, hours(20, 50)));
        m.add(move(Step.SUSPEND, StepArgs.note(nth % 2 == 0 ? "涉及诉讼，等待法院判决" : "等待企业补充材料"), handler,
            hours(10, 40)));
        tail = days(1, 20);
      }
      default -> tail = resolve(e, nth, m, handler, firm);
    }
    Duration total = tail;
    for (Move x : m) {
      total = total.plus(x.after());
    }
    ProblemStore.Intake intake = new ProblemStore.Intake(firm.uscc(), firm.township(), source, category.code(), text[0],
        text[1], List.of(), source == Source.FIRM && random.nextInt(25) == 0);
    return new Story(e, end.minus(total), intake, filedBy, m);
  }

  /** The stories that reach a resolution (rated, reopened, rectified, closed); answers their tail. */
  private Duration resolve(End e, int nth, List<Move> m, String handler, DemoProblems.Firm firm) {
    m.add(move(Step.PROGRESS, StepArgs.note("已约谈相关单位，制定解决方案"), handler, hours(10, 50)));
    if (e == End.RATED && nth < 5) {
      m.add(move(Step.SUSPEND, StepArgs.note("等待第三方评估报告"), handler, hours(5, 30)));
      m.add(move(Step.RESUME, StepArgs.none(), handler, days(2, 6)));
    }
    m.add(move(Step.RESOLVE, StepArgs.note("已协调办理完毕，问题已解决"), handler, hours(20, 90)));
    Duration tail = days(1, 60);
    switch (e) {
      case RESOLVED -> tail = hours(2, 40);
      case RATED, CLOSED_RATED -> {
        m.add(move(Step.RATE, StepArgs.rate(good(), null), firm.actor(), hours(3, 60)));
        if (e == End.CLOSED_RATED) {
          m.add(move(Step.CLOSE, StepArgs.none(), ADMIN, hours(20, 70)));
        }
      }
      case RATED_APPEALED -> {
        m.add(move(Step.RATE, StepArgs.rate(Rating.BASICALLY_SATISFIED, "办理时间偏长"), firm.actor(), hours(3, 60)));
        m.add(move(Step.APPEAL, StepArgs.appeal("办理用时在承诺时限内，评价理由与事实不符"), handler, hours(3, 20)));
        m.add(move(Step.APPEAL_DECISION, StepArgs.decide(false, "企业评价属实，维持原评价"), ADMIN, hours(20, 50)));
      }
      case REOPENED, REOPENED_APPEALED -> {
        m.add(move(Step.RATE, StepArgs.rate(bad(), "问题没有真正解决"), firm.actor(), hours(3, 60)));
        if (e == End.REOPENED_APPEALED) {
          m.add(move(Step.APPEAL, StepArgs.appeal("差评原因系企业对政策规定本身不满，非办理问题"), handler, hours(2, 10)));
          if (nth < 2) {
            m.add(move(Step.APPEAL_DECISION, nth == 0 ? StepArgs.decide(true, "经核实，差评与办理无关，予以剔除")
                : StepArgs.decide(false, "经核实，办理确有拖延，维持原评价"), ADMIN, hours(3, 20)));
          }
        }
        tail = hours(2, 72);
      }
      case RECTIFIED -> {
        m.add(move(Step.RATE, StepArgs.rate(bad(), "办理效果不理想"), firm.actor(), hours(3, 60)));
        m.add(move(Step.VERIFY, StepArgs.verify(VerifyOutcome.RECTIFY, "回访核实，需整改"), ADMIN, hours(20, 50)));
        m.add(move(Step.RESOLVE, StepArgs.note("整改完成，问题已解决"), handler, days(2, 4)));
        m.add(move(Step.RATE, StepArgs.rate(good(), null), firm.actor(), hours(3, 40)));
      }
      case CLOSED_EXPLAINED -> {
        m.add(move(Step.RATE, StepArgs.rate(bad(), "不满意"), firm.actor(), hours(3, 60)));
        if (nth < 2) {
          m.add(move(Step.APPEAL, StepArgs.appeal("企业诉求超出政策规定范围"), handler, hours(2, 10)));
          m.add(move(Step.APPEAL_DECISION, StepArgs.decide(true, "经核实，诉求超出政策范围，差评予以剔除"), ADMIN,
              hours(3, 20)));
        }
        m.add(move(Step.VERIFY, StepArgs.verify(VerifyOutcome.EXPLAINED, "回访核实，已向企业解释政策规定"), ADMIN,
            hours(20, 70)));
      }
      // unrated: the clock closes it once its working days passed (its own tick, two weeks on)
      case CLOSED_AUTO -> m.add(new Move(null, null, null, Duration.ofDays(14)));
      default -> throw new IllegalStateException("no resolution story for " + e);
    }
    return tail;
  }

  /**
   * A merged group of {@code size} cases of different firms in one township (one not used by a
   * group yet): the outage of 水电气 or the hiring of 用工.
   */
  Group mergedGroup(String theme, int size, Instant start) {
    Map<String, List<DemoProblems.Firm>> byTownship = new LinkedHashMap<>();
    for (DemoProblems.Firm f : firms.subList(2, firms.size())) {
      byTownship.computeIfAbsent(f.township(), k -> new ArrayList<>()).add(f);
    }
    List<DemoProblems.Firm> chosen = byTownship.entrySet().stream()
        .filter(x -> x.getValue().size() >= size && !usedTownships.contains(x.getKey()))
        .findFirst().orElseThrow(() -> new IllegalStateException("no township with " + size + " demo firms"))
        .getValue().subList(0, size);
    usedTownships.add(chosen.get(0).township());
    boolean outage = OUTAGE.equals(theme);
    Category category = categories.byCode(outage ? "UTILITIES" : "LABOUR").orElseThrow();
    String[][] texts = outage
        ? new String[][] {{"工业园区停电频繁", "园区供电线路老化，近一个月停电三次，影响生产"},
            {"园区经常停电", "供电线路老化导致园区停电，影响企业生产"},
            {"停电影响生产", "园区线路老化频繁停电，生产线多次停机"},
            {"园区供电不稳定", "园区供电线路老化，停电频繁影响订单交付"}}
        : new String[][] {{"一线工人招工难", "生产旺季一线操作工缺口大，本地招工难"},
            {"招工难用工缺口大", "企业一线工人缺口约二十人，招工难"},
            {"季节性招工难", "旺季一线操作工招工难，影响订单交付"}};
    List<ProblemStore.Intake> intakes = new ArrayList<>();
    List<String> actors = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      DemoProblems.Firm f = chosen.get(i);
      intakes.add(new ProblemStore.Intake(f.uscc(), f.township(), Source.FIRM, category.code(), texts[i][0],
          texts[i][1], List.of(), false));
      actors.add(f.actor());
    }
    return new Group(start, intakes, actors, category.defaultDepartment(),
        outage ? "已更换园区供电主线路并新增一台变压器，供电恢复稳定" : "已组织园区专场招聘会，协调职业技术学校定向输送");
  }

  private String other(String department) {
    List<String> others = categories.all().stream().map(Category::defaultDepartment)
        .filter(d -> !d.equals(department)).distinct().toList();
    return others.get(random.nextInt(others.size()));
  }

  private Source source() {
    int r = random.nextInt(20);
    return r < 14 ? Source.FIRM : r < 19 ? Source.LIAISON : Source.ADMIN;
  }

  private Rating good() {
    int r = random.nextInt(20);
    return r < 9 ? Rating.VERY_SATISFIED : r < 16 ? Rating.SATISFIED : Rating.BASICALLY_SATISFIED;
  }

  private Rating bad() {
    return random.nextInt(3) == 0 ? Rating.VERY_DISSATISFIED : Rating.DISSATISFIED;
  }

  private static Move move(Step step, StepArgs args, String actor, Duration after) {
    return new Move(step, args, actor, after);
  }

  private Duration hours(int min, int max) {
    return Duration.ofMinutes(60L * min + random.nextInt(60 * (max - min) + 1));
  }

  private Duration days(int min, int max) {
    return Duration.ofHours(24L * min + random.nextInt(24 * (max - min) + 1));
  }
}
