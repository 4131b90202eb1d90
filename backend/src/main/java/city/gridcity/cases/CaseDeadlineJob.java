package city.gridcity.cases;

import city.gridcity.tenancy.TenantRunner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * Watches the phase clocks of every city: flags cases whose deadline has passed (the flag and the
 * phase's overdue moment are what assessment reads), sends reminders before deadlines, resumes
 * suspended cases on their date, and escalates local loops (二级闭环) whose time ran out to the district/city loop.
 * Runs per city, each in its own transaction.
 */
@ApplicationScoped
public class CaseDeadlineJob {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(CaseDeadlineJob.class);

    /** What a sweep did in one city. */
    public record Sweep(int overdue, int reminded, int resumed, int escalated) {
    }

    private final TenantRunner runner;
    private final CaseActions cases;
    private final Event<CaseDeadline> deadlines;
    private final EntityManager em;
    private final Clock clock;

    CaseDeadlineJob(TenantRunner runner, CaseActions cases, Event<CaseDeadline> deadlines, EntityManager em, Clock clock) {
        this.runner = runner;
        this.cases = cases;
        this.deadlines = deadlines;
        this.em = em;
        this.clock = clock;
    }

    @Scheduled(every = "${gridcity.cases.deadline-sweep:60s}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        sweepAll();
    }

    /** Sweeps every active city at the clock's "now"; returns the totals. */
    public Sweep sweepAll() {
        int[] totals = new int[4];
        runner.forEachActiveTenant("case-deadlines", city -> {
            Sweep s = sweep(clock.instant(), ZoneId.of(city.timeZone()));
            totals[0] += s.overdue();
            totals[1] += s.reminded();
            totals[2] += s.resumed();
            totals[3] += s.escalated();
        });
        return new Sweep(totals[0], totals[1], totals[2], totals[3]);
    }

    /** One sweep of the current city; the caller holds the city and the transaction. */
    Sweep sweep(Instant now, ZoneId zone) {
        // First the local loops whose time ran out, each escalated as an action of its own (it locks the case), before
        // the bulk updates below touch the same rows: the district/city loop takes them over where they stand.
        int escalated = escalateOverdueLocalLoops(now);
        // Both looks below go through the index on least(reminder_at, phase_deadline) (V45): the same expression in
        // the condition, then the exact one. Bulk updates, safe beside users' actions because those lock the case row first. The version does
        // not move: a flag or a reminder is no reason to refuse the action of someone who loaded the case before.
        @SuppressWarnings("unchecked")
        List<Object[]> overdue = em.createNativeQuery("UPDATE city_case SET overdue = true "
                        + "WHERE is_open AND NOT overdue AND least(reminder_at, phase_deadline) <= ?1 AND phase_deadline <= ?1 "
                        + "RETURNING id, number, phase, department_code, phase_deadline")
                .setParameter(1, now).getResultList();
        for (Object[] r : overdue) {
            em.createNativeQuery("UPDATE case_phase SET overdue_at = coalesce(overdue_at, ?1) WHERE case_id = ?2 AND ended_at IS NULL")
                    .setParameter(1, now).setParameter(2, ((Number) r[0]).longValue()).executeUpdate();
            deadlines.fire(new CaseDeadline(CaseDeadline.Kind.OVERDUE, ((Number) r[0]).longValue(), (String) r[1],
                    CaseState.Phase.valueOf((String) r[2]), (String) r[3], CaseQueries.instant(r[4])));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery("UPDATE city_case SET reminder_at = NULL "
                        + "WHERE is_open AND NOT overdue AND least(reminder_at, phase_deadline) <= ?1 AND reminder_at <= ?1 "
                        + "RETURNING id, number, phase, department_code, phase_deadline")
                .setParameter(1, now).getResultList();
        for (Object[] r : due) {
            deadlines.fire(new CaseDeadline(CaseDeadline.Kind.REMINDER, ((Number) r[0]).longValue(), (String) r[1],
                    CaseState.Phase.valueOf((String) r[2]), (String) r[3], CaseQueries.instant(r[4])));
        }
        // The notices' outbox rows wait in the persistence context (their keys come from a sequence, so
        // nothing is inserted before a flush): written now, then the context is cleared of the stale cases.
        em.flush();
        em.clear();
        LocalDate today = LocalDate.ofInstant(now, zone);
        List<CityCase> toResume = CityCase.list("state = ?1 and suspendedUntil <= ?2", CaseState.SUSPENDED, today);
        int resumed = 0;
        for (CityCase c : toResume) {
            // Each in its own transaction: one case that cannot resume does not hold back the others.
            try {
                QuarkusTransaction.requiringNew().run(() -> cases.actAsSystem(c.number, CaseAction.RESUME,
                        "suspension ended on " + c.suspendedUntil));
                resumed++;
            } catch (RuntimeException e) {
                LOG.errorf(e, "Case %s could not resume", c.number);
            }
        }
        return new Sweep(overdue.size(), due.size(), resumed, escalated);
    }

    private int escalateOverdueLocalLoops(Instant now) {
        List<CityCase> late = CityCase.list("localLoop = true and open = true and localDeadline <= ?1 and state in ?2 "
                + "order by localDeadline, id", now, TransitionTable.WORKFLOW.systemStates(CaseAction.ESCALATE));
        int escalated = 0;
        for (CityCase c : late) {
            try {
                QuarkusTransaction.requiringNew().run(() -> cases.actAsSystem(c.number, CaseAction.ESCALATE,
                        "local loop limit passed at " + c.localDeadline + ": escalated to the district/city loop"));
                escalated++;
            } catch (RuntimeException e) {
                LOG.errorf(e, "Case %s could not escalate", c.number);
            }
        }
        if (!late.isEmpty()) {
            // The escalations committed on their own: this transaction must not write its stale copies back.
            em.clear();
        }
        return escalated;
    }
}
