package cn.enterprisegrid.policyindex.index;

/**
 * One value of a facet.
 *
 * @param value the value
 * @param count matching policies
 */
public record FacetValue(String value, long count) {}
