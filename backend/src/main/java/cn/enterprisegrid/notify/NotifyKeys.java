package cn.enterprisegrid.notify;

/** Redis keys of the notification package (docs/notifications.md lists them all). */
final class NotifyKeys {
  static final String OUTBOX = "notify:outbox";
  static final String GROUP = "senders";
  static final String DEAD = "notify:dead";
  static final String RETRY = "notify:retry";
  static final String DUE = "notify:due";
  static final String STATS = "notify:stats";
  static final String FUNNEL_POLICIES = "notify:f:policies";
  /** The consumer group of the notification fan-out on {@code changes}. */
  static final String CHANGES_GROUP = "notify";

  private NotifyKeys() {}

  /** Inbox items: hash notification id to JSON. {@code to} is {@code firm:USCC} or {@code liaison:ID}. */
  static String items(String to) {
    return "notify:item:{" + to + "}";
  }

  /** Inbox order: sorted set of notification ids by creation time. */
  static String inbox(String to) {
    return "notify:inbox:{" + to + "}";
  }

  static String read(String to) {
    return "notify:read:{" + to + "}";
  }

  static String claim(String entryId) {
    return "notify:claim:" + entryId;
  }

  static String prefs(String openid) {
    return "notify:prefs:{w:" + openid + "}";
  }

  static String consent(String openid) {
    return "notify:consent:{w:" + openid + "}";
  }

  static String funnel(String policyId, String stage) {
    return "notify:f:{p:" + policyId + "}:" + stage;
  }

  static String dedupe(String policyId, String version, String kind) {
    return "notify:dedupe:{p:" + policyId + "}:" + version + ":" + kind;
  }

  static String liaisonCount(String policyId, String version, String kind) {
    return "notify:lcount:{p:" + policyId + "}:" + version + ":" + kind;
  }
}
