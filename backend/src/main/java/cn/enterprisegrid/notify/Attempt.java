package cn.enterprisegrid.notify;

/** What one channel made of a push. */
sealed interface Attempt {
  /** Accepted by the channel. */
  record Delivered(String channel) implements Attempt {}

  /** This channel cannot deliver to this user (no consent, no device): the next channel takes over. */
  record Skipped(String reason) implements Attempt {}

  /** May succeed later: the push is retried with backoff. */
  record Retry(String reason) implements Attempt {}

  /** Will never succeed as it is (e.g. 47003): the push goes to the dead-letter stream with the reason. */
  record Dead(String reason) implements Attempt {}
}
