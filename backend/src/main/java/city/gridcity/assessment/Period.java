package city.gridcity.assessment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An assessment period: local dates of the city's time zone, {@code from} inclusive, {@code to} exclusive
 * (a month is the 1st to the 1st of the next month). A moment is in the period when it falls on one of its days.
 */
public record Period(LocalDate from, LocalDate to, ZoneId zone) {

    public Period {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the period must end after it starts: [" + from + ", " + to + ")");
        }
    }

    /** Local midnights already worked out: indicators ask {@link #contains} for every case row of a run. */
    private static final Map<Midnight, Instant> MIDNIGHTS = new ConcurrentHashMap<>();

    private record Midnight(LocalDate day, ZoneId zone) {
    }

    public Instant start() {
        return midnight(from, zone);
    }

    /** The first moment after the period (the end of its last day). */
    public Instant end() {
        return midnight(to, zone);
    }

    private static Instant midnight(LocalDate day, ZoneId zone) {
        return MIDNIGHTS.computeIfAbsent(new Midnight(day, zone), m -> m.day().atStartOfDay(m.zone()).toInstant());
    }

    public boolean contains(Instant moment) {
        return moment != null && !moment.isBefore(start()) && moment.isBefore(end());
    }

    public boolean containsDay(LocalDate day) {
        return !day.isBefore(from) && day.isBefore(to);
    }

    /** The day of the city a moment falls on. */
    public LocalDate dayOf(Instant moment) {
        return moment.atZone(zone).toLocalDate();
    }

    public List<LocalDate> days() {
        return from.datesUntil(to).toList();
    }

    /** The period of the same length just before this one (the previous month for a month). */
    public Period previous() {
        if (from.getDayOfMonth() == 1 && to.equals(from.plusMonths(1))) {
            return new Period(from.minusMonths(1), from, zone);
        }
        return new Period(from.minusDays(days().size()), from, zone);
    }

    /** The same days a year earlier. */
    public Period yearEarlier() {
        return new Period(from.minusYears(1), to.minusYears(1), zone);
    }
}
