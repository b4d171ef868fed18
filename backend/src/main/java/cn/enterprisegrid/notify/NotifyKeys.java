package cn.enterprisegrid.notify;

/** Redis keys of the notification package (docs/notifications.md lists them all). */
public final class NotifyKeys {
  public static final String OUTBOX = "notify:outbox";
  public static final String GROUP = "senders";
  public static final String DEAD = "notify:dead";
  public static final String RETRY = "notify:retry";
  public static final String DUE = "notify:due";
  public static final String STATS = "notify:stats";
  public static final String FUNNEL_POLICIES = "notify:f:policies";
  /** The consumer group of the notification fan-out on {@code changes}. */
  public static final String CHANGES_GROUP = "notify";

  private NotifyKeys() {}

  /** Inbox items: hash notification id to JSON. {@code to} is {@code firm:USCC} or {@code liaison:ID}. */
  public static String items(String to) {
    return "notify:item:{" + to + "}";
  }

  /** Inbox order: sorted set of notification ids by creation time. */
  public static String inbox(String to) {
    return "notify:inbox:{" + to + "}";
  }

  public static String read(String to) {
    return "notify:read:{" + to + "}";
  }

  /** Buffered notices of a recipient awaiting its next push. */
  public static String buffer(String to) {
    return "notify:buf:{" + to + "}";
  }

  public static String claim(String entryId) {
    return "notify:claim:" + entryId;
  }

  public static String prefs(String openid) {
    return "notify:prefs:{w:" + openid + "}";
  }

  public static String consent(String openid) {
    return "notify:consent:{w:" + openid + "}";
  }

  public static String funnel(String policyId, String stage) {
    return "notify:f:{p:" + policyId + "}:" + stage;
  }

  public static String dedupe(String policyId, String version, String kind) {
    return "notify:dedupe:{p:" + policyId + "}:" + version + ":" + kind;
  }

  public static String liaisonCount(String policyId, String version, String kind) {
    return "notify:lcount:{p:" + policyId + "}:" + version + ":" + kind;
  }

  /**
   * Recipients enqueued for one event of problem {@code id} ({@code tag}: the case version of a step, or the
   * warning's / breach's deadline kind and date); same {@code {c:ID}} tag as the case.
   */
  public static String problemDedupe(String id, String tag) {
    return "notify:dedupe:{c:" + id + "}:" + tag;
  }

  /** The WeChat users bound to a non-firm recipient ({@code liaison:ID}), beside its inbox (same tag). */
  public static String wechatUsers(String to) {
    return "notify:wx:{" + to + "}";
  }
}
