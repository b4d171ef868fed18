package cn.enterprisegrid.policyindex.match;

import cn.enterprisegrid.policyindex.profile.Field;
import cn.enterprisegrid.policyindex.rule.Op;
import cn.enterprisegrid.policyindex.rule.Truth;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * How one leaf of a rule evaluated for one firm.
 *
 * @param pointer JSON pointer of the leaf in the rule, e.g. {@code /all/2}
 * @param field the field tested
 * @param op the operator
 * @param truth TRUE, FALSE or UNKNOWN (field missing)
 * @param have the firm's value (null when missing)
 * @param need the rule's bound, as in the rule JSON (null for exists)
 * @param clause the policy clause cited by the leaf, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeafExplanation(String pointer, Field field, Op op, Truth truth, JsonNode have, JsonNode need, String clause) {}
