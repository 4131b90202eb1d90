package city.gridcity.cases.actions;

import static city.gridcity.cases.CaseAction.APPROVE_SUSPENSION;
import static city.gridcity.cases.CaseAction.REFUSE_SUSPENSION;
import static city.gridcity.cases.CaseAction.REQUEST_SUSPENSION;
import static city.gridcity.cases.CaseAction.RESUME;

import city.gridcity.cases.CityCase;
import city.gridcity.cases.Deadlines;
import city.gridcity.cases.PhaseClock;
import city.gridcity.shared.problem.ProblemException;
import city.gridcity.tenancy.TenantContext;
import city.gridcity.tenancy.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * 挂账: a case that cannot be solved now is put on hold until a day, with the dispatcher's approval;
 * its clock stops with the time left and runs again on that day (the deadline job) or when the
 * dispatcher resumes it earlier.
 */
@ApplicationScoped
@Handles({REQUEST_SUSPENSION, APPROVE_SUSPENSION, REFUSE_SUSPENSION, RESUME})
public class Suspension implements ActionHandler {

    private final PhaseClock clocks;
    private final PendingRequests pending;
    private final TenantContext tenant;
    private final TenantDirectory directory;
    private final Clock clock;

    Suspension(PhaseClock clocks, PendingRequests pending, TenantContext tenant, TenantDirectory directory, Clock clock) {
        this.clocks = clocks;
        this.pending = pending;
        this.tenant = tenant;
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public void apply(ActionStep step) {
        CityCase c = step.theCase();
        switch (step.action()) {
            case REQUEST_SUSPENSION -> {
                LocalDate resumeOn = checkResumeDate(step.command().resumeOn());
                step.record("resumeOn", resumeOn.toString());
                pending.ask(c, Map.of("kind", "suspension", "resumeOn", resumeOn.toString(), "by", step.actor().name(),
                        "reason", step.command().reason()));
            }
            case APPROVE_SUSPENSION -> {
                // The day asked for may have passed while the request waited: it is checked again.
                LocalDate resumeOn = checkResumeDate(step.command().resumeOn() != null ? step.command().resumeOn()
                        : LocalDate.parse(pending.read(c).get("resumeOn").toString()));
                long remaining = clocks.pause(c, step.now(), resumeOn);
                step.record("resumeOn", resumeOn.toString());
                step.record("remainingSeconds", remaining);
                c.decisionTaken();
            }
            case REFUSE_SUSPENSION -> c.decisionTaken();
            case RESUME -> {
                Deadlines.Limit limit = clocks.resume(c, step.now());
                step.record("deadline", limit.deadline().toString());
            }
            default -> throw step.notMine(Suspension.class);
        }
    }

    private LocalDate checkResumeDate(LocalDate resumeOn) {
        String zone = tenant.tenantCode().flatMap(directory::byCode).map(t -> t.timeZone()).orElse("UTC");
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(zone)));
        if (resumeOn == null || !resumeOn.isAfter(today) || resumeOn.isAfter(today.plusYears(1))) {
            throw ProblemException.invalid("resumeOn", "give the day disposal resumes: after today (" + today
                    + ") and within a year");
        }
        return resumeOn;
    }
}
