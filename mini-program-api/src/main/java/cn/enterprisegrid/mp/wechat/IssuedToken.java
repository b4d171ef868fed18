package cn.enterprisegrid.mp.wechat;

/**
 * An access token as WeChat issued it.
 *
 * @param value            the token
 * @param expiresInSeconds its remaining lifetime according to WeChat
 */
record IssuedToken(String value, long expiresInSeconds) {

  @Override
  public String toString() {
    return "IssuedToken[***, expiresIn=" + expiresInSeconds + "s]";
  }
}
