package city.gridcity.volunteers;

import city.gridcity.cases.CaseAction;
import city.gridcity.cases.CaseChanged;
import city.gridcity.cases.CityCase;
import city.gridcity.cases.WorkflowConfigService;
import city.gridcity.points.PointAwards;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * What a volunteer's triage earns, observed in the transaction of the action itself: service time for
 * each piece of work (志愿服务时长, the city's minutes per kind), and the city's volunteer points for a
 * report they confirmed once it is filed, and for a fix on the spot once it stands (not drawn for the
 * audit, or drawn and passed). Each at most once per volunteer, case and kind: the service row is
 * unique, and the ledger's transfer is keyed by the work.
 */
@ApplicationScoped
class VolunteerWork {

    static final String VOLUNTEER_ROLE = "volunteer";

    private final WorkflowConfigService config;
    private final PointAwards points;
    private final ObjectMapper json;

    VolunteerWork(WorkflowConfigService config, PointAwards points, ObjectMapper json) {
        this.config = config;
        this.points = points;
        this.json = json;
    }

    void onChange(@Observes CaseChanged e) {
        switch (e.action()) {
            case CONFIRM -> serve(e, ServiceRecord.Work.CONFIRM);
            case MARK_INVALID -> serve(e, ServiceRecord.Work.MARK_INVALID);
            case MERGE -> {
                if (VOLUNTEER_ROLE.equals(e.actorRole())) {
                    serve(e, ServiceRecord.Work.MERGE);
                }
            }
            case PERSUADE_FIX -> {
                serve(e, ServiceRecord.Work.PERSUADE_FIX);
                if (!auditSampled(e.data())) {
                    award(e.actorId(), "fix:" + e.caseId(), "现场劝导处置 " + e.number() + " · fixed " + e.number()
                            + " on the spot", e);
                }
            }
            case AUDIT_PASS -> {
                // Only a volunteer's fix earns here: a supervisor's self-handled case has no service row.
                Long fixer = e.triagedBy();
                if (fixer != null && ServiceRecord.count("volunteerId = ?1 and caseId = ?2 and work = ?3", fixer, e.caseId(),
                        ServiceRecord.Work.PERSUADE_FIX) > 0) {
                    award(fixer, "fix:" + e.caseId(), "现场劝导处置 " + e.number() + "（抽检通过） · fixed " + e.number()
                            + " on the spot (audit passed)", e);
                }
            }
            case FILE -> {
                if (e.triage() == CityCase.Triage.CONFIRMED && e.triagedBy() != null) {
                    award(e.triagedBy(), "confirm:" + e.caseId(), "现场确认 " + e.number() + "（已立案） · confirmed "
                            + e.number() + " on site (filed)", e);
                }
            }
            default -> {
                // Other actions are no volunteer's work.
            }
        }
    }

    private void serve(CaseChanged e, ServiceRecord.Work work) {
        int minutes = config.volunteerMinutes(CaseAction.valueOf(work.name()));
        if (e.actorId() == null || ServiceRecord.count("volunteerId = ?1 and caseId = ?2 and work = ?3", e.actorId(),
                e.caseId(), work) > 0) {
            return;
        }
        ServiceRecord r = new ServiceRecord();
        r.volunteerId = e.actorId();
        r.caseId = e.caseId();
        r.caseNumber = e.number();
        r.work = work;
        r.minutes = minutes;
        r.at = e.at();
        r.persist();
    }

    private void award(Long volunteer, String workKey, String reason, CaseChanged e) {
        if (volunteer != null) {
            points.awardVolunteerWork(volunteer, workKey, reason, e.at());
        }
    }

    private boolean auditSampled(String data) {
        if (data == null) {
            return false;
        }
        try {
            return Optional.ofNullable(json.readTree(data).get("auditSampled")).map(n -> n.asBoolean()).orElse(false);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("event data is not JSON", ex);
        }
    }
}
