package cn.enterprisegrid.policyindex.index;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Firms of one township, industry section or size class.
 *
 * @param key the code (township code, section letter, size class name)
 * @param label its Chinese name when known, else null
 * @param eligible firms for which the rule is TRUE
 * @param unknown firms for which it is UNKNOWN
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Bucket(String key, String label, long eligible, long unknown) {}
