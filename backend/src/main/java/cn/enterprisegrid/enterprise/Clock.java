package cn.enterprisegrid.enterprise;

import java.time.LocalDate;
import java.time.ZoneId;

/** The date the registry reasons in: the firms' and the governments' calendar, Asia/Shanghai. */
public final class Clock {
  public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private Clock() {}

  public static LocalDate today() {
    return LocalDate.now(CHINA);
  }
}
