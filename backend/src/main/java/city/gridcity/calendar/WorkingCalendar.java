package city.gridcity.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

/**
 * A city's working time: daily working periods, weekend days, public holidays and make-up working
 * days (调休). Time limits counted "in working hours" run only inside working periods of working
 * days, in the city's time zone; daylight-saving changes are respected because every period is
 * turned into instants through the zone.
 *
 * <p>A limit in working days is that many working days' worth of working time: from a start inside
 * working hours it ends at the same working moment that many working days later.
 */
public final class WorkingCalendar {

    /** One working period of a day, e.g. 08:30 to 12:00. */
    public record Period(LocalTime start, LocalTime end) {
        public Period {
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("a working period must end after it starts: " + start + "-" + end);
            }
        }
    }

    private final ZoneId zone;
    private final List<Period> periods;
    private final Set<DayOfWeek> weekend;
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> makeUpWorkdays;

    public WorkingCalendar(ZoneId zone, List<Period> periods, Set<DayOfWeek> weekend, Set<LocalDate> holidays,
                           Set<LocalDate> makeUpWorkdays) {
        if (periods.isEmpty()) {
            throw new IllegalArgumentException("a working calendar needs at least one working period");
        }
        List<Period> sorted = periods.stream().sorted(java.util.Comparator.comparing(Period::start)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).start().isBefore(sorted.get(i - 1).end())) {
                throw new IllegalArgumentException("working periods overlap: " + sorted.get(i - 1) + " and " + sorted.get(i));
            }
        }
        this.zone = zone;
        this.periods = sorted;
        this.weekend = Set.copyOf(weekend);
        this.holidays = Set.copyOf(holidays);
        this.makeUpWorkdays = Set.copyOf(makeUpWorkdays);
    }

    public ZoneId zone() {
        return zone;
    }

    /** A make-up working day works even on a weekend; a holiday rests even on a weekday. */
    public boolean isWorkingDay(LocalDate day) {
        if (makeUpWorkdays.contains(day)) {
            return true;
        }
        return !holidays.contains(day) && !weekend.contains(day.getDayOfWeek());
    }

    /** The working time of one ordinary working day (its periods added up, on a day without a clock change). */
    public Duration workingDayLength() {
        return periods.stream().map(p -> Duration.between(p.start(), p.end())).reduce(Duration.ZERO, Duration::plus);
    }

    /** When a limit of {@code workingTime} that starts at {@code start} runs out. */
    public Instant deadline(Instant start, Duration workingTime) {
        if (workingTime.isNegative()) {
            throw new IllegalArgumentException("a time limit cannot be negative");
        }
        Duration left = workingTime;
        LocalDate day = start.atZone(zone).toLocalDate();
        // A limit is at most a few weeks; ten years of days without working time means a broken calendar.
        for (int guard = 0; guard < 3660; guard++, day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            for (Period p : periods) {
                Instant from = max(start, at(day, p.start()));
                Instant to = at(day, p.end());
                if (!to.isAfter(from)) {
                    continue;
                }
                Duration available = Duration.between(from, to);
                if (left.compareTo(available) <= 0) {
                    if (left.isZero()) {
                        return from;
                    }
                    return from.plus(left);
                }
                left = left.minus(available);
            }
        }
        throw new IllegalStateException("The calendar has no working time for ten years; check its weekend and holidays");
    }

    /** When a limit of {@code days} working days that starts at {@code start} runs out. */
    public Instant deadlineInWorkingDays(Instant start, int days) {
        return deadline(start, workingDayLength().multipliedBy(days));
    }

    /** The working time between two instants (zero when {@code to} is not after {@code from}). */
    public Duration workingTimeBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            for (Period p : periods) {
                Instant a = max(from, at(day, p.start()));
                Instant b = min(to, at(day, p.end()));
                if (b.isAfter(a)) {
                    total = total.plus(Duration.between(a, b));
                }
            }
        }
        return total;
    }

    /** A local time of a day as an instant; 23:59:59.999999999 stands for the end of the day (24:00). */
    private Instant at(LocalDate day, LocalTime time) {
        if (time.equals(LocalTime.MAX)) {
            return day.plusDays(1).atStartOfDay(zone).toInstant();
        }
        return ZonedDateTime.of(day, time, zone).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
