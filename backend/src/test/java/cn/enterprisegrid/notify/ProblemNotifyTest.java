package cn.enterprisegrid.notify;

import static cn.enterprisegrid.testing.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;

import cn.enterprisegrid.calendar.CalendarStore;
import cn.enterprisegrid.calendar.WorkingCalendar;
import cn.enterprisegrid.mp.sms.fake.FakeTencentSmsServer;
import cn.enterprisegrid.mp.wechat.fake.DeliveredMessage;
import cn.enterprisegrid.problem.Categories;
import cn.enterprisegrid.problem.Complexity;
import cn.enterprisegrid.problem.ProblemStore;
import cn.enterprisegrid.problem.Step;
import cn.enterprisegrid.problem.StepArgs;
import cn.enterprisegrid.store.Store;
import cn.enterprisegrid.testing.SharedRedis;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A problem's notifications end to end, through the store, the clock's tick, the fan-out, the outbox, the fake
 * WeChat and the fake Tencent Cloud SMS server: file, accept, dispatch, progress, a warning, a breach and the
 * resolution, each recipient receiving exactly what it should, in Chinese; a replayed change enqueues nothing
 * twice; SMS error codes retry or dead-letter; the console inbox is its owner's only.
 */
class ProblemNotifyTest {
  static final String TPL = "TPL_PROBLEM_STATUS";
  static final String DEPT = "开化县财政局";
  static NotifyFixture fx;
  static NotifyFixture.Node node;
  static ProblemStore problems;
  static Store store;

  @BeforeAll
  static void start() {
    fx = new NotifyFixture();
    fx.registerTemplates();
    fx.wechat.registerTemplate(TPL, "thing1", "phrase2", "thing3", "date4");
    node = fx.start(new JsonObject());
    store = Store.connect(fx.vertx, SharedRedis.url());
    problems = new ProblemStore(store, new CalendarStore(store), Categories.DEFAULTS, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    store.close().await();
    fx.close();
  }

  static void account(String username, String role, JsonObject scope, String phone, boolean head) {
    JsonObject body = new JsonObject().put("username", username).put("password", "secret-pass-1").put("role", role)
        .put("scope", scope).put("head", head);
    if (phone != null) {
      body.put("phone", phone);
    }
    HttpResponse<Buffer> r = node.send(HttpMethod.POST, "/api/v1/accounts", node.admin(), body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
  }

  static JsonArray inbox(String token) {
    HttpResponse<Buffer> r = node.send(HttpMethod.GET, "/api/v1/inbox?limit=50", token, null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getJsonArray("items");
  }

  /** The kinds of an inbox page, oldest first. */
  static List<String> kinds(JsonArray items) {
    List<String> out = new ArrayList<>();
    for (int i = items.size() - 1; i >= 0; i--) {
      out.add(items.getJsonObject(i).getString("kind"));
    }
    return out;
  }

  static JsonObject item(JsonArray items, String kind) {
    for (int i = 0; i < items.size(); i++) {
      if (items.getJsonObject(i).getString("kind").equals(kind)) {
        return items.getJsonObject(i);
      }
    }
    throw new AssertionError("no " + kind + " in " + items.encodePrettily());
  }

  static ProblemStore at(LocalDate day, int hour) {
    return problems.at(Clock.fixed(day.atTime(hour, 0).atZone(WorkingCalendar.ZONE).toInstant(), ZoneId.of("UTC")));
  }

  static List<FakeTencentSmsServer.Sent> sms(String phone) {
    return fx.sms.sent().stream().filter(s -> s.phone().equals("+86" + phone)).toList();
  }

  /** The texts about case {@code id} (its id is the first parameter of the problem templates). */
  static List<FakeTencentSmsServer.Sent> smsOf(String id) {
    return fx.sms.sent().stream().filter(s -> !s.params().isEmpty() && s.params().get(0).equals(id)).toList();
  }

  /** The notices of one case in an inbox page. */
  static JsonArray of(JsonArray items, String id) {
    JsonArray out = new JsonArray();
    for (int i = 0; i < items.size(); i++) {
      if (id.equals(items.getJsonObject(i).getString("problemId"))) {
        out.add(items.getJsonObject(i));
      }
    }
    return out;
  }

  static void settled() {
    until("notifications settled", () -> fx.idle() && pendingChanges() == 0);
  }

  static long pendingChanges() {
    return fx.redis.xpending(List.of("changes", NotifyKeys.CHANGES_GROUP)).await().get(0).toLong();
  }

  @Test
  void aProblemFromFilingToResolutionReachesEachRecipientOnce() {
    fx.liaison("L7001", "13900007001");
    String uscc = fx.uscc();
    fx.firm(uscc, "L7001", "wx-firm-1");
    fx.wechat.grantSubscriptions("wx-firm-1", TPL, 20);
    fx.redis.hset(List.of(NotifyKeys.consent("wx-firm-1"), TPL, "20")).await();
    // the liaison binds its WeChat identity with its account's password, then consents like a firm's user
    String liaisonToken = node.liaisonToken("L7001");
    fx.wechat.addUser("wx-liaison-1", null);
    HttpResponse<Buffer> bound = node.send(HttpMethod.POST, "/mp/v1/me/liaison-binding", node.wxLogin("wx-liaison-1"),
        new JsonObject().put("username", "liaison-l7001").put("password", "secret-pass-1"));
    assertThat(bound.statusCode()).as(bound.bodyAsString()).isEqualTo(200);
    assertThat(bound.bodyAsJsonObject().getString("liaisonId")).isEqualTo("L7001");
    HttpResponse<Buffer> again = node.send(HttpMethod.POST, "/mp/v1/auth/login", null,
        new JsonObject().put("code", fx.wechat.issueCode("wx-liaison-1")));
    assertThat(again.bodyAsJsonObject().getBoolean("bound")).isTrue();
    fx.wechat.grantSubscriptions("wx-liaison-1", TPL, 20);
    HttpResponse<Buffer> consent = node.send(HttpMethod.POST, "/mp/v1/subscriptions",
        bound.bodyAsJsonObject().getString("token"), new JsonObject().put(TPL, "accept"));
    assertThat(consent.statusCode()).as(consent.bodyAsString()).isEqualTo(200);
    fx.redis.hset(List.of(NotifyKeys.consent("wx-liaison-1"), TPL, "20")).await();

    JsonObject county = new JsonObject().put("region", NotifyFixture.COUNTY);
    account("cz.handler1", "DEPT_HANDLER", new JsonObject().put("department", DEPT), "13900001001", false);
    account("cz.head", "DEPT_HANDLER", new JsonObject().put("department", DEPT), "13900001002", true);
    account("cz.handler3", "DEPT_HANDLER", new JsonObject().put("department", DEPT), null, false);
    account("kh.grid", "GRID_ADMIN", county, "13900002001", false);
    account("other.grid", "GRID_ADMIN", new JsonObject().put("region", "330825"), "13900002002", false);
    account("cz.watch", "SUPERVISOR", county, null, false);
    long noPhone = fx.stat("push.nophone");

    LocalDate today = LocalDate.now(WorkingCalendar.ZONE);
    String id = problems.file(new ProblemStore.Intake(uscc, NotifyFixture.COUNTY + "101", ProblemStore.Source.FIRM,
        "FINANCING", "流动资金贷款审批慢", "企业申请流动资金贷款两个月未有答复", List.of(), false), "firm:" + uscc)
        .await().getString("id");
    problems.step(id, Step.ACCEPT, StepArgs.none(), "admin").await();
    JsonObject dispatched = problems.step(id, Step.DISPATCH, StepArgs.dispatch(DEPT, Complexity.ORDINARY), "admin")
        .await();
    String no = dispatched.getString("dispatchNo");
    problems.step(id, Step.PROGRESS, StepArgs.note("已与企业对接，正在审查材料"), "cz.handler1").await();
    LocalDate due = LocalDate.parse(dispatched.getJsonObject("deadlines").getString("resolve"));
    settled();

    // the warning: on the resolve deadline's last day (after 75 % of it), the breach the day after
    assertThat(at(due, 10).tick(id).await()).isEqualTo(1);
    settled();
    assertThat(at(due.plusDays(1), 10).tick(id).await()).isEqualTo(1);
    assertThat(at(due.plusDays(1), 11).tick(id).await()).isZero();
    settled();
    problems.step(id, Step.RESOLVE, StepArgs.note("贷款已审批发放"), "cz.handler1").await();
    until("every notice delivered", () -> fx.wechat.delivered().stream().filter(d -> d.templateId().equals(TPL))
        .count() == 9 && smsOf(id).size() >= 6 && fx.idle() && pendingChanges() == 0);

    // the firm: every status change, in its inbox and by subscribe message
    String firmToken = node.bind(uscc, "wx-firm-reader");
    JsonArray firmInbox = node.send(HttpMethod.GET, "/mp/v1/notifications?limit=50", firmToken, null)
        .bodyAsJsonObject().getJsonArray("items");
    assertThat(kinds(firmInbox)).containsExactly("problem.SUBMITTED", "problem.ACCEPTED", "problem.DISPATCHED",
        "problem.IN_PROGRESS", "problem.RESOLVED");
    assertThat(item(firmInbox, "problem.DISPATCHED").getString("body"))
        .isEqualTo("您的诉求《流动资金贷款审批慢》已交办：已交开化县财政局办理。");
    assertThat(item(firmInbox, "problem.RESOLVED").getString("problemId")).isEqualTo(id);
    List<DeliveredMessage> firmPushes = fx.wechat.delivered().stream().filter(d -> d.touser().equals("wx-firm-1"))
        .toList();
    // pushes go out concurrently, so their order is not the steps'; the inbox's is
    assertThat(firmPushes).extracting(d -> d.data().get("phrase2"))
        .containsExactlyInAnyOrder("待受理", "已受理", "已交办", "办理中", "已办结");
    assertThat(firmPushes.stream().filter(d -> d.data().get("phrase2").equals("已办结")).findFirst().orElseThrow()
        .data()).containsEntry("thing1", "流动资金贷款审批慢")
        .containsEntry("thing3", "已办结，请评价办理结果").containsEntry("date4", today.toString());

    // the liaison: filing, dispatch, breach and resolution, in its inbox and on its bound WeChat; the breach by SMS
    JsonArray liaisonInbox = node.send(HttpMethod.GET, "/mp/v1/notifications?limit=50", liaisonToken, null)
        .bodyAsJsonObject().getJsonArray("items");
    assertThat(kinds(liaisonInbox)).containsExactly("problem.SUBMITTED", "problem.DISPATCHED", "problem.breach",
        "problem.RESOLVED");
    assertThat(item(liaisonInbox, "problem.breach").getString("body"))
        .isEqualTo("包联企业" + uscc + "的诉求《流动资金贷款审批慢》已超过办结时限（" + due + "），请跟进。");
    assertThat(fx.wechat.delivered().stream().filter(d -> d.touser().equals("wx-liaison-1"))
        .map(d -> d.data().get("phrase2"))).containsExactlyInAnyOrder("待受理", "已交办", "已超期", "已办结");
    assertThat(sms("13900007001")).filteredOn(x -> x.params().get(0).equals(id)).extracting(FakeTencentSmsServer.Sent::templateId)
        .containsExactly(NotifyFixture.SMS_BREACH);

    // the handlers: the dispatch order, the warning, the breach (the head as the head); SMS where a phone is
    Map<String, List<String>> handlerKinds = new TreeMap<>();
    for (String h : List.of("cz.handler1", "cz.head", "cz.handler3")) {
      handlerKinds.put(h, kinds(of(inbox(node.login(h, "secret-pass-1")), id)));
    }
    assertThat(handlerKinds).containsOnlyKeys("cz.handler1", "cz.head", "cz.handler3")
        .allSatisfy((k, v) -> assertThat(v).containsExactly("problem.dispatch", "problem.warning", "problem.breach"));
    JsonArray h1 = of(inbox(node.login("cz.handler1", "secret-pass-1")), id);
    assertThat(item(h1, "problem.dispatch").getString("body"))
        .isEqualTo("诉求《流动资金贷款审批慢》（交办单号" + no + "）已交由贵部门办理，请及时处理。");
    assertThat(item(h1, "problem.warning").getString("body"))
        .isEqualTo("诉求《流动资金贷款审批慢》（交办单号" + no + "）的办结时限将于" + due + "到期，请及时办理。");
    assertThat(item(h1, "problem.breach").getString("body"))
        .isEqualTo("诉求《流动资金贷款审批慢》（交办单号" + no + "）已超过办结时限（" + due + "），请立即办理。");
    assertThat(item(inbox(node.login("cz.head", "secret-pass-1")), "problem.breach").getString("body"))
        .isEqualTo("贵部门办理的诉求《流动资金贷款审批慢》（交办单号" + no + "）已超过办结时限（" + due + "），请督促办理。");
    for (String phone : List.of("13900001001", "13900001002")) {
      // pushes to one recipient go out concurrently: the two texts may arrive in either order
      assertThat(sms(phone)).extracting(FakeTencentSmsServer.Sent::templateId)
          .containsExactlyInAnyOrder(NotifyFixture.SMS_WARNING, NotifyFixture.SMS_BREACH);
      assertThat(sms(phone).stream().filter(m -> NotifyFixture.SMS_BREACH.equals(m.templateId())).findFirst()
          .orElseThrow().params()).containsExactly(id, no, "办结", due.toString());
    }

    // the grid admins whose region covers the township: the escalation; another county's hears nothing
    JsonArray grid = of(inbox(node.login("kh.grid", "secret-pass-1")), id);
    assertThat(kinds(grid)).containsExactly("problem.breach");
    assertThat(grid.getJsonObject(0).getString("body"))
        .isEqualTo("开化县财政局办理的诉求《流动资金贷款审批慢》（交办单号" + no + "）已超过办结时限（" + due + "），已升级督办。");
    assertThat(kinds(of(inbox(node.admin()), id))).containsExactly("problem.breach");
    assertThat(inbox(node.login("other.grid", "secret-pass-1"))).isEmpty();
    assertThat(sms("13900002001")).filteredOn(x -> x.params().get(0).equals(id)).extracting(FakeTencentSmsServer.Sent::templateId)
        .containsExactly(NotifyFixture.SMS_BREACH);
    assertThat(sms("13900002002")).isEmpty();
    // no phone: cz.handler3 twice (warning, breach), the bootstrap admin once
    assertThat(fx.stat("push.nophone") - noPhone).isEqualTo(3);
    assertThat(smsOf(id)).hasSize(6);

    // a replayed change (a crash before XACK) enqueues nothing twice
    long outbox = fx.len(NotifyKeys.OUTBOX);
    Response changes = fx.redis.xrange(List.of("changes", "-", "+")).await();
    int replayed = 0;
    for (Response c : changes) {
      Map<String, String> f = new TreeMap<>();
      for (int i = 0; i + 1 < c.get(1).size(); i += 2) {
        f.put(c.get(1).get(i).toString(), c.get(1).get(i + 1).toString());
      }
      if (f.get("kind").startsWith("problem") && id.equals(f.get("id"))) {
        fx.change(f.get("kind"), id, new JsonObject(f.get("payload")));
        replayed++;
      }
    }
    assertThat(replayed).isEqualTo(7);
    settled();
    assertThat(fx.len(NotifyKeys.OUTBOX)).isEqualTo(outbox);
    assertThat(fx.wechat.delivered().stream().filter(d -> d.templateId().equals(TPL))).hasSize(9);
    assertThat(smsOf(id)).hasSize(6);
  }

  @Test
  void aTransferReachesTheReceivingHandlersAndAHeadNamedLaterHearsTheEscalation() {
    String from = "开化县经济和信息化局";
    String to = "开化县行政审批服务中心";
    account("jxj.handler", "DEPT_HANDLER", new JsonObject().put("department", from), null, false);
    account("sp.handler", "DEPT_HANDLER", new JsonObject().put("department", to), null, false);
    account("sp.chief", "DEPT_HANDLER", new JsonObject().put("department", to), null, false);
    String uscc = fx.uscc();
    fx.firm(uscc, null);
    String id = problems.file(new ProblemStore.Intake(uscc, NotifyFixture.COUNTY + "102", ProblemStore.Source.LIAISON,
        "APPROVAL", "环评审批材料反复退回", "环评材料已三次退回，每次要求不同", List.of(), false), "liaison:L9")
        .await().getString("id");
    problems.step(id, Step.ACCEPT, StepArgs.none(), "admin").await();
    problems.step(id, Step.DISPATCH, StepArgs.dispatch(from, Complexity.ORDINARY), "admin").await();
    problems.step(id, Step.TRANSFER, StepArgs.transfer(to, "属审批中心职责"), "jxj.handler").await();
    settled();
    JsonArray sp = of(inbox(node.login("sp.handler", "secret-pass-1")), id);
    assertThat(kinds(sp)).containsExactly("problem.transfer");
    assertThat(sp.getJsonObject(0).getString("body"))
        .isEqualTo("诉求《环评审批材料反复退回》拟转由贵部门（开化县行政审批服务中心）办理，请确认接收。");
    assertThat(kinds(of(inbox(node.login("jxj.handler", "secret-pass-1")), id))).containsExactly("problem.dispatch");

    // the chief is named head afterwards (PATCH), with a phone: the escalation reaches it as the head, by SMS too
    HttpResponse<Buffer> patched = node.send(HttpMethod.PATCH, "/api/v1/accounts/sp.chief", node.admin(),
        new JsonObject().put("head", true).put("phone", "13900004001"));
    assertThat(patched.statusCode()).as(patched.bodyAsString()).isEqualTo(200);
    assertThat(patched.bodyAsJsonObject().getBoolean("head")).isTrue();
    problems.step(id, Step.TRANSFER, StepArgs.receive(), "sp.handler").await();
    fx.change("problem.breach", id, clockEvent(id, to));
    settled();
    JsonArray chief = of(inbox(node.login("sp.chief", "secret-pass-1")), id);
    assertThat(kinds(chief)).containsExactly("problem.transfer", "problem.breach");
    assertThat(item(chief, "problem.breach").getString("body")).startsWith("贵部门办理的诉求《环评审批材料反复退回》");
    assertThat(sms("13900004001")).extracting(FakeTencentSmsServer.Sent::templateId)
        .containsExactly(NotifyFixture.SMS_BREACH);
  }

  @Test
  void theConsoleInboxIsItsOwnersOnly() {
    String dept = "开化县司法局";
    account("sf.handler", "DEPT_HANDLER", new JsonObject().put("department", dept), null, false);
    account("sf.other", "DEPT_HANDLER", new JsonObject().put("department", dept), null, false);
    account("sf.outsider", "DEPT_HANDLER", new JsonObject().put("department", "开化县发展和改革局"), null, false);
    String id = syntheticCase(dept, "法律咨询");
    fx.change("problem.warning", id, clockEvent(id, dept));
    settled();
    String mine = node.login("sf.handler", "secret-pass-1");
    String other = node.login("sf.other", "secret-pass-1");
    String outsider = node.login("sf.outsider", "secret-pass-1");
    JsonArray items = inbox(mine);
    assertThat(items).hasSize(1);
    String nid = items.getJsonObject(0).getString("id");
    HttpResponse<Buffer> page = node.send(HttpMethod.GET, "/api/v1/inbox", mine, null);
    assertThat(page.bodyAsJsonObject().getLong("unread")).isEqualTo(1);

    // another department's handler has no such notice: not found, and nothing is marked
    assertThat(node.send(HttpMethod.POST, "/api/v1/inbox/" + nid + "/read", outsider, null).statusCode())
        .isEqualTo(404);
    HttpResponse<Buffer> read = node.send(HttpMethod.POST, "/api/v1/inbox/" + nid + "/read", mine, null);
    assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
    assertThat(read.bodyAsJsonObject().getBoolean("first")).isTrue();
    assertThat(node.send(HttpMethod.GET, "/api/v1/inbox", mine, null).bodyAsJsonObject().getLong("unread")).isZero();
    // a colleague's copy of the same notice is its own: still unread
    assertThat(node.send(HttpMethod.GET, "/api/v1/inbox", other, null).bodyAsJsonObject().getLong("unread"))
        .isEqualTo(1);
    // a firm's token serves no console inbox
    String firm = fx.uscc();
    fx.firm(firm, null);
    assertThat(node.send(HttpMethod.GET, "/api/v1/inbox", node.bind(firm, "wx-inbox-firm"), null).statusCode())
        .isEqualTo(403);
  }

  @Test
  void smsErrorCodesRetryOrDeadLetter() {
    String dept = "开化县人民政府办公室";
    account("bgs.handler", "DEPT_HANDLER", new JsonObject().put("department", dept), "13900003001", false);
    account("bgs.limited", "DEPT_HANDLER", new JsonObject().put("department", "开化县发展和改革局"), "13900003002",
        false);
    long retried = fx.stat("retried");
    long dead = fx.stat("dead");

    // the service timed out internally: retried with backoff, then delivered
    fx.sms.failNext("InternalError.Timeout");
    String a = syntheticCase(dept, "会议室预约难");
    fx.change("problem.warning", a, clockEvent(a, dept));
    until("the retried SMS delivered", () -> sms("13900003001").size() == 1 && fx.idle());
    assertThat(fx.stat("retried") - retried).isEqualTo(1);

    // an unapproved signature will not pass by trying again: a dead letter naming the code
    fx.sms.failNext("FailedOperation.SignatureIncorrectOrUnapproved");
    String b = syntheticCase(dept, "办事指南不清");
    fx.change("problem.warning", b, clockEvent(b, dept));
    until("a dead letter", () -> fx.stat("dead") - dead == 1 && fx.idle());
    assertThat(deadReasons()).anyMatch(r -> r.contains("FailedOperation.SignatureIncorrectOrUnapproved"));
    assertThat(sms("13900003001")).hasSize(1);

    // the number's daily limit is reached: final for today, a dead letter an admin may replay tomorrow
    fx.sms.dailyLimit(0);
    try {
      String c = syntheticCase("开化县发展和改革局", "用电报装慢");
      fx.change("problem.warning", c, clockEvent(c, "开化县发展和改革局"));
      until("a second dead letter", () -> fx.stat("dead") - dead == 2 && fx.idle());
    } finally {
      fx.sms.dailyLimit(10);
    }
    assertThat(deadReasons()).anyMatch(r -> r.contains("LimitExceeded.PhoneNumberDailyLimit"));
    assertThat(sms("13900003002")).isEmpty();
    // the inbox has the notices whatever SMS did
    assertThat(kinds(inbox(node.login("bgs.handler", "secret-pass-1"))))
        .containsExactly("problem.warning", "problem.warning");
  }

  static List<String> deadReasons() {
    List<String> out = new ArrayList<>();
    for (Response e : fx.redis.xrange(List.of(NotifyKeys.DEAD, "-", "+")).await()) {
      OutboxEntry d = OutboxEntry.parse(e);
      out.add(d.get("reason"));
    }
    return out;
  }

  /** A dispatched case written as the store leaves it (the clock's events are appended by the test). */
  static String syntheticCase(String department, String title) {
    String id = String.valueOf(fx.redis.incr("problems:seq").await().toLong() + 50_000);
    fx.redis.hset(List.of("problem:{c:" + id + "}", "id", id, "status", "IN_PROGRESS", "uscc", fx.uscc(),
        "township", NotifyFixture.COUNTY + "101", "title", title, "department", department,
        "dispatchNo", "JB-2026-" + String.format("%06d", Long.parseLong(id)), "version", "4")).await();
    return id;
  }

  static JsonObject clockEvent(String id, String department) {
    return new JsonObject().put("id", id).put("kind", "RESOLVE").put("due", "2026-12-10")
        .put("accountable", department).put("status", "IN_PROGRESS");
  }
}
