package cn.enterprisegrid.policyindex.match;

import java.time.LocalDate;
import java.util.List;

/**
 * The part of a {@link Gap} that depends only on the condition (field, op, operands), whether it
 * must flip to FALSE, and the firm: built once per firm and condition, shared by every rule that
 * repeats the condition.
 */
record GapText(Double shortBy, LocalDate eligibleFrom, List<String> missing, String message) {
  GapText {
    missing = missing == null ? null : List.copyOf(missing);
  }
}
