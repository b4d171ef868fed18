package cn.enterprisegrid.mp.wechat;

/**
 * A user's phone number as returned by {@code getuserphonenumber}.
 *
 * @param phoneNumber     the number as the user sees it (with the country code for numbers outside mainland China)
 * @param purePhoneNumber the number without country code
 * @param countryCode     the country code as text, e.g. {@code "86"} (WeChat sends it as a string or a number)
 */
public record PhoneNumber(String phoneNumber, String purePhoneNumber, String countryCode) {

  /** Masks the middle digits: personal data stays out of logs. */
  @Override
  public String toString() {
    return "PhoneNumber[" + mask(phoneNumber) + ", countryCode=" + countryCode + "]";
  }

  private static String mask(String s) {
    if (s == null || s.length() < 7) {
      return "***";
    }
    return s.substring(0, 3) + "****" + s.substring(s.length() - 4);
  }
}
