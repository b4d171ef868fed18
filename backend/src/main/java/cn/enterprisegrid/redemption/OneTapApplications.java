package cn.enterprisegrid.redemption;

import cn.enterprisegrid.auth.Principal;
import cn.enterprisegrid.config.ChinaTime;
import cn.enterprisegrid.enterprise.EnterpriseStore;
import cn.enterprisegrid.enterprise.StoredEnterprise;
import cn.enterprisegrid.http.Text;
import cn.enterprisegrid.http.ProblemException;
import cn.enterprisegrid.policy.PolicySpec;
import cn.enterprisegrid.policy.PublishedPolicies;
import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.profile.Profile;
import cn.enterprisegrid.policyindex.profile.ProfileDeriver;
import cn.enterprisegrid.policyindex.rule.Leaf;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * 一键兑现: a bound firm applies to a published policy in one tap. Replays the first answer to a
 * retried {@code Idempotency-Key}, records figures the firm corrected as self-reported, checks
 * eligibility against the current profile, and retries once with the version in Redis when this
 * node's catalog was stale. Refusals fail the future with a {@link ProblemException}.
 */
public final class OneTapApplications {
  private final PublishedPolicies published;
  private final EnterpriseStore enterprises;
  private final Redemptions redemptions;
  private final Eligibility eligibility;

  public OneTapApplications(PublishedPolicies published, EnterpriseStore enterprises, Redemptions redemptions) {
    this.published = published;
    this.enterprises = enterprises;
    this.redemptions = redemptions;
    this.eligibility = new Eligibility(published.catalog());
  }

  /**
   * Applies for {@code principal}'s firm. {@code body} may hold {@code figures} (corrections of the
   * profile); {@code idempotencyKey} may be null. Answers the application (201) or fails with the
   * refusal's problem (404, 409, 422).
   */
  public Future<JsonObject> apply(Principal principal, String policyId, JsonObject body, String idempotencyKey) {
    String uscc = principal.scope().uscc();
    JsonObject figures = body.getJsonObject("figures", new JsonObject());
    String fingerprint = fingerprint(policyId, body);
    Future<Redemptions.Answer> replay = idempotencyKey == null ? Future.succeededFuture()
        : redemptions.replay(policyId, uscc, idempotencyKey, fingerprint);
    // without corrections the profile is read alongside the replay check: one round trip, not two
    Future<StoredEnterprise> firm = figures.isEmpty() ? enterprises.load(uscc) : null;
    return replay.compose(seen -> seen != null ? Future.succeededFuture(seen)
            : (firm != null ? firm : enterprises.selfReport(uscc, figures, principal.actor())
                .compose(v -> enterprises.load(uscc)))
            .compose(s -> published.get(policyId).compose(spec -> applyAs(spec, s, principal, idempotencyKey,
                fingerprint)))
            // amended between this node's catalog and the script: once more with the version in Redis
            .compose(a -> !a.stale() ? Future.succeededFuture(a)
                : enterprises.load(uscc).compose(s -> published.fromRedis(policyId).compose(spec ->
                    applyAs(spec, s, principal, idempotencyKey, fingerprint)))))
        .compose(a -> a.refusal() == null ? Future.succeededFuture(a.application())
            : Future.failedFuture(new ProblemException(a.refusal())));
  }

  private Future<Redemptions.Answer> applyAs(PolicySpec spec, StoredEnterprise s, Principal principal, String key,
      String fingerprint) {
    if (!s.exists()) {
      return Future.failedFuture(ProblemException.notFound(Text.of("enterprise.bound-not-registered")));
    }
    LocalDate today = ChinaTime.today();
    Profile profile = ProfileDeriver.standard().profile(s.enterprise(), today);
    long fen = eligibility.amountFen(spec, profile);
    return redemptions.apply(new Redemptions.Request(spec.id(), spec.version(), s.uscc(), s.enterprise().name(), fen,
        prefilled(spec, profile), List.copyOf(published.catalog().exclusionsOf(spec)), principal.actor(),
        key, fingerprint, false), today);
  }

  /** The figures the decision used, as the firm saw them prefilled: every tested field and the benefit's. */
  private static JsonObject prefilled(PolicySpec spec, Profile profile) {
    JsonObject out = new JsonObject();
    for (Leaf leaf : spec.rule().leaves()) {
      figure(out, profile, leaf.field());
    }
    if (spec.benefit().figure() != null) {
      figure(out, profile, spec.benefit().figure());
    }
    return out;
  }

  private static void figure(JsonObject out, Profile profile, Field field) {
    profile.value(field).ifPresent(v -> out.put(field.jsonName(),
        v instanceof Collection<?> c ? new JsonArray(new ArrayList<>(c)) : v));
  }

  /** The request's identity for Idempotency-Key checks: the policy and the exact body. */
  private static String fingerprint(String id, JsonObject body) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest((id + "\n" + body.encode()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
