package cn.enterprisegrid.policy;

import cn.enterprisegrid.auth.Guard;
import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.enterprise.Clock;
import cn.enterprisegrid.enterprise.EnterpriseStore;
import cn.enterprisegrid.enterprise.StoredEnterprise;
import cn.enterprisegrid.grid.GridRoutes;
import cn.enterprisegrid.http.ContractRoutes;
import cn.enterprisegrid.http.Problem;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.policyindex.index.PolicyQuery;
import cn.enterprisegrid.policyindex.match.LeafExplanation;
import cn.enterprisegrid.policyindex.match.Matches;
import cn.enterprisegrid.policyindex.match.NearMiss;
import cn.enterprisegrid.policyindex.match.PolicyMatch;
import cn.enterprisegrid.policyindex.profile.Profile;
import cn.enterprisegrid.policyindex.profile.ProfileDeriver;
import cn.enterprisegrid.policyindex.rule.Verdict;
import cn.enterprisegrid.redemption.Money;
import cn.enterprisegrid.redemption.Redemptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The mini-program's policy operations for a bound firm: matched policies with explanations and
 * gaps, one policy with the firm's explanation, full-text search, one-tap application
 * (一键兑现, idempotent by {@code Idempotency-Key}), the firm's applications, and the confirmation
 * of a 免申即享 grant's receipt details.
 */
public final class MiniProgramPolicyRoutes {
  public static final String OP_MATCHED = "mpMatchedPolicies";
  public static final String OP_SEARCH = "mpSearchPolicies";
  public static final String OP_POLICY = "mpPolicy";
  public static final String OP_APPLY = "mpApplyPolicy";
  public static final String OP_APPLICATIONS = "mpApplications";
  public static final String OP_CONFIRM = "mpConfirmGrant";

  private final Vertx vertx;
  private final PolicyCatalog catalog;
  private final EnterpriseStore enterprises;
  private final Redemptions redemptions;
  private final PolicyStore policies;

  public MiniProgramPolicyRoutes(Vertx vertx, PolicyCatalog catalog, PolicyStore policies,
      EnterpriseStore enterprises, Redemptions redemptions) {
    this.vertx = vertx;
    this.catalog = catalog;
    this.policies = policies;
    this.enterprises = enterprises;
    this.redemptions = redemptions;
  }

  /** Registers the operations (guards first) on the contract routes. */
  public ContractRoutes register(ContractRoutes routes, Guard guard) {
    return routes
        .operation(OP_MATCHED, guard.roles(Role.ENTERPRISE), this::matched)
        .operation(OP_SEARCH, guard.roles(Role.ENTERPRISE, Role.LIAISON), this::search)
        .operation(OP_POLICY, guard.roles(Role.ENTERPRISE, Role.LIAISON), this::policy)
        .operation(OP_APPLY, guard.roles(Role.ENTERPRISE), this::apply)
        .operation(OP_APPLICATIONS, guard.roles(Role.ENTERPRISE), ctx -> GridRoutes.reply(ctx, 200,
            redemptions.ofFirm(Guard.principal(ctx).scope().uscc()).map(a -> new JsonObject().put("items", a))))
        .operation(OP_CONFIRM, guard.roles(Role.ENTERPRISE), this::confirm);
  }

  private Future<Profile> profile(String uscc) {
    return enterprises.load(uscc).compose(s -> s.exists()
        ? Future.succeededFuture(ProfileDeriver.standard().profile(s.enterprise(), Clock.today()))
        : Future.failedFuture(ProblemException.notFound("the bound enterprise is not registered")));
  }

  private void matched(RoutingContext ctx) {
    String uscc = Guard.principal(ctx).scope().uscc();
    LocalDate today = Clock.today();
    GridRoutes.reply(ctx, 200, profile(uscc).compose(profile -> redemptions.ofFirm(uscc).map(apps -> {
      Map<String, JsonObject> byPolicy = new HashMap<>();
      apps.forEach(a -> byPolicy.put(((JsonObject) a).getString("policyId"), (JsonObject) a));
      Matches m = catalog.matcher().match(profile);
      List<JsonObject> eligible = new ArrayList<>();
      List<JsonObject> unknown = new ArrayList<>();
      for (PolicyMatch pm : m.matches()) {
        PolicySpec spec = catalog.spec(pm.policyId()).orElse(null);
        if (spec == null || spec.closesOn().isBefore(today)) {
          continue;
        }
        JsonObject entry = summary(spec).put("verdict", pm.verdict().name())
            .put("explanation", Explanations.leaves(pm.explanation(), spec));
        if (pm.verdict() == Verdict.ELIGIBLE) {
          amount(spec, profile).ifPresent(a -> entry.put("amount", Money.wan(Money.fen(a))));
          eligible.add(entry);
        } else {
          entry.put("missing", Explanations.missing(pm.explanation()));
          unknown.add(entry);
        }
        if (byPolicy.containsKey(spec.id())) {
          entry.put("application", byPolicy.get(spec.id()));
        } else {
          blockingExclusion(spec, byPolicy).ifPresent(other -> entry.put("excludedBy", other));
        }
      }
      List<JsonObject> near = new ArrayList<>();
      for (NearMiss nm : m.nearMisses()) {
        catalog.spec(nm.policyId()).filter(s -> !s.closesOn().isBefore(today))
            .ifPresent(spec -> near.add(summary(spec).put("gaps", Explanations.gaps(nm.gaps(), spec))));
      }
      Comparator<JsonObject> byDeadline = Comparator.comparing(j -> j.getJsonObject("window").getString("closesOn"));
      // what the firm can still receive first: not blocked by a policy it already holds
      eligible.sort(Comparator.<JsonObject, Boolean>comparing(j -> j.containsKey("excludedBy"))
          .thenComparing(Comparator.<JsonObject, BigDecimal>comparing(
              j -> j.getValue("amount") == null ? BigDecimal.ZERO : (BigDecimal) j.getValue("amount")).reversed())
          .thenComparing(byDeadline));
      unknown.sort(byDeadline);
      near.sort(byDeadline);
      return new JsonObject().put("uscc", uscc).put("asOf", today.toString())
          .put("eligible", new JsonArray(new ArrayList<>(eligible)))
          .put("unknown", new JsonArray(new ArrayList<>(unknown)))
          .put("nearMisses", new JsonArray(new ArrayList<>(near)));
    })));
  }

  private void policy(RoutingContext ctx) {
    Principal principal = Guard.principal(ctx);
    String id = pathId(ctx);
    GridRoutes.reply(ctx, 200, published(id).compose(spec -> view(spec, principal)));
  }

  private Future<JsonObject> view(PolicySpec spec, Principal principal) {
    String id = spec.id();
    JsonObject out = spec.json().copy().put("id", id).put("version", spec.version())
        .put("status", catalog.status(id).map(Enum::name).orElse("PUBLISHED"));
    out.remove("fundPool");
    if (principal.role() != Role.ENTERPRISE) {
      return Future.succeededFuture(out);
    }
    String uscc = principal.scope().uscc();
    return profile(uscc).compose(profile -> {
      List<LeafExplanation> leaves = catalog.explain(spec, profile);
      Verdict verdict = catalog.verdict(spec, profile);
      out.put("verdict", verdict.name()).put("explanation", Explanations.leaves(leaves, spec));
      if (verdict == Verdict.UNKNOWN) {
        out.put("missing", Explanations.missing(leaves));
      }
      amount(spec, profile).ifPresent(a -> out.put("amount", Money.wan(Money.fen(a))));
      return redemptions.get(cn.enterprisegrid.redemption.Applications.id(id, uscc)).map(app -> {
        if (app != null) {
          out.put("application", app);
        }
        return out;
      });
    });
  }

  private void search(RoutingContext ctx) {
    ValidatedRequest req = ContractRoutes.validated(ctx);
    // raw, not from the validated request: see the contract's note on q
    String q = ctx.request().getParam("q");
    int offset = req.getQuery().get("offset") == null || req.getQuery().get("offset").isNull() ? 0
        : req.getQuery().get("offset").getInteger();
    int limit = req.getQuery().get("limit") == null || req.getQuery().get("limit").isNull() ? 10
        : req.getQuery().get("limit").getInteger();
    Principal principal = Guard.principal(ctx);
    Future<String> region = principal.role() == Role.ENTERPRISE
        ? enterprises.load(principal.scope().uscc()).map(StoredEnterprise::regionCode)
        : Future.succeededFuture(null);
    GridRoutes.reply(ctx, 200, region.compose(code -> vertx.executeBlocking(() -> {
      PolicyQuery pq = new PolicyQuery(q, Set.of(), Set.of(), Set.of(), Set.of("PUBLISHED"), code, offset, limit);
      return Explanations.json(catalog.search(pq));
    }, false)));
  }

  private void apply(RoutingContext ctx) {
    Principal principal = Guard.principal(ctx);
    String uscc = principal.scope().uscc();
    String id = pathId(ctx);
    RequestParameter bodyParam = ContractRoutes.validated(ctx).getBody();
    JsonObject body = bodyParam == null || bodyParam.isNull() ? new JsonObject() : bodyParam.getJsonObject();
    JsonObject figures = body.getJsonObject("figures", new JsonObject());
    String key = ctx.request().getHeader("Idempotency-Key");
    String fingerprint = fingerprint(id, body);
    Future<Redemptions.Answer> replay = key == null ? Future.succeededFuture()
        : redemptions.replay(id, uscc, key, fingerprint);
    // without corrections the profile is read alongside the replay check: one round trip, not two
    Future<StoredEnterprise> firm = figures.isEmpty() ? enterprises.load(uscc) : null;
    replay.compose(seen -> seen != null ? Future.succeededFuture(seen)
            : (firm != null ? firm : enterprises.selfReport(uscc, figures, principal.actor())
                .compose(v -> enterprises.load(uscc)))
            .compose(s -> published(id).compose(spec -> applyAs(spec, s, principal, key, fingerprint)))
            // amended between this node's catalog and the script: once more with the version in Redis
            .compose(a -> !"/problems/stale".equals(a.body().getString("type")) ? Future.succeededFuture(a)
                : enterprises.load(uscc).compose(s -> fromRedis(id).compose(spec ->
                    applyAs(spec, s, principal, key, fingerprint)))))
        .onSuccess(a -> ctx.response().setStatusCode(a.status())
            .putHeader("Content-Type", a.status() < 300 ? "application/json" : "application/problem+json")
            .end(a.body().encode()))
        .onFailure(ctx::fail);
  }

  private Future<Redemptions.Answer> applyAs(PolicySpec spec, StoredEnterprise s, Principal principal, String key,
      String fingerprint) {
    if (!s.exists()) {
      return Future.failedFuture(ProblemException.notFound("the bound enterprise is not registered"));
    }
    LocalDate today = Clock.today();
    Profile profile = ProfileDeriver.standard().profile(s.enterprise(), today);
    long fen = checkEligible(spec, profile);
    return redemptions.apply(new Redemptions.Request(spec.id(), spec.version(), s.uscc(), s.enterprise().name(), fen,
        prefilled(spec, profile), List.copyOf(catalog.exclusionsOf(spec)), principal.actor(), key, fingerprint, false), today);
  }

  /**
   * The published version of a policy: this node's catalog, or Redis when the catalog has not
   * caught up yet (the few milliseconds after a publication).
   */
  private Future<PolicySpec> published(String id) {
    return catalog.spec(id).map(Future::succeededFuture).orElseGet(() -> fromRedis(id));
  }

  private Future<PolicySpec> fromRedis(String id) {
    return policies.get(id).compose(p -> p.exists() && p.published() != null ? Future.succeededFuture(p.published())
        : Future.failedFuture(ProblemException.notFound("no published policy " + id)));
  }

  /** The amount in 分 when the firm is ELIGIBLE and the benefit pays something; else a 422 saying why. */
  private long checkEligible(PolicySpec spec, Profile profile) {
    Verdict verdict = catalog.verdict(spec, profile);
    if (verdict != Verdict.ELIGIBLE) {
      List<LeafExplanation> leaves = catalog.explain(spec, profile);
      boolean unknown = verdict == Verdict.UNKNOWN;
      Problem problem = Problem.of(422, unknown ? "incomplete-profile" : "ineligible",
          unknown ? "Profile incomplete" : "Not eligible", unknown
              ? "the profile lacks what this policy needs to decide: complete " + Explanations.missing(leaves).encode()
              : "the firm does not meet this policy's conditions");
      throw new ProblemException(problem);
    }
    OptionalDouble amount = amount(spec, profile);
    if (amount.isEmpty()) {
      throw new ProblemException(Problem.of(422, "incomplete-profile", "Profile incomplete",
          "the amount depends on " + spec.benefit().figure().jsonName() + ", which the profile lacks"));
    }
    long fen = Money.fen(amount.getAsDouble());
    if (fen <= 0) {
      throw new ProblemException(Problem.of(422, "no-benefit", "Nothing to grant",
          "the benefit rule gives nothing for this firm's figures"));
    }
    return fen;
  }

  private void confirm(RoutingContext ctx) {
    Principal principal = Guard.principal(ctx);
    String id = ContractRoutes.validated(ctx).getPathParameters().get("id").getString();
    if (!id.endsWith("-" + principal.scope().uscc())) {
      throw ProblemException.notFound("no application " + id);
    }
    JsonObject receipt = ContractRoutes.validated(ctx).getBody().getJsonObject();
    GridRoutes.reply(ctx, 200, redemptions.confirm(id, principal.actor(), receipt));
  }

  /**
   * A policy that cannot be stacked with {@code spec} and where the firm already holds a live
   * application or grant: applying would be refused, so the firm is told why up front.
   */
  private java.util.Optional<String> blockingExclusion(PolicySpec spec, Map<String, JsonObject> byPolicy) {
    return catalog.exclusionsOf(spec).stream().filter(other -> {
      JsonObject app = byPolicy.get(other);
      return app != null && Set.of("PENDING_REVIEW", "GRANTED", "PAID").contains(app.getString("status"));
    }).findFirst();
  }


  /** The figures the decision used, as the firm saw them prefilled: every tested field and the benefit's. */
  private JsonObject prefilled(PolicySpec spec, Profile profile) {
    JsonObject out = new JsonObject();
    for (cn.enterprisegrid.policyindex.rule.Leaf leaf : spec.rule().leaves()) {
      figure(out, profile, leaf.field());
    }
    if (spec.benefit().figure() != null) {
      figure(out, profile, spec.benefit().figure());
    }
    return out;
  }

  private static void figure(JsonObject out, Profile profile, cn.enterprisegrid.policyindex.profile.Field field) {
    profile.value(field).ifPresent(v -> out.put(field.jsonName(),
        v instanceof java.util.Collection<?> c ? new JsonArray(new ArrayList<>(c)) : v));
  }

  private static OptionalDouble amount(PolicySpec spec, Profile profile) {
    return spec.benefit().amountFor(profile);
  }

  private static JsonObject summary(PolicySpec spec) {
    JsonObject j = spec.json();
    return new JsonObject().put("id", spec.id()).put("version", spec.version()).put("title", spec.title())
        .put("department", spec.department()).put("docNumber", j.getString("docNumber"))
        .put("summary", j.getString("summary")).put("mode", spec.mode().name())
        .put("benefit", j.getJsonObject("benefit")).put("window", j.getJsonObject("window"));
  }

  private static String pathId(RoutingContext ctx) {
    return ContractRoutes.validated(ctx).getPathParameters().get("id").getString();
  }

  private static String fingerprint(String id, JsonObject body) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest((id + "\n" + body.encode()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
