package cn.enterprisegrid.policyindex.index;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Pre-publish simulation of a policy over the enterprise index.
 *
 * @param eligible firms for which the rule is TRUE
 * @param unknown firms for which it is UNKNOWN
 * @param byTownship counts per township, most eligible first
 * @param bySection counts per industry section, most eligible first
 * @param bySize counts per size class, most eligible first
 * @param payout the estimated payout, or null when no benefit was given
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Simulation(long eligible, long unknown, List<Bucket> byTownship, List<Bucket> bySection,
    List<Bucket> bySize, Payout payout) {
  /** Copies the lists. */
  public Simulation {
    byTownship = List.copyOf(byTownship);
    bySection = List.copyOf(bySection);
    bySize = List.copyOf(bySize);
  }
}
