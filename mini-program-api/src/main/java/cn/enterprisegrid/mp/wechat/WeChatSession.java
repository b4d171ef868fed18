package cn.enterprisegrid.mp.wechat;

import java.util.Objects;

/**
 * The answer of {@code code2Session}: who logged in.
 *
 * @param openid     the user's id within this mini-program
 * @param sessionKey the session key (secret: {@link #toString()} masks it)
 * @param unionid    the user's id across the open-platform account, {@code null} unless the mini-program is bound
 *                   to one
 */
public record WeChatSession(String openid, String sessionKey, String unionid) {

  /** Requires an openid. */
  public WeChatSession {
    Objects.requireNonNull(openid, "openid");
  }

  @Override
  public String toString() {
    return "WeChatSession[openid=" + openid + ", sessionKey=***, unionid=" + unionid + "]";
  }
}
