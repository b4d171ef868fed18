package cn.enterprisegrid.policyindex.index;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Estimated payout of a benefit over the firms a rule reaches, amounts in 10,000 CNY.
 *
 * @param total sum over ELIGIBLE firms whose amount is known
 * @param firmsPaid ELIGIBLE firms with a known amount
 * @param firmsWithoutFigure ELIGIBLE firms whose figure (e.g. revenue) is missing
 * @param unknownUpperBound extra payout if every UNKNOWN firm with a known amount turned out eligible
 * @param fundPool the pool, or null when none was given
 * @param coveredWorstCase ELIGIBLE firms paid in full before the pool runs out when the largest
 *     amounts come first (equals firmsPaid when the pool suffices or no pool is given)
 * @param coveredBestCase the same when the smallest amounts come first
 * @param shortfall how much the pool lacks to pay every ELIGIBLE firm (0 when it suffices)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Payout(
    double total,
    long firmsPaid,
    long firmsWithoutFigure,
    double unknownUpperBound,
    Double fundPool,
    long coveredWorstCase,
    long coveredBestCase,
    double shortfall) {}
