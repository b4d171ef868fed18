package cn.enterprisegrid.policy;

import cn.enterprisegrid.auth.Guard;
import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.config.ChinaTime;
import cn.enterprisegrid.enterprise.EnterpriseStore;
import cn.enterprisegrid.enterprise.StoredEnterprise;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.ContractRoutes;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.http.Replies;
import cn.enterprisegrid.policyindex.index.PolicyQuery;
import cn.enterprisegrid.policyindex.match.LeafExplanation;
import cn.enterprisegrid.policyindex.match.Matches;
import cn.enterprisegrid.policyindex.match.NearMiss;
import cn.enterprisegrid.policyindex.match.PolicyMatch;
import cn.enterprisegrid.policyindex.profile.Profile;
import cn.enterprisegrid.policyindex.profile.ProfileDeriver;
import cn.enterprisegrid.policyindex.rule.Verdict;
import cn.enterprisegrid.redemption.Applications;
import cn.enterprisegrid.redemption.Money;
import cn.enterprisegrid.redemption.OneTapApplications;
import cn.enterprisegrid.redemption.Redemptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The mini-program's policy operations for a bound firm: matched policies with explanations and
 * gaps, one policy with the firm's explanation, full-text search, one-tap application
 * (一键兑现, idempotent by {@code Idempotency-Key}), the firm's applications, and the confirmation
 * of a 免申即享 grant's receipt details.
 */
public final class PolicyMiniProgramRoutes {
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
  private final PublishedPolicies published;
  private final OneTapApplications applications;

  public PolicyMiniProgramRoutes(Vertx vertx, PolicyCatalog catalog, PolicyStore policies,
      EnterpriseStore enterprises, Redemptions redemptions) {
    this.vertx = vertx;
    this.catalog = catalog;
    this.published = new PublishedPolicies(catalog, policies);
    this.enterprises = enterprises;
    this.redemptions = redemptions;
    this.applications = new OneTapApplications(published, enterprises, redemptions);
  }

  /** Registers the operations (guards first) on the contract routes. */
  public ContractRoutes register(ContractRoutes routes, Guard guard) {
    return routes
        .operation(OP_MATCHED, guard.roles(Role.ENTERPRISE), this::matched)
        .operation(OP_SEARCH, guard.roles(Role.ENTERPRISE, Role.LIAISON), this::search)
        .operation(OP_POLICY, guard.roles(Role.ENTERPRISE, Role.LIAISON), this::policy)
        .operation(OP_APPLY, guard.roles(Role.ENTERPRISE), this::apply)
        .operation(OP_APPLICATIONS, guard.roles(Role.ENTERPRISE), ctx -> Replies.json(ctx, 200,
            redemptions.ofFirm(Guard.principal(ctx).scope().uscc()).map(a -> new JsonObject().put("items", a))))
        .operation(OP_CONFIRM, guard.roles(Role.ENTERPRISE), this::confirm);
  }

  private Future<Profile> profile(String uscc) {
    return enterprises.load(uscc).compose(s -> s.exists()
        ? Future.succeededFuture(ProfileDeriver.standard().profile(s.enterprise(), ChinaTime.today()))
        : Future.failedFuture(ProblemException.notFound(Text.of("enterprise.bound-not-registered"))));
  }

  private void matched(RoutingContext ctx) {
    String uscc = Guard.principal(ctx).scope().uscc();
    LocalDate today = ChinaTime.today();
    Replies.json(ctx, 200, profile(uscc).compose(profile -> redemptions.ofFirm(uscc).map(apps -> {
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
    Replies.json(ctx, 200, published.get(id).compose(spec -> view(spec, principal)));
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
      return redemptions.get(Applications.id(id, uscc)).map(app -> {
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
    Replies.json(ctx, 200, region.compose(code -> vertx.executeBlocking(() -> {
      PolicyQuery pq = new PolicyQuery(q, Set.of(), Set.of(), Set.of(), Set.of("PUBLISHED"), code, offset, limit);
      return Explanations.json(catalog.search(pq));
    }, false)));
  }

  private void apply(RoutingContext ctx) {
    RequestParameter bodyParam = ContractRoutes.validated(ctx).getBody();
    JsonObject body = bodyParam == null || bodyParam.isNull() ? new JsonObject() : bodyParam.getJsonObject();
    Replies.json(ctx, 201, applications.apply(Guard.principal(ctx), pathId(ctx), body,
        ctx.request().getHeader("Idempotency-Key")));
  }

  private void confirm(RoutingContext ctx) {
    Principal principal = Guard.principal(ctx);
    String id = ContractRoutes.validated(ctx).getPathParameters().get("id").getString();
    if (!id.endsWith("-" + principal.scope().uscc())) {
      throw ProblemException.notFound(Text.of("redemption.no-application", id));
    }
    JsonObject receipt = ContractRoutes.validated(ctx).getBody().getJsonObject();
    Replies.json(ctx, 200, redemptions.confirm(id, principal.actor(), receipt));
  }

  /**
   * A policy that cannot be stacked with {@code spec} and where the firm already holds a live
   * application or grant: applying would be refused, so the firm is told why up front.
   */
  private Optional<String> blockingExclusion(PolicySpec spec, Map<String, JsonObject> byPolicy) {
    return catalog.exclusionsOf(spec).stream().filter(other -> {
      JsonObject app = byPolicy.get(other);
      return app != null && Applications.isLive(app.getString("status"));
    }).findFirst();
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
}
