package cn.enterprisegrid.redemption;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amounts are shown in 万元 (10,000 CNY) as users read them, and counted in 分 (0.01 CNY) as
 * integers in Redis, so sums are exact: 1 万元 = 1,000,000 分.
 */
public final class Money {
  private static final int FEN_DIGITS = 6;

  private Money() {}

  /** 万元 → 分, rounded half up to the nearest 分. */
  public static long fen(double wan) {
    return BigDecimal.valueOf(wan).movePointRight(FEN_DIGITS).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  /** 万元 → 分, rounded half up to the nearest 分. */
  public static long fen(BigDecimal wan) {
    return wan.movePointRight(FEN_DIGITS).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  /** 分 → 万元 as a JSON number without a binary-fraction error. */
  public static BigDecimal wan(long fen) {
    BigDecimal d = BigDecimal.valueOf(fen).movePointLeft(FEN_DIGITS).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0) : d;
  }
}
