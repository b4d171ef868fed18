package cn.enterprisegrid.changes;

/**
 * One entry of the {@code changes} stream, as written by {@code change(kind, id, payload)} in the
 * mutation scripts.
 *
 * @param streamId the entry id, which orders all changes
 * @param kind what changed, e.g. {@code enterprise}
 * @param id the id of what changed, e.g. a USCC
 * @param payload optional details
 */
public record Change(String streamId, String kind, String id, String payload) {}
