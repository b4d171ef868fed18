package cn.enterprisegrid.policyindex.index;

/**
 * How many firms a rule reaches.
 *
 * @param eligible firms for which the rule is TRUE
 * @param unknown firms for which it is UNKNOWN (data missing)
 */
public record Counts(long eligible, long unknown) {}
