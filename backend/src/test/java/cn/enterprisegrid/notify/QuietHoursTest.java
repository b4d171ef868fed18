package cn.enterprisegrid.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

class QuietHoursTest {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  final QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0), SHANGHAI);

  static Instant at(String local) {
    return java.time.LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
  }

  @Test
  void daytimeGoesOutAtOnce() {
    assertThat(night.deferUntil(at("2026-12-01T08:00"))).isEqualTo(at("2026-12-01T08:00"));
    assertThat(night.deferUntil(at("2026-12-01T21:59:59"))).isEqualTo(at("2026-12-01T21:59:59"));
  }

  @Test
  void eveningWaitsForTheNextMorningAndEarlyMorningForThisOne() {
    assertThat(night.deferUntil(at("2026-12-01T22:00"))).isEqualTo(at("2026-12-02T08:00"));
    assertThat(night.deferUntil(at("2026-12-31T23:30"))).isEqualTo(at("2027-01-01T08:00"));
    assertThat(night.deferUntil(at("2026-12-02T03:15"))).isEqualTo(at("2026-12-02T08:00"));
  }

  @Test
  void aWindowWithinOneDayAndNoWindow() {
    QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 30), SHANGHAI);
    assertThat(lunch.deferUntil(at("2026-12-01T12:10"))).isEqualTo(at("2026-12-01T13:30"));
    assertThat(lunch.deferUntil(at("2026-12-01T13:30"))).isEqualTo(at("2026-12-01T13:30"));
    assertThat(new QuietHours(null, null, SHANGHAI).deferUntil(at("2026-12-01T23:00")))
        .isEqualTo(at("2026-12-01T23:00"));
  }

  @Test
  void theLocalTimeIsShanghaiWhateverTheServerZone() {
    // 14:30 UTC is 22:30 in Shanghai
    assertThat(night.deferUntil(Instant.parse("2026-12-01T14:30:00Z"))).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
  }
}
