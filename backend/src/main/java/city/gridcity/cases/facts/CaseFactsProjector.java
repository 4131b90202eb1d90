package city.gridcity.cases.facts;

import city.gridcity.cases.CaseChanged;
import city.gridcity.cases.CaseDeadline;
import city.gridcity.cases.CaseAction;
import city.gridcity.cases.CasePhase;
import city.gridcity.cases.CityCase;
import city.gridcity.shared.db.BulkInserts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;

/**
 * Keeps {@link CaseFacts} in step with the cases: observes every {@link CaseChanged} (fired inside the
 * action's transaction, once per event) and every overdue {@link CaseDeadline}, so the facts commit or
 * roll back with the change itself, never stale and never ahead.
 *
 * <p>Cost per event: a report is one insert built from the case in memory (no read); a later event
 * is one read of the facts row and one update, plus the event's row for the actions whose data
 * matters ({@link CaseFactsFold#READS_DATA}) and the case's phase rows when a phase clock moved.
 */
@ApplicationScoped
public class CaseFactsProjector {

    private final EntityManager em;
    private final BulkInserts inserts;
    private final CaseFactsFold.Lookups lookups;
    private final CaseFactsRebuild rebuild;

    CaseFactsProjector(EntityManager em, CityLookups lookups, CaseFactsRebuild rebuild, BulkInserts inserts) {
        this.em = em;
        this.inserts = inserts;
        this.lookups = lookups;
        this.rebuild = rebuild;
    }

    void onChange(@Observes CaseChanged e) {
        if (e.action() == CaseAction.REPORT || e.action() == CaseAction.SELF_REPORT) {
            // The case was inserted moments ago (held by the intake's batch or in this persistence context): found
            // there, not read back.
            CityCase c = inserts.find(CityCase.class, e.caseId());
            CaseFacts f = CaseFactsFold.start(c, new CaseFactsFold.Step(e.action(), e.from(), e.to(), e.at(),
                    e.actorRole(), rebuild.data(e.data())));
            CaseFactsFold.filingStarted(f, c);
            inserts.insert(f);
            return;
        }
        CaseFacts f = em.find(CaseFacts.class, e.caseId());
        if (f == null) {
            // A case reported before the facts existed: its whole history, this event included, makes them.
            rebuild.recomputeOne(e.caseId());
            return;
        }
        CaseFactsFold.Step step = new CaseFactsFold.Step(e.action(), e.from(), e.to(), e.at(), null,
                CaseFactsFold.READS_DATA.contains(e.action()) ? rebuild.data(e.data()) : Map.of(), e.actorId());
        CaseFactsFold.apply(f, step, lookups);
        if (CaseFactsFold.touchesPhases(step)) {
            CaseFactsFold.phases(f, phases(e.caseId()));
        }
    }

    void onDeadline(@Observes CaseDeadline d) {
        if (d.kind() != CaseDeadline.Kind.OVERDUE) {
            return;
        }
        CaseFacts f = em.find(CaseFacts.class, d.caseId());
        if (f != null) {
            CaseFactsFold.phases(f, phases(d.caseId()));
            // The deadline job clears its persistence context after its sweep: the change is written now.
            em.flush();
        }
    }

    private List<CasePhase> phases(long caseId) {
        return CasePhase.list("caseId", caseId);
    }
}
