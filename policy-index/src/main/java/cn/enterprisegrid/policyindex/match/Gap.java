package cn.enterprisegrid.policyindex.match;

import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.rule.Op;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.LocalDate;
import java.util.List;

/**
 * What would have to change in one leaf for a near-miss policy to become eligible, e.g. "revenue
 * 1,200 short of 5,000", "tag 专精特新 missing", "eligible from 2027-03-01".
 *
 * @param pointer JSON pointer of the leaf in the rule
 * @param field the field
 * @param op the operator of the leaf
 * @param negated true when the leaf sits under a {@code not} and must become false
 * @param have the firm's value (null when missing)
 * @param need the rule's bound as in the rule JSON
 * @param shortBy for numeric leaves, how far the value is from the nearest value that flips the
 *     leaf (for a strict bound on a decimal field, the value must move by more than this); null
 *     otherwise
 * @param eligibleFrom for yearsSinceEstablished, the first date at which the leaf flips; else null
 * @param missing for tag leaves, the tags the firm lacks (hasAll) or may choose from (hasAny)
 * @param message a one-line English explanation
 * @param clause the policy clause cited by the leaf, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Gap(
    String pointer,
    Field field,
    Op op,
    boolean negated,
    JsonNode have,
    JsonNode need,
    Double shortBy,
    @JsonSerialize(using = ToStringSerializer.class) LocalDate eligibleFrom,
    List<String> missing,
    String message,
    String clause) {
  /** Copies the list. */
  public Gap {
    missing = missing == null ? null : List.copyOf(missing);
  }
}
