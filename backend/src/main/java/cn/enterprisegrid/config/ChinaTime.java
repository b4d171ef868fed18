package cn.enterprisegrid.config;

import java.time.LocalDate;
import java.time.ZoneId;

/** The date the registry reasons in: the firms' and the governments' calendar, Asia/Shanghai. */
public final class ChinaTime {
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private ChinaTime() {}

  public static LocalDate today() {
    return LocalDate.now(ZONE);
  }
}
