package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.auth.Guard;
import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.auth.Role;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.ContractRoutes;
import cn.enterprisegrid.config.ChinaTime;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.policyindex.index.EnterpriseIndex;
import cn.enterprisegrid.policyindex.index.IdPage;
import cn.enterprisegrid.policyindex.rule.Rule;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/enterprises?region=&industry=&size=&tag=&q=&page=&limit=}: the firms of the
 * caller's region, filtered, in USCC order with keyset paging ({@code page} is the previous
 * answer's {@code next}), from this node's Lucene index; the rows come from Redis. The index
 * follows Redis within about a second of a write.
 */
public final class EnterpriseListConsoleRoutes {
  private static final Pattern REGION = Pattern.compile("\\d{2,12}");
  private static final Pattern INDUSTRY = Pattern.compile("[A-T]|\\d{2,4}");
  private static final Pattern USCC = Pattern.compile("[0-9A-Z]{18}");
  private static final Set<String> SIZES = Set.of("LARGE", "MEDIUM", "SMALL", "MICRO", "UNCLASSIFIED");
  private static final int MAX_LIMIT = 200;

  private final Vertx vertx;
  private final EnterpriseIndex index;
  private final EnterpriseStore store;
  private final Guard guard;

  public EnterpriseListConsoleRoutes(Vertx vertx, EnterpriseIndex index, EnterpriseStore store, Guard guard) {
    this.vertx = vertx;
    this.index = index;
    this.store = store;
    this.guard = guard;
  }

  public void register(ContractRoutes routes) {
    routes.operation("listEnterprises", guard.roles(Role.GRID_ADMIN, Role.SUPERVISOR), this::list);
  }

  /** One page of ids and the total they come from. */
  private record Found(IdPage page, long total) {}

  /** A listing request after validation. */
  record Query(String region, String industry, String size, String tag, String name, String after, int limit) {}

  private void list(RoutingContext ctx) {
    Principal p = Guard.principal(ctx);
    Query q = parse(ctx);
    String region = narrow(p.scope().region(), q.region());
    if (region == null) {
      ctx.json(new JsonObject().put("items", new JsonArray()).put("total", 0).putNull("next"));
      return;
    }
    Rule rule = rule(q, region);
    vertx.executeBlocking(() -> {
          LocalDate today = ChinaTime.today();
          IdPage page = index.eligible(rule, today, q.name(), q.after(), q.limit());
          long total = index.countEligible(rule, today, q.name());
          return new Found(page, total);
        }, false)
        .compose(found -> store.get(found.page().ids()).map(rows -> {
          JsonArray items = new JsonArray();
          rows.stream().filter(Objects::nonNull).forEach(items::add);
          return new JsonObject().put("items", items).put("total", found.total())
              .put("next", found.page().next());
        }))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  /** The region both the scope and the filter allow: the longer prefix, or null when disjoint. */
  static String narrow(String scope, String filter) {
    if (scope == null) {
      return filter == null ? "" : filter;
    }
    if (filter == null || filter.startsWith(scope)) {
      return filter == null ? scope : filter;
    }
    return scope.startsWith(filter) ? scope : null;
  }

  static Rule rule(Query q, String region) {
    List<JsonObject> leaves = new ArrayList<>();
    leaves.add(region.isEmpty()
        ? new JsonObject().put("field", "regionCode").put("op", "exists")
        : leaf("regionCode", "prefix", new JsonArray().add(region)));
    if (q.industry() != null) {
      leaves.add(leaf("industryCode", "prefix", new JsonArray().add(q.industry())));
    }
    if (q.size() != null) {
      leaves.add(leaf("sizeClass", "eq", q.size()));
    }
    if (q.tag() != null) {
      leaves.add(leaf("tags", "hasAny", new JsonArray().add(q.tag())));
    }
    return Rule.parse(new JsonObject().put("all", new JsonArray(new ArrayList<>(leaves))).encode());
  }

  private static JsonObject leaf(String field, String op, Object value) {
    return new JsonObject().put("field", field).put("op", op).put("value", value);
  }

  private static Query parse(RoutingContext ctx) {
    String region = param(ctx, "region");
    if (region != null && !REGION.matcher(region).matches()) {
      throw ProblemException.badRequest("/region", Text.of("field.region-prefix", "region"));
    }
    String industry = param(ctx, "industry");
    if (industry != null) {
      industry = industry.toUpperCase(Locale.ROOT);
      if (!INDUSTRY.matcher(industry).matches()) {
        throw ProblemException.badRequest("/industry", Text.of("field.industry-prefix", "industry"));
      }
    }
    String size = param(ctx, "size");
    if (size != null) {
      size = size.toUpperCase(Locale.ROOT);
      if (!SIZES.contains(size)) {
        throw ProblemException.badRequest("/size", Text.of("field.one-of", "size", SIZES));
      }
    }
    String tag = param(ctx, "tag");
    if (tag != null && tag.length() > 32) {
      throw ProblemException.badRequest("/tag", Text.of("field.max-length", "tag", 32));
    }
    String name = param(ctx, "q");
    if (name != null && name.length() > 64) {
      throw ProblemException.badRequest("/q", Text.of("field.max-length", "q", 64));
    }
    String after = param(ctx, "page");
    if (after != null && !USCC.matcher(after).matches()) {
      throw ProblemException.badRequest("/page", Text.of("field.next", "page"));
    }
    int limit = 50;
    String l = param(ctx, "limit");
    if (l != null) {
      try {
        limit = Integer.parseInt(l);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        throw ProblemException.badRequest("/limit", Text.of("field.whole-range", "limit", 1, MAX_LIMIT));
      }
    }
    return new Query(region, industry, size, tag, name, after, limit);
  }

  private static String param(RoutingContext ctx, String name) {
    String v = ctx.request().getParam(name);
    // trimmed first: trim() also drops control characters (a lone %00), which isBlank() does not
    String t = v == null ? null : v.trim();
    return t == null || t.isEmpty() ? null : t;
  }
}
