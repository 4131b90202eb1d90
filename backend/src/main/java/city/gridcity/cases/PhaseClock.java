package city.gridcity.cases;

import city.gridcity.calendar.CalendarService;
import city.gridcity.catalog.FilingCondition;
import city.gridcity.shared.db.BulkInserts;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The clocks of the time-limited phases (filing, dispatch, disposal, verification) of the current
 * city: each run of a phase is a {@link CasePhase} row with its start, deadline on the working
 * calendar (natural time for emergencies), pauses, extensions and whether it ended on time; the case
 * carries the running phase's deadline and reminder for the queues and the deadline job.
 */
@ApplicationScoped
public class PhaseClock {

    private final CalendarService calendars;
    private final WorkflowConfigService config;
    private final BulkInserts inserts;

    PhaseClock(CalendarService calendars, WorkflowConfigService config, BulkInserts inserts) {
        this.calendars = calendars;
        this.config = config;
        this.inserts = inserts;
    }

    /** The limits of the current city: its calendar and phase settings. */
    public Deadlines deadlines() {
        return new Deadlines(calendars.current(), config.settings());
    }

    /**
     * Sets the filing clock of a new report on the case before it is first written, so a new case is
     * inserted once, not inserted and then updated; {@link #recordFirst} writes the phase row after it.
     */
    Deadlines.Limit startFiling(CityCase c, Instant now) {
        Deadlines.Limit filing = deadlines().of(CaseState.Phase.FILING, c, now);
        c.phase = CaseState.Phase.FILING;
        c.phaseDeadline = filing.deadline();
        c.reminderAt = filing.reminderAt();
        return filing;
    }

    CasePhase recordFirst(CityCase c, Deadlines.Limit filing, Instant now) {
        return row(c, CaseState.Phase.FILING, 1, now, filing);
    }

    /**
     * The phase rows of one case as a writer holds them: an action reads them from the database; a history import,
     * which writes the whole case in one go, keeps them in memory ({@link #inMemory}) and asks nothing.
     */
    interface Rows {
        Optional<CasePhase> running();

        int attempts(CaseState.Phase phase);

        void added(CasePhase row);
    }

    private static Rows stored(CityCase c) {
        return new Rows() {
            @Override
            public Optional<CasePhase> running() {
                return CasePhase.<CasePhase>find("caseId = ?1 and endedAt is null order by id desc", c.id).firstResultOptional();
            }

            @Override
            public int attempts(CaseState.Phase phase) {
                return (int) CasePhase.count("caseId = ?1 and phase = ?2", c.id, phase);
            }

            @Override
            public void added(CasePhase row) {
                // Written; the next read finds it.
            }
        };
    }

    /** The rows of a case being written from scratch, all of them in {@code rows} (which this adds to). */
    static Rows inMemory(java.util.List<CasePhase> rows) {
        return new Rows() {
            @Override
            public Optional<CasePhase> running() {
                for (int i = rows.size() - 1; i >= 0; i--) {
                    if (rows.get(i).endedAt == null) {
                        return Optional.of(rows.get(i));
                    }
                }
                return Optional.empty();
            }

            @Override
            public int attempts(CaseState.Phase phase) {
                return (int) rows.stream().filter(r -> r.phase == phase).count();
            }

            @Override
            public void added(CasePhase row) {
                rows.add(row);
            }
        };
    }

    /**
     * Starts and ends phase clocks as a case moves. A void request keeps the running clock (the case
     * may come back); a failed verification restarts disposal; suspension pauses it (see {@link #pause}).
     */
    void move(CityCase c, CaseState to, CaseAction action, Instant now) {
        move(c, to, action, now, stored(c));
    }

    void move(CityCase c, CaseState to, CaseAction action, Instant now, Rows rows) {
        if (to == CaseState.VOID_PENDING || action == CaseAction.REFUSE_VOID) {
            return;
        }
        CaseState.Phase next = to.phase();
        boolean restart = action == CaseAction.VERIFY_FAIL;
        if (next != null && next == c.phase && !restart) {
            return;
        }
        rows.running().ifPresent(p -> {
            p.endedAt = now;
            // A phase on an approved hold was on time if time was left when it was suspended.
            p.onTime = p.pausedAt != null ? p.remainingSeconds != null && p.remainingSeconds > 0 : !now.isAfter(p.deadline);
        });
        c.suspendedUntil = null;
        c.phase = null;
        c.phaseDeadline = null;
        c.reminderAt = null;
        c.overdue = false;
        if (next != null && to.open()) {
            Deadlines.Limit limit = deadlines().of(next, c, now);
            rows.added(row(c, next, rows.attempts(next) + 1, now, limit));
            c.phase = next;
            c.phaseDeadline = limit.deadline();
            c.reminderAt = limit.reminderAt();
        }
    }

    /** The phase run whose clock runs (or is paused) now. */
    public Optional<CasePhase> running(CityCase c) {
        return CasePhase.<CasePhase>find("caseId = ?1 and endedAt is null order by id desc", c.id).firstResultOptional();
    }

    /** An approved extension adds to the limit as it stood, not to the moment of approval. */
    public Deadlines.Limit extend(CityCase c, int amount, FilingCondition.Unit unit, Instant now) {
        Deadlines deadlines = deadlines();
        CasePhase running = running(c).orElseThrow();
        Duration length = switch (unit) {
            case WORKING_DAYS -> deadlines.calendar().workingDayLength().multipliedBy(amount);
            case WORKING_HOURS, NATURAL_HOURS -> Duration.ofHours(amount);
        };
        Deadlines.Limit limit = deadlines.extend(running.deadline, length,
                running.naturalTime || unit == FilingCondition.Unit.NATURAL_HOURS);
        running.deadline = limit.deadline();
        running.extendedBy = (running.extendedBy == null ? "" : running.extendedBy + ", ") + "+" + amount + " " + unit;
        if (running.extendedBy.length() > 40) {
            running.extendedBy = running.extendedBy.substring(running.extendedBy.length() - 40);
        }
        c.phaseDeadline = limit.deadline();
        c.reminderAt = limit.reminderAt().isAfter(now) ? limit.reminderAt() : null;
        c.overdue = !limit.deadline().isAfter(now);
        return limit;
    }

    /** 挂账: the clock stops with what is left of it until {@code resumeOn}; returns the seconds left. */
    public long pause(CityCase c, Instant now, LocalDate resumeOn) {
        CasePhase running = running(c).orElseThrow();
        running.pausedAt = now;
        running.remainingSeconds = deadlines().remaining(now, running.deadline, running.naturalTime).toSeconds();
        c.phaseDeadline = null;
        c.reminderAt = null;
        c.suspendedUntil = resumeOn;
        return running.remainingSeconds;
    }

    /** The clock runs again with the time that was left when it stopped. */
    public Deadlines.Limit resume(CityCase c, Instant now) {
        CasePhase running = running(c).orElseThrow();
        Deadlines.Limit limit = deadlines().extend(now, Duration.ofSeconds(running.remainingSeconds == null ? 0
                : running.remainingSeconds), running.naturalTime);
        running.deadline = limit.deadline();
        running.pausedAt = null;
        running.remainingSeconds = null;
        c.phaseDeadline = limit.deadline();
        c.reminderAt = limit.reminderAt();
        c.overdue = false;
        c.suspendedUntil = null;
        return limit;
    }

    /** An emergency counts the running phase in natural time from its start: its deadline comes nearer at once. */
    public Optional<Deadlines.Limit> toNaturalTime(CityCase c) {
        CasePhase running = running(c).orElse(null);
        if (running == null || running.pausedAt != null) {
            return Optional.empty();
        }
        Deadlines.Limit limit = deadlines().of(running.phase, c, running.startedAt);
        running.deadline = limit.deadline();
        running.naturalTime = true;
        c.phaseDeadline = limit.deadline();
        c.reminderAt = limit.reminderAt();
        return Optional.of(limit);
    }

    private CasePhase row(CityCase c, CaseState.Phase phase, int attempt, Instant now, Deadlines.Limit limit) {
        CasePhase p = new CasePhase();
        p.caseId = c.id;
        p.phase = phase;
        p.attempt = attempt;
        p.departmentCode = phase == CaseState.Phase.DISPOSAL ? c.departmentCode : null;
        p.startedAt = now;
        p.deadline = limit.deadline();
        p.naturalTime = limit.naturalTime();
        inserts.insert(p);
        return p;
    }
}
