package cn.enterprisegrid.calendar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkingCalendarTest {
  private final WorkingCalendar calendar = WorkingCalendar.of(Schedules.bundled());

  /** The worked examples of shared/data/calendar/README.md, and the 2026 Spring Festival and National Day. */
  @ParameterizedTest(name = "{1} working days after {0} is {2}")
  @CsvSource({
      "2026-09-30, 3, 2026-10-10",   // 1-7 October off, Sat 10 October worked
      "2025-12-31, 1, 2026-01-04",   // 1-3 January off, Sun 4 January worked (crosses the year)
      "2026-02-13, 2, 2026-02-24",   // Sat 14 February worked, 15-23 off
      "2026-02-13, 1, 2026-02-14",
      "2026-02-14, 1, 2026-02-24",
      "2026-02-24, 4, 2026-02-28",   // Sat 28 February is a make-up working day
      "2026-09-18, 1, 2026-09-20",   // Sun 20 September worked (National Day)
      "2026-09-24, 1, 2026-09-28",   // 25-27 September off (Mid-Autumn)
      "2026-09-29, 7, 2026-10-14",   // 30 Sep, [1-7 off], 8, 9, 10 (Sat, worked), 12, 13, 14
      "2026-03-02, 5, 2026-03-09",   // an ordinary week: the weekend is rest
      "2026-03-06, 0, 2026-03-06",
  })
  void countsWorkingDaysOfTheStateCouncilSchedule(LocalDate from, int n, LocalDate due) {
    assertThat(calendar.addWorkingDays(from, n)).isEqualTo(due);
    if (n > 0) {
      assertThat(calendar.isWorkingDay(due)).isTrue();
      assertThat(calendar.workingDaysBetween(from, due)).isEqualTo(n);
    }
  }

  @Test
  void knowsHolidaysAndMakeUpDays() {
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-02-17"))).as("春节, a Tuesday").isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-02-14"))).as("调休上班, a Saturday").isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-03-07"))).as("an ordinary Saturday").isFalse();
    assertThat(calendar.isWorkingDay(LocalDate.parse("2026-03-09"))).as("an ordinary Monday").isTrue();
  }

  @Test
  void refusesAYearItDoesNotHold() {
    assertThatThrownBy(() -> calendar.addWorkingDays(LocalDate.parse("2026-12-30"), 3))
        .isInstanceOf(MissingYear.class).extracting(e -> ((MissingYear) e).year()).isEqualTo(2027);
    assertThatThrownBy(() -> calendar.isWorkingDay(LocalDate.parse("2024-05-01")))
        .isInstanceOf(MissingYear.class).hasMessageContaining("2024");
    WorkingCalendar with2027 = calendar.with(Schedules.parse(2027, "date,kind,name\n2027-01-01,HOLIDAY,元旦\n"));
    assertThat(with2027.addWorkingDays(LocalDate.parse("2026-12-30"), 3)).isEqualTo(LocalDate.parse("2027-01-05"));
    assertThat(calendar.covers(2027)).as("the original is unchanged").isFalse();
  }

  @Test
  void aDeadlineEndsAtTheEndOfItsDayInShanghai() {
    assertThat(WorkingCalendar.endOf(LocalDate.parse("2026-10-10")))
        .isEqualTo(Instant.parse("2026-10-10T16:00:00Z"));
  }

  @Test
  void refusesNegativeOrAbsurdCounts() {
    assertThatThrownBy(() -> calendar.addWorkingDays(LocalDate.parse("2026-03-02"), -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workingDays");
    assertThatThrownBy(() -> calendar.addWorkingDays(LocalDate.parse("2026-03-02"), 100_000))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workingDays");
  }

  @Test
  void badRowsAreNamed() {
    assertThatThrownBy(() -> Schedules.parse(2027, "date,kind,name\n2027-01-01,HOLIDAY,元旦\n2027-01-04,WORKDAY,元旦\n"))
        .isInstanceOf(Schedules.BadRow.class).hasMessageContaining("row 2").hasMessageContaining("weekday");
    assertThatThrownBy(() -> Schedules.parse(2027, "date,kind,name\n2026-01-01,HOLIDAY,元旦\n"))
        .isInstanceOf(Schedules.BadRow.class).hasMessageContaining("row 1").hasMessageContaining("not in 2027");
    assertThatThrownBy(() -> Schedules.parse(2027, "date,kind,name\n2027-01-01,OFF,元旦\n"))
        .isInstanceOf(Schedules.BadRow.class).hasMessageContaining("HOLIDAY or WORKDAY");
    assertThatThrownBy(() -> Schedules.parse(2027, "date,kind,name\n2027-13-01,HOLIDAY,元旦\n"))
        .isInstanceOf(Schedules.BadRow.class).hasMessageContaining("YYYY-MM-DD");
    assertThatThrownBy(() -> Schedules.parse(2027, "date,kind,name\n2027-01-01,HOLIDAY,元旦\n2027-01-01,HOLIDAY,元旦\n"))
        .isInstanceOf(Schedules.BadRow.class).hasMessageContaining("twice");
    assertThatThrownBy(() -> Schedules.parse(2027, "day,kind\n2027-01-01,HOLIDAY\n"))
        .isInstanceOf(Schedules.BadRow.class).hasMessageContaining("header");
  }

  @Test
  void theBundledFilesAreTheSharedReferenceData() {
    assertThat(calendar.years()).containsExactly(2025, 2026);
    YearSchedule y2026 = Schedules.bundled().get(1);
    assertThat(y2026.days()).hasSize(39);
    assertThat(y2026.days().get(LocalDate.parse("2026-10-10")).kind()).isEqualTo(YearSchedule.Kind.WORKDAY);
  }
}
