package vn.kyso.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class WorkingDayCalendarTest {
  private final WorkingDayCalendar vn = WorkingDayCalendar.vietnam();

  @Test
  void weekendsAndFixedHolidays_areNotWorkingDays() {
    assertThat(vn.isWorkingDay(LocalDate.of(2026, 6, 13))).isFalse();
    assertThat(vn.isWorkingDay(LocalDate.of(2026, 4, 30))).isFalse();
    assertThat(vn.isWorkingDay(LocalDate.of(2026, 5, 1))).isFalse();
    assertThat(vn.isWorkingDay(LocalDate.of(2026, 9, 2))).isFalse();
    assertThat(vn.isWorkingDay(LocalDate.of(2026, 6, 15))).isTrue();
  }

  @Test
  void holidayOnAWeekend_givesTheNextWorkingDaysOff() {
    // 30/4/2022 Saturday and 1/5/2022 Sunday: Monday 2 and Tuesday 3 May were off, Wednesday 4
    // worked.
    assertThat(vn.isWorkingDay(LocalDate.of(2022, 5, 2))).isFalse();
    assertThat(vn.isWorkingDay(LocalDate.of(2022, 5, 3))).isFalse();
    assertThat(vn.isWorkingDay(LocalDate.of(2022, 5, 4))).isTrue();
    // 1/1/2028 is a Saturday: Monday 3 January is off.
    assertThat(vn.isWorkingDay(LocalDate.of(2028, 1, 3))).isFalse();
    assertThat(vn.isWorkingDay(LocalDate.of(2028, 1, 4))).isTrue();
    assertThat(
            WorkingDayCalendar.builder()
                .compensatoryDays(false)
                .build()
                .isWorkingDay(LocalDate.of(2028, 1, 3)))
        .isTrue();
  }

  @Test
  void lunarHolidays_areConfigured() {
    WorkingDayCalendar tet =
        WorkingDayCalendar.builder()
            .holiday(LocalDate.of(2026, 2, 16))
            .holiday(LocalDate.of(2026, 2, 17))
            .build();
    assertThat(tet.isWorkingDay(LocalDate.of(2026, 2, 16))).isFalse();
    // Friday 13 Feb + 2 working days skips the weekend and the two holidays: Wednesday 18 Feb.
    assertThat(tet.addWorkingDays(LocalDate.of(2026, 2, 13), 2))
        .isEqualTo(LocalDate.of(2026, 2, 19));
    assertThat(tet.workingDaysBetween(LocalDate.of(2026, 2, 13), LocalDate.of(2026, 2, 19)))
        .isEqualTo(2);
  }

  @Test
  void deadlines_countWorkingDaysAfterTheEvent() {
    assertThat(vn.addWorkingDays(LocalDate.of(2026, 4, 29), 1)).isEqualTo(LocalDate.of(2026, 5, 4));
    assertThat(vn.addWorkingDays(LocalDate.of(2026, 6, 15), 0))
        .isEqualTo(LocalDate.of(2026, 6, 15));
    assertThatThrownBy(() -> vn.addWorkingDays(LocalDate.of(2026, 6, 15), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
