package city.gridcity.cases;

import city.gridcity.calendar.WorkingCalendar;
import city.gridcity.catalog.FilingCondition;
import java.time.Duration;
import java.time.Instant;

/**
 * The time limit of each phase, counted on the city's working calendar, or in natural time for an
 * emergency (应急) case. Pure: the calendar and settings come in, so tests pass any holiday set.
 *
 * @param calendar the city's working calendar
 * @param settings the city's phase limits
 */
public record Deadlines(WorkingCalendar calendar, WorkflowSettings settings) {

    /** When a phase starting at {@code start} must end, and when its reminder is due. */
    public record Limit(Instant deadline, Instant reminderAt, boolean naturalTime) {
    }

    public Limit of(CaseState.Phase phase, CityCase c, Instant start) {
        boolean natural = c.problemType == CityCase.ProblemType.EMERGENCY;
        return switch (phase) {
            case FILING -> working(start, Duration.ofMinutes(settings.filingMinutes), natural);
            case DISPATCH -> working(start, Duration.ofMinutes(settings.dispatchMinutes), natural);
            case VERIFICATION -> working(start, Duration.ofHours(settings.verificationHours), natural);
            case DISPOSAL -> disposal(c, start, natural);
        };
    }

    /**
     * The disposal limit fixed by the filing condition: working hours or days, or natural hours. An
     * emergency counts every limit in natural time (a working day as 24 hours).
     */
    private Limit disposal(CityCase c, Instant start, boolean natural) {
        int amount = c.limitAmount == null ? 1 : c.limitAmount;
        FilingCondition.Unit unit = c.limitUnit == null ? FilingCondition.Unit.WORKING_DAYS : c.limitUnit;
        if (natural || unit == FilingCondition.Unit.NATURAL_HOURS) {
            long hours = unit == FilingCondition.Unit.WORKING_DAYS ? amount * 24L : amount;
            return natural(start, Duration.ofHours(hours));
        }
        Duration length = unit == FilingCondition.Unit.WORKING_DAYS
                ? calendar.workingDayLength().multipliedBy(amount) : Duration.ofHours(amount);
        return working(start, length, false);
    }

    /** When a local loop (二级闭环) starting at {@code start} must have closed: the city's local hours of working time. */
    public Instant localLoop(Instant start) {
        return calendar.deadline(start, Duration.ofHours(settings.localLoopHours));
    }

    /** A limit of {@code length} more working (or natural) time from {@code start}: extensions and resumptions. */
    public Limit extend(Instant start, Duration length, boolean natural) {
        return natural ? natural(start, length) : working(start, length, false);
    }

    /** What is left of a running limit at {@code at}, counted the way the phase counts. */
    public Duration remaining(Instant at, Instant deadline, boolean natural) {
        if (!deadline.isAfter(at)) {
            return Duration.ZERO;
        }
        return natural ? Duration.between(at, deadline) : calendar.workingTimeBetween(at, deadline);
    }

    private Limit working(Instant start, Duration length, boolean natural) {
        if (natural) {
            return natural(start, length);
        }
        Instant deadline = calendar.deadline(start, length);
        Instant reminder = calendar.deadline(start, share(length));
        return new Limit(deadline, reminder, false);
    }

    private Limit natural(Instant start, Duration length) {
        return new Limit(start.plus(length), start.plus(share(length)), true);
    }

    private Duration share(Duration length) {
        return Duration.ofSeconds(length.toSeconds() * settings.reminderSharePercent / 100);
    }
}
