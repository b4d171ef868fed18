package cn.enterprisegrid.notify;

import cn.enterprisegrid.auth.Guard;
import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.ContractRoutes;
import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.http.Replies;
import cn.enterprisegrid.store.ScriptResult;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.ValidatedRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The mini-program's notification operations: the inbox ({@code GET /mp/v1/notifications}, read marks, the open
 * report of a tapped push), subscribe-message consents ({@code POST/GET /mp/v1/subscriptions}) and preferences
 * (channels in order, unsubscribed categories, FCM token, SMS phone).
 */
public final class NotifyMiniProgramRoutes {
  /** Operation ids of the contract ({@code mini-program.yaml}). */
  public static final String OP_LIST = "mpNotifications";
  public static final String OP_READ = "mpReadNotification";
  public static final String OP_OPENED = "mpNotificationOpened";
  public static final String OP_SUBSCRIBE = "mpRecordSubscriptions";
  public static final String OP_SUBSCRIPTIONS = "mpSubscriptions";
  public static final String OP_PREFS = "mpNotificationPreferences";
  public static final String OP_SET_PREFS = "mpUpdateNotificationPreferences";

  static final Set<String> CHANNELS = Set.of("wechat", "fcm", "sms");
  static final Set<String> CATEGORIES = Set.of("policy", "application", "problem");

  private final Store store;
  private final Inbox inbox;
  private final WeChatTemplates templates;
  private final JsonObject templateConfig;

  /** The operations on the backend's Redis; templates from {@code NOTIFY_WX_TEMPLATES}. */
  public NotifyMiniProgramRoutes(Store store, NotifySettings settings) {
    this.store = store;
    this.inbox = new Inbox(store);
    this.templateConfig = settings.templates();
    this.templates = new WeChatTemplates(templateConfig);
  }

  /** Registers the operations (guards first) on the contract routes. */
  public ContractRoutes register(ContractRoutes routes, Guard guard) {
    return routes
        .operation(OP_LIST, guard.roles(Role.ENTERPRISE, Role.LIAISON), this::list)
        .operation(OP_READ, guard.roles(Role.ENTERPRISE, Role.LIAISON), ctx -> read(ctx, "read"))
        .operation(OP_OPENED, guard.roles(Role.ENTERPRISE, Role.LIAISON), ctx -> read(ctx, "opened"))
        .operation(OP_SUBSCRIBE, guard.authenticated(), this::subscribe)
        .operation(OP_SUBSCRIPTIONS, guard.authenticated(), this::subscriptions)
        .operation(OP_PREFS, guard.authenticated(), this::prefs)
        .operation(OP_SET_PREFS, guard.authenticated(), this::setPrefs);
  }

  /** The inbox of the caller: its firm's, or the liaison's own. */
  static String owner(Principal p) {
    if (p.role() == Role.ENTERPRISE && p.scope().uscc() != null) {
      return "firm:" + p.scope().uscc();
    }
    if (p.role() == Role.LIAISON && p.scope().liaisonId() != null) {
      return "liaison:" + p.scope().liaisonId();
    }
    throw ProblemException.forbidden(Text.of("notify.inbox-owner"));
  }

  private void list(RoutingContext ctx) {
    ValidatedRequest req = ContractRoutes.validated(ctx);
    var l = req.getQuery().get("limit");
    int limit = l == null || l.isNull() ? 20 : l.getInteger();
    Long before = null;
    var cursor = req.getQuery().get("cursor");
    if (cursor != null && !cursor.isNull()) {
      String c = cursor.getString();
      try {
        before = Long.parseLong(c);
      } catch (NumberFormatException e) {
        throw ProblemException.badRequest("/cursor", Text.of("field.next", "cursor"));
      }
    }
    Replies.json(ctx, 200, inbox.list(owner(Guard.principal(ctx)), before, limit));
  }

  private void read(RoutingContext ctx, String what) {
    String id = ContractRoutes.validated(ctx).getPathParameters().get("id").getString();
    String to = owner(Guard.principal(ctx));
    Replies.json(ctx, 200, inbox.read(to, id).compose(r -> r < 0
        ? Future.failedFuture(ProblemException.notFound(Text.of("notify.no-notification", id)))
        : Future.succeededFuture(new JsonObject().put("id", id).put("read", true).put("first", r == 1))));
  }

  private static String openid(RoutingContext ctx) {
    String openid = Guard.principal(ctx).openid();
    if (openid == null) {
      throw ProblemException.forbidden(Text.of("notify.wechat-user-only"));
    }
    return openid;
  }

  /**
   * Records what {@code wx.requestSubscribeMessage} returned: template id to {@code accept} / {@code reject} /
   * {@code ban} / {@code filter} (its {@code errMsg} is ignored). Each accept of a one-time template allows one
   * send; {@code ban} (the user switched the template off) sets the count to zero.
   */
  private void subscribe(RoutingContext ctx) {
    String openid = openid(ctx);
    JsonObject body = ContractRoutes.validated(ctx).getBody().getJsonObject();
    List<Future<?>> all = new ArrayList<>();
    List<Problem.FieldError> errors = new ArrayList<>();
    for (String tpl : body.fieldNames()) {
      if (tpl.equals("errMsg")) {
        continue;
      }
      Object v = body.getValue(tpl);
      if (!(v instanceof String s) || !Set.of("accept", "reject", "ban", "filter").contains(s)) {
        errors.add(new Problem.FieldError("/" + tpl.replace("~", "~0").replace("/", "~1"),
            Text.of("notify.consent-value")));
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    for (String tpl : body.fieldNames()) {
      String s = tpl.equals("errMsg") ? null : body.getString(tpl);
      if ("accept".equals(s)) {
        all.add(consent(openid, "add", tpl, "1"));
      } else if ("ban".equals(s)) {
        all.add(consent(openid, "zero", tpl));
      }
    }
    Replies.json(ctx, 200, Future.all(all).compose(v -> balances(openid)));
  }

  private void subscriptions(RoutingContext ctx) {
    Replies.json(ctx, 200, balances(openid(ctx)));
  }

  /** {@code {"templates":[{"category","templateId","longTerm","balance"}]}}: what to ask consent for. */
  private Future<JsonObject> balances(String openid) {
    return store.api().hgetall(NotifyKeys.consent(openid)).map(r -> {
      JsonArray out = new JsonArray();
      for (String category : templateConfig.fieldNames()) {
        WeChatTemplates.Template t = templates.forCategory(category);
        long balance = r != null && r.containsKey(t.id()) ? r.get(t.id()).toLong() : 0;
        out.add(new JsonObject().put("category", category).put("templateId", t.id())
            .put("longTerm", t.longTerm()).put("balance", balance));
      }
      return new JsonObject().put("templates", out);
    });
  }

  private Future<ScriptResult> consent(String openid, String... args) {
    return store.script("notify_consent", List.of(NotifyKeys.consent(openid)), List.of(args));
  }

  private void prefs(RoutingContext ctx) {
    Replies.json(ctx, 200, loadPrefs(openid(ctx)));
  }

  private Future<JsonObject> loadPrefs(String openid) {
    return store.api().hgetall(NotifyKeys.prefs(openid)).map(r -> {
      JsonObject out = new JsonObject();
      String channels = r != null && r.containsKey("channels") ? r.get("channels").toString() : "wechat,fcm,sms";
      out.put("channels", new JsonArray(new ArrayList<>(Delivery.csv(channels))));
      out.put("unsubscribed", new JsonArray(new ArrayList<>(Delivery.csv(
          r != null && r.containsKey("unsubscribed") ? r.get("unsubscribed").toString() : ""))));
      out.put("fcmToken", r != null && r.containsKey("fcmToken") ? r.get("fcmToken").toString() : null);
      out.put("phone", r != null && r.containsKey("phone") ? r.get("phone").toString() : null);
      return out;
    });
  }

  /** Replaces the fields present in the body; {@code null} clears the FCM token or the phone. */
  private void setPrefs(RoutingContext ctx) {
    String openid = openid(ctx);
    JsonObject body = ContractRoutes.validated(ctx).getBody().getJsonObject();
    List<Problem.FieldError> errors = new ArrayList<>();
    List<String> hset = new ArrayList<>(List.of(NotifyKeys.prefs(openid)));
    List<String> hdel = new ArrayList<>(List.of(NotifyKeys.prefs(openid)));
    if (body.containsKey("channels")) {
      List<String> cs = strings(body.getJsonArray("channels"));
      for (int i = 0; i < cs.size(); i++) {
        if (!CHANNELS.contains(cs.get(i))) {
          errors.add(new Problem.FieldError("/channels/" + i, Text.of("field.element-one-of", "wechat, fcm, sms")));
        }
      }
      hset.addAll(List.of("channels", String.join(",", cs)));
    }
    if (body.containsKey("unsubscribed")) {
      List<String> cs = strings(body.getJsonArray("unsubscribed"));
      for (int i = 0; i < cs.size(); i++) {
        if (!CATEGORIES.contains(cs.get(i))) {
          errors.add(new Problem.FieldError("/unsubscribed/" + i,
              Text.of("field.element-one-of", "policy, application, problem")));
        }
      }
      hset.addAll(List.of("unsubscribed", String.join(",", cs)));
    }
    for (String f : List.of("fcmToken", "phone")) {
      if (body.containsKey(f)) {
        String v = body.getString(f);
        if (v == null || v.isBlank()) {
          hdel.add(f);
        } else if (f.equals("phone") && !v.matches("1[3-9][0-9]{9}")) {
          errors.add(new Problem.FieldError("/phone", Text.of("field.mobile", "phone")));
        } else {
          hset.addAll(List.of(f, v));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    Future<?> set = hset.size() > 1 ? store.api().hset(hset) : Future.succeededFuture();
    Future<?> del = hdel.size() > 1 ? store.api().hdel(hdel) : Future.succeededFuture();
    Replies.json(ctx, 200, Future.all(set, del).compose(v -> loadPrefs(openid)));
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      out.add(String.valueOf(a.getValue(i)));
    }
    return out;
  }
}
