package cn.enterprisegrid.auth;

import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.Bodies;
import cn.enterprisegrid.http.ClientAddress;
import cn.enterprisegrid.http.ContractRoutes;
import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Console login and account management: {@code POST /api/v1/auth/login},
 * {@code GET /api/v1/auth/me}, {@code POST /api/v1/accounts}, {@code PATCH /api/v1/accounts/{username}} (the SMS
 * phone and the head flag).
 */
public final class AuthConsoleRoutes {
  private static final Pattern PHONE = Pattern.compile("1[3-9][0-9]{9}");

  private final Vertx vertx;
  private final Store store;
  private final AccountStore accounts;
  private final Tokens tokens;
  private final Guard guard;
  private final PasswordCheck passwords;
  private final Grants grants;
  private final ActiveLiaisons liaisons;
  private final ClientAddress clients;

  /** {@code clients} tells the login throttle where a request comes from. */
  public AuthConsoleRoutes(Vertx vertx, Store store, Tokens tokens, Guard guard, ClientAddress clients) {
    this.vertx = vertx;
    this.store = store;
    this.accounts = new AccountStore(store);
    this.tokens = tokens;
    this.guard = guard;
    this.passwords = new PasswordCheck(vertx, store);
    this.grants = new Grants(store);
    this.liaisons = new ActiveLiaisons(store);
    this.clients = clients;
  }

  public void register(ContractRoutes routes) {
    routes.operation("consoleLogin", this::login);
    routes.operation("consoleMe", guard.authenticated(), this::me);
    routes.operation("createAccount", guard.roles(Role.GRID_ADMIN), this::createAccount);
    routes.operation("updateAccount", guard.roles(Role.GRID_ADMIN), this::updateAccount);
  }

  private void login(RoutingContext ctx) {
    JsonObject body = Bodies.object(ctx);
    String username = Bodies.requiredString(body, "username");
    String password = Bodies.requiredString(body, "password");
    passwords.verify(clients.of(ctx.request()), username, password)
        .compose(account -> account.role() != Role.LIAISON || account.principal().scope().liaisonId() == null
            ? Future.succeededFuture(account)
            : liaisons.activeNow(account.principal().scope().liaisonId()).compose(active -> active
                ? Future.succeededFuture(account)
                : Future.failedFuture(ProblemException.forbidden(Text.of("auth.liaison-inactive-login")))))
        .onSuccess(account -> ctx.json(new JsonObject()
            .put("token", tokens.issue(account.principal()))
            .put("expiresIn", tokens.ttl().toSeconds())
            .put("role", account.role().name())))
        .onFailure(ctx::fail);
  }

  private void me(RoutingContext ctx) {
    Principal p = Guard.principal(ctx);
    JsonObject json = new JsonObject().put("subject", p.subject()).put("bound", p.bound())
        .put("scope", p.scope().toJson());
    if (p.role() != null) {
      json.put("role", p.role().name());
    }
    ctx.json(json);
  }

  private void createAccount(RoutingContext ctx) {
    Principal admin = Guard.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    String username = Bodies.requiredString(body, "username");
    if (!Usernames.valid(username)) {
      throw Usernames.invalid();
    }
    String password = Bodies.requiredString(body, "password");
    if (password.length() < 8 || password.length() > 128) {
      throw ProblemException.invalid("/password", Text.of("auth.password-length"));
    }
    String roleName = Bodies.requiredString(body, "role");
    Role role = Role.parse(roleName);
    if (role == null) {
      throw ProblemException.invalid("/role", Text.of("field.one-of", "role", List.of(Role.values())));
    }
    Scope scope = Scope.fromJson(Bodies.optionalObject(body, "scope"));
    List<Problem.FieldError> errors = scope.validate(role);
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    String phone = Bodies.optionalString(body, "phone", "");
    if (phone != null && !PHONE.matcher(phone).matches()) {
      throw ProblemException.invalid("/phone", Text.of("field.mobile", "phone"));
    }
    boolean head = Boolean.TRUE.equals(body.getValue("head"));
    if (head && role != Role.DEPT_HANDLER) {
      throw ProblemException.invalid("/head", Text.of("auth.head-role"));
    }
    grants.check(admin, role, scope)
        .compose(v -> vertx.executeBlocking(() -> Passwords.hash(password), false))
        .compose(hash -> accounts.create(username, role, scope, hash, admin.actor(), phone, head))
        .compose(created -> created ? accounts.find(username)
            : Future.failedFuture(ProblemException.conflict("account-exists",
                Text.of("auth.account-exists", username))))
        .onSuccess(account -> ctx.response().setStatusCode(201)
            .putHeader("Content-Type", "application/json")
            .putHeader("Location", "/api/v1/accounts/" + username)
            .end(account.toJson().encode()))
        .onFailure(ctx::fail);
  }

  /**
   * Sets an account's SMS {@code phone} (null removes it) and, for a DEPT_HANDLER, {@code head}; members left out
   * stay as they are. A region admin may only change region roles' accounts inside its region.
   */
  private void updateAccount(RoutingContext ctx) {
    Principal admin = Guard.principal(ctx);
    String username = ctx.pathParam("username");
    JsonObject body = Bodies.object(ctx);
    String phone = null;
    if (body.containsKey("phone")) {
      Object v = body.getValue("phone");
      if (v == null) {
        phone = "";
      } else if (!(v instanceof String s) || !PHONE.matcher(s).matches()) {
        throw ProblemException.invalid("/phone", Text.of("field.mobile-or-null", "phone"));
      } else {
        phone = s;
      }
    }
    Boolean head = body.getValue("head") instanceof Boolean b ? b : null;
    String newPhone = phone;
    accounts.find(username)
        .compose(account -> {
          if (account == null) {
            return Future.failedFuture(ProblemException.notFound(Text.of("auth.no-account", username)));
          }
          // as for creating: the region roles' accounts belong to a region, the department roles' to none
          boolean regionRole = account.role() == Role.GRID_ADMIN || account.role() == Role.SUPERVISOR
              || account.role() == Role.LIAISON;
          if (regionRole && !admin.scope().coversScopeRegion(account.scope())) {
            return Future.failedFuture(new ProblemException(Problem.field(403, "/username",
                Text.of("auth.account-outside-region", username))));
          }
          if (head != null && head && account.role() != Role.DEPT_HANDLER) {
            return Future.failedFuture(ProblemException.invalid("/head", Text.of("auth.head-role")));
          }
          return accounts.update(account, newPhone, head, admin.actor());
        })
        .compose(a -> a == null ? Future.failedFuture(ProblemException.notFound(Text.of("auth.no-account", username)))
            : Future.succeededFuture(a))
        .onSuccess(a -> ctx.json(a.toJson()))
        .onFailure(ctx::fail);
  }
}
