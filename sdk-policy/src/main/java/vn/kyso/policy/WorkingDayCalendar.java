package vn.kyso.policy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The Vietnamese working-day calendar (ngày làm việc) used for deadlines: weekends, public
 * holidays, and the compensatory day when a fixed-date holiday falls on a weekend. Immutable and
 * thread-safe.
 *
 * <p>{@link #vietnam()} knows the fixed-date holidays of Bộ luật Lao động 2019 Art 112(1): 1
 * January, 30 April, 1 May and 2 September. The lunar holidays (Tết, the Hùng Kings' commemoration)
 * and the day next to 2 September move every year and are announced by the government; add them
 * with {@link Builder#holiday(LocalDate)}.
 *
 * @since 0.1
 */
public final class WorkingDayCalendar {
  private static final int MAX_DAYS = 3660;

  private final Set<DayOfWeek> weekend;
  private final Set<MonthDay> fixedHolidays;
  private final Set<LocalDate> holidays;
  private final boolean compensate;

  private WorkingDayCalendar(Builder b) {
    this.weekend = Set.copyOf(b.weekend);
    this.fixedHolidays = Set.copyOf(b.fixedHolidays);
    this.holidays = Set.copyOf(b.holidays);
    this.compensate = b.compensate;
  }

  /**
   * Returns the calendar with Saturday and Sunday off, the fixed-date public holidays and
   * compensatory days.
   *
   * @return the calendar
   */
  public static WorkingDayCalendar vietnam() {
    return builder().build();
  }

  /**
   * @return a builder starting from {@link #vietnam()}'s rules
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Tells whether a day is a working day.
   *
   * @param day the day
   * @return whether people work on it
   */
  public boolean isWorkingDay(LocalDate day) {
    Objects.requireNonNull(day, "day");
    if (weekend.contains(day.getDayOfWeek()) || holidays.contains(day) || isFixedHoliday(day)) {
      return false;
    }
    return !compensate || !compensationDays(day).contains(day);
  }

  /**
   * The compensatory days owed for fixed-date holidays on weekends in the two weeks up to a day (Bộ
   * luật Lao động 2019 Art 112(3)): each goes to the first following weekday that is not a holiday
   * or already given.
   */
  private Set<LocalDate> compensationDays(LocalDate day) {
    Set<LocalDate> given = new HashSet<>();
    for (LocalDate d = day.minusDays(14); !d.isAfter(day); d = d.plusDays(1)) {
      if (isFixedHoliday(d) && weekend.contains(d.getDayOfWeek())) {
        LocalDate c = d.plusDays(1);
        while (weekend.contains(c.getDayOfWeek())
            || holidays.contains(c)
            || isFixedHoliday(c)
            || given.contains(c)) {
          c = c.plusDays(1);
        }
        given.add(c);
      }
    }
    return given;
  }

  private boolean isFixedHoliday(LocalDate day) {
    return fixedHolidays.contains(MonthDay.from(day));
  }

  /**
   * Returns the day that is {@code n} working days after {@code start} (a deadline "within n
   * working days" of an event on {@code start}).
   *
   * @param start the day of the event
   * @param n the number of working days, 0 to 3660
   * @return the deadline
   * @throws IllegalArgumentException when n is out of range
   */
  public LocalDate addWorkingDays(LocalDate start, int n) {
    Objects.requireNonNull(start, "start");
    if (n < 0 || n > MAX_DAYS) {
      throw new IllegalArgumentException("n must be 0.." + MAX_DAYS);
    }
    LocalDate d = start;
    int left = n;
    while (left > 0) {
      d = d.plusDays(1);
      if (isWorkingDay(d)) {
        left--;
      }
    }
    return d;
  }

  /**
   * Counts the working days after {@code from} up to and including {@code to}.
   *
   * @param from the first day (not counted)
   * @param to the last day (counted)
   * @return the count, 0 when {@code to} is not after {@code from}
   */
  public int workingDaysBetween(LocalDate from, LocalDate to) {
    int count = 0;
    for (LocalDate d = from.plusDays(1);
        !d.isAfter(to) && count <= MAX_DAYS * 2;
        d = d.plusDays(1)) {
      if (isWorkingDay(d)) {
        count++;
      }
    }
    return count;
  }

  /** Builds a {@link WorkingDayCalendar}. Not thread-safe. */
  public static final class Builder {
    private final Set<DayOfWeek> weekend = EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
    private final Set<MonthDay> fixedHolidays =
        new HashSet<>(
            Set.of(MonthDay.of(1, 1), MonthDay.of(4, 30), MonthDay.of(5, 1), MonthDay.of(9, 2)));
    private final Set<LocalDate> holidays = new HashSet<>();
    private boolean compensate = true;

    private Builder() {}

    /**
     * Adds a public holiday on a given date (Tết, the Hùng Kings' day, the day next to 2
     * September).
     *
     * @param day the day
     * @return this builder
     */
    public Builder holiday(LocalDate day) {
      holidays.add(Objects.requireNonNull(day, "day"));
      return this;
    }

    /**
     * Adds several public holidays.
     *
     * @param days the days
     * @return this builder
     */
    public Builder holidays(Collection<LocalDate> days) {
      days.forEach(this::holiday);
      return this;
    }

    /**
     * Sets the weekly days off.
     *
     * @param days the days
     * @return this builder
     */
    public Builder weekend(Set<DayOfWeek> days) {
      weekend.clear();
      weekend.addAll(days);
      return this;
    }

    /**
     * Turns compensatory days for fixed holidays on weekends on or off (default on).
     *
     * @param value whether to compensate
     * @return this builder
     */
    public Builder compensatoryDays(boolean value) {
      this.compensate = value;
      return this;
    }

    /**
     * @return the calendar
     */
    public WorkingDayCalendar build() {
      if (weekend.size() >= 7) {
        throw new IllegalStateException("a week needs a working day");
      }
      return new WorkingDayCalendar(this);
    }
  }
}
