package cn.enterprisegrid.enterprise;

import cn.enterprisegrid.policyindex.profile.Derived;
import cn.enterprisegrid.policyindex.profile.Enterprise;
import cn.enterprisegrid.policyindex.profile.ProfileDeriver;
import cn.enterprisegrid.policyindex.reference.Divisions;
import cn.enterprisegrid.policyindex.reference.IndustryCodes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.util.TreeSet;

/**
 * The profile as clients read it: the canonical fields at the top level, then {@code derived}
 * (computed at read time, so time-dependent figures such as years since establishment are
 * today's), {@code provenance} per field, {@code completeness}, and the number of pending
 * corrections.
 */
public final class ProfileView {
  private final ProfileDeriver deriver;
  private final Divisions divisions;
  private final IndustryCodes industries;

  public ProfileView(ProfileDeriver deriver, Divisions divisions, IndustryCodes industries) {
    this.deriver = deriver;
    this.divisions = divisions;
    this.industries = industries;
  }

  public static ProfileView standard() {
    return new ProfileView(ProfileDeriver.standard(), Divisions.standard(), IndustryCodes.standard());
  }

  /** The read view of a stored firm at {@code today}. */
  public JsonObject render(StoredEnterprise s, LocalDate today) {
    Enterprise e = s.enterprise();
    JsonObject out = new JsonObject(e.toJson().toString());
    if (s.liaisonId() != null) {
      out.put("liaisonId", s.liaisonId());
    }
    out.put("derived", derived(e, today));
    JsonObject prov = new JsonObject();
    s.provenance().forEach((f, p) -> prov.put(f, p.toJson()));
    out.put("provenance", prov);
    out.put("completeness", Completeness.of(e, today));
    out.put("pendingCorrections", s.corrections().size());
    out.put("version", s.version()).put("createdAt", s.createdAt()).put("updatedAt", s.updatedAt());
    return out;
  }

  /** The pending corrections of a firm, one object per field. */
  public static JsonArray corrections(StoredEnterprise s) {
    JsonArray out = new JsonArray();
    s.corrections().forEach((f, c) -> out.add(c.copy().put("field", f)));
    return out;
  }

  /**
   * The derived figures. {@code sizeClass} and the other figures are absent (not null) when the
   * data to derive them is missing.
   */
  public JsonObject derived(Enterprise e, LocalDate today) {
    Derived d = deriver.derive(e, today);
    JsonObject out = new JsonObject();
    putCode(out, "county", d.countyCode(), divisions.name(d.countyCode()).orElse(null));
    putCode(out, "township", d.townshipCode(), divisions.name(d.townshipCode()).orElse(null));
    if (e.regionCode() != null && e.regionCode().length() == 12) {
      putCode(out, "village", e.regionCode(), divisions.name(e.regionCode()).orElse(null));
    }
    if (e.industryCode() != null) {
      JsonObject industry = new JsonObject();
      industries.path(e.industryCode()).ifPresent(p -> {
        for (String[] level : new String[][] {{"section", p.section()}, {"division", p.division()},
            {"group", p.group()}, {"class", p.classCode()}}) {
          industry.put(level[0], new JsonObject().put("code", level[1])
              .put("name", industries.name(level[1]).orElse(null)));
        }
      });
      out.put("industry", industry);
    }
    if (d.sizeClass() != null) {
      out.put("sizeClass", d.sizeClass().name());
    }
    if (d.statTags() != null) {
      out.put("statTags", new JsonArray(new TreeSet<>(d.statTags()).stream().toList()));
    }
    if (d.yearsSinceEstablished() != null) {
      out.put("yearsSinceEstablished", d.yearsSinceEstablished());
    }
    if (d.rdRatio() != null) {
      out.put("rdRatio", d.rdRatio());
    }
    if (d.revenueGrowth() != null) {
      out.put("revenueGrowth", d.revenueGrowth());
    }
    if (d.latest() != null) {
      out.put("latestYear", d.latest().year());
    }
    return out;
  }

  /** The time-independent derived figures kept with the record for consumers of the change stream. */
  JsonObject storedDerived(Enterprise e, LocalDate today) {
    JsonObject d = derived(e, today);
    d.remove("yearsSinceEstablished");
    return d;
  }

  private static void putCode(JsonObject out, String prefix, String code, String name) {
    if (code != null) {
      out.put(prefix + "Code", code);
      if (name != null) {
        out.put(prefix + "Name", name);
      }
    }
  }
}
