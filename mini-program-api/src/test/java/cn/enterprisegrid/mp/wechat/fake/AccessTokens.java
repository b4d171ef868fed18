package cn.enterprisegrid.mp.wechat.fake;

import static cn.enterprisegrid.mp.wechat.fake.WeChatReplies.random;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The fake's access tokens as WeChat issues them: the stable token (same token while more than 5 minutes remain,
 * {@code force_refresh} replaces it) and the classic one (new per call, the previous one valid 5 more minutes).
 * Not thread-safe: the server guards it with its own lock.
 */
final class AccessTokens {
  static final long RENEW_WINDOW_MS = Duration.ofMinutes(5).toMillis();

  /** A token and when it expires (fake-clock millis). */
  record Token(String value, long expiresAt) {}

  private final Map<String, Token> tokens = new HashMap<>();
  private String currentStable;
  private String currentClassic;
  private long lifetimeMs = Duration.ofSeconds(7200).toMillis();
  private int forceRefreshCalls;

  void reset() {
    invalidate();
    lifetimeMs = Duration.ofSeconds(7200).toMillis();
    forceRefreshCalls = 0;
  }

  /** The stable token at {@code now}: the current one, or a new one when forced or about to expire. */
  Token stable(long now, boolean force) {
    Token current = currentStable == null ? null : tokens.get(currentStable);
    if (force) {
      forceRefreshCalls++;
      if (currentStable != null) {
        tokens.remove(currentStable);
      }
      current = null;
    }
    if (current == null || current.expiresAt() - now <= RENEW_WINDOW_MS) {
      current = new Token("stable-" + random(24), now + lifetimeMs);
      tokens.put(current.value(), current);
      currentStable = current.value();
    }
    return current;
  }

  /** A new classic token; the previous one stays valid at most 5 more minutes. */
  Token classic(long now) {
    if (currentClassic != null && tokens.get(currentClassic) != null) {
      Token previous = tokens.get(currentClassic);
      tokens.put(previous.value(), new Token(previous.value(), Math.min(previous.expiresAt(), now + RENEW_WINDOW_MS)));
    }
    Token token = new Token("classic-" + random(24), now + lifetimeMs);
    tokens.put(token.value(), token);
    currentClassic = token.value();
    return token;
  }

  /** 0 when {@code given} is a valid token at {@code now}, else WeChat's errcode (41001, 40001, 42001). */
  int check(String given, long now) {
    if (given == null || given.isEmpty()) {
      return 41001;
    }
    Token token = tokens.get(given);
    if (token == null) {
      return 40001;
    }
    return token.expiresAt() <= now ? 42001 : 0;
  }

  void expireAll(long now) {
    tokens.replaceAll((k, t) -> new Token(t.value(), Math.min(t.expiresAt(), now)));
  }

  void invalidate() {
    tokens.clear();
    currentStable = null;
    currentClassic = null;
  }

  void lifetime(Duration lifetime) {
    lifetimeMs = lifetime.toMillis();
  }

  long lifetimeMs() {
    return lifetimeMs;
  }

  int forceRefreshCalls() {
    return forceRefreshCalls;
  }

  Set<String> valid(long now) {
    Set<String> valid = new HashSet<>();
    tokens.values().stream().filter(t -> t.expiresAt() > now).forEach(t -> valid.add(t.value()));
    return valid;
  }
}
