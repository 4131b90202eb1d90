package city.gridcity.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Worked examples a person can check by hand against a 2026 wall calendar. */
class WorkingCalendarTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** 08:30-12:00 and 13:30-17:30 (7.5 h a day), Saturday and Sunday off, the National Day week of 2026. */
    static final WorkingCalendar CITY = new WorkingCalendar(SHANGHAI,
            List.of(new WorkingCalendar.Period(LocalTime.of(8, 30), LocalTime.of(12, 0)),
                    new WorkingCalendar.Period(LocalTime.of(13, 30), LocalTime.of(17, 30))),
            Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
            Stream.iterate(LocalDate.of(2026, 10, 1), d -> d.plusDays(1)).limit(7).collect(Collectors.toSet()),
            Set.of(LocalDate.of(2026, 9, 20), LocalDate.of(2026, 10, 10)));

    @Test
    void a_limit_started_before_the_national_day_holiday_resumes_after_it() {
        // Wed 30 Sep 16:30, 4 working hours: 1 h that day, then 1-7 Oct are holidays, 3 h on Thu 8 Oct
        assertEquals(shanghai("2026-10-08T11:30"), CITY.deadline(shanghai("2026-09-30T16:30"), Duration.ofHours(4)));
        assertEquals(Duration.ofHours(4), CITY.workingTimeBetween(shanghai("2026-09-30T16:30"), shanghai("2026-10-08T11:30")));
    }

    @Test
    void a_make_up_saturday_counts_as_a_working_day() {
        // Fri 9 Oct 15:30, 8 working hours: 2 h on Friday, 3.5 h + 2.5 h on the make-up Saturday 10 Oct
        assertTrue(CITY.isWorkingDay(LocalDate.of(2026, 10, 10)));
        assertEquals(shanghai("2026-10-10T16:00"), CITY.deadline(shanghai("2026-10-09T15:30"), Duration.ofHours(8)));
    }

    @Test
    void a_limit_in_working_days_started_on_a_weekend_runs_on_the_make_up_sunday() {
        // Sat 19 Sep is a weekend day; Sun 20 Sep is a make-up working day: one working day ends at its 17:30
        assertFalse(CITY.isWorkingDay(LocalDate.of(2026, 9, 19)));
        assertEquals(shanghai("2026-09-20T17:30"), CITY.deadlineInWorkingDays(shanghai("2026-09-19T10:00"), 1));
    }

    @Test
    void nights_and_lunch_breaks_do_not_count() {
        // Mon 23 Nov 17:00, 2 h: 0.5 h that evening, 1.5 h from 08:30 on Tuesday
        assertEquals(shanghai("2026-11-24T10:00"), CITY.deadline(shanghai("2026-11-23T17:00"), Duration.ofHours(2)));
        // 11:00 + 2 h: 1 h before lunch, 1 h after it
        assertEquals(shanghai("2026-11-24T14:30"), CITY.deadline(shanghai("2026-11-24T11:00"), Duration.ofHours(2)));
        assertEquals(Duration.ofMinutes(90), CITY.workingTimeBetween(shanghai("2026-11-24T11:00"), shanghai("2026-11-24T14:00")));
    }

    @Test
    void a_weekend_is_skipped() {
        // Fri 27 Nov 17:00, 1 h: 0.5 h on Friday, 0.5 h on Monday 30 Nov
        assertEquals(shanghai("2026-11-30T09:00"), CITY.deadline(shanghai("2026-11-27T17:00"), Duration.ofHours(1)));
        assertEquals(Duration.ZERO, CITY.workingTimeBetween(shanghai("2026-11-28T09:00"), shanghai("2026-11-29T18:00")));
    }

    @Test
    void two_working_days_are_two_days_of_working_time() {
        // Thu 26 Nov 10:00 + 2 working days = Mon 30 Nov 10:00 (Friday, then the weekend, then Monday)
        assertEquals(shanghai("2026-11-30T10:00"), CITY.deadlineInWorkingDays(shanghai("2026-11-26T10:00"), 2));
    }

    @Test
    void a_day_that_loses_an_hour_to_daylight_saving_has_an_hour_less_of_working_time() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        WorkingCalendar allDay = new WorkingCalendar(berlin, List.of(new WorkingCalendar.Period(LocalTime.MIDNIGHT,
                LocalTime.MAX)), Set.of(), Set.of(), Set.of());
        Instant start = at(berlin, "2026-03-29T00:00");
        assertEquals(Duration.ofHours(23), allDay.workingTimeBetween(start, at(berlin, "2026-03-30T00:00")));
        // Sat 20:00 + 10 h: 4 h to midnight, then 6 real hours on Sunday, when 02:00-03:00 does not exist
        assertEquals(at(berlin, "2026-03-29T07:00"), allDay.deadline(at(berlin, "2026-03-28T20:00"), Duration.ofHours(10)));
    }

    @Test
    void office_hours_across_the_end_of_daylight_saving_keep_local_times() {
        ZoneId newYork = ZoneId.of("America/New_York");
        WorkingCalendar office = new WorkingCalendar(newYork, List.of(new WorkingCalendar.Period(LocalTime.of(9, 0),
                LocalTime.of(17, 0))), Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), Set.of(), Set.of());
        // Fri 30 Oct 16:00 EDT + 2 h: 1 h on Friday, then Monday 2 Nov 09:00-10:00 EST (clocks went back on Sunday)
        assertEquals(at(newYork, "2026-11-02T10:00"), office.deadline(at(newYork, "2026-10-30T16:00"), Duration.ofHours(2)));
    }

    @Test
    void overlapping_periods_and_a_negative_limit_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> new WorkingCalendar(SHANGHAI, List.of(
                new WorkingCalendar.Period(LocalTime.of(8, 0), LocalTime.of(12, 0)),
                new WorkingCalendar.Period(LocalTime.of(11, 0), LocalTime.of(14, 0))), Set.of(), Set.of(), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> CITY.deadline(Instant.now(), Duration.ofHours(-1)));
    }

    static Instant shanghai(String local) {
        return at(SHANGHAI, local);
    }

    static Instant at(ZoneId zone, String local) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }
}
