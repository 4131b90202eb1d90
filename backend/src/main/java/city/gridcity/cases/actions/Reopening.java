package city.gridcity.cases.actions;

import static city.gridcity.cases.CaseAction.ACCEPT_REOPEN;
import static city.gridcity.cases.CaseAction.DECLINE_REOPEN;
import static city.gridcity.cases.CaseAction.REQUEST_REOPEN;

import city.gridcity.cases.CaseEvent;
import city.gridcity.cases.CityCase;
import city.gridcity.cases.Ratings;
import city.gridcity.catalog.RoutingService;
import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 重办申请: a resident who rated the closed case "not solved" asks, with their comment, for it to be
 * worked again; the acceptor accepts (the case goes back to disposal as rework of its department, as a
 * failed verification does) or declines with a reason the resident reads in the case's history.
 */
@ApplicationScoped
@Handles({REQUEST_REOPEN, ACCEPT_REOPEN, DECLINE_REOPEN})
public class Reopening implements ActionHandler {

    private final Ratings ratings;
    private final PendingRequests pending;
    private final RoutingService routing;

    Reopening(Ratings ratings, PendingRequests pending, RoutingService routing) {
        this.ratings = ratings;
        this.pending = pending;
        this.routing = routing;
    }

    @Override
    public void apply(ActionStep step) {
        CityCase c = step.theCase();
        switch (step.action()) {
            case REQUEST_REOPEN -> {
                boolean notSolved = ratings.of(c, step.actor().id()).map(r -> !r.solved).orElse(false);
                if (!notSolved) {
                    throw ProblemException.conflict("rate-not-solved-first", "Rate case " + c.number + " as not solved "
                            + "(POST /api/v1/cases/" + c.number + "/rating with solved=false and a comment) to ask for it "
                            + "to be reopened.");
                }
                if (CaseEvent.count("caseId = ?1 and action = ?2 and actorId = ?3", c.id, REQUEST_REOPEN.wireName(),
                        step.actor().id()) > 0) {
                    throw ProblemException.conflict("already-asked", "You asked for case " + c.number + " to be reopened "
                            + "already; one rating asks once.");
                }
                ratings.checkWindow(c, step.now());
                Map<String, Object> request = new LinkedHashMap<>();
                request.put("kind", "reopen");
                request.put("by", step.actor().name());
                request.put("reason", step.command().reason());
                pending.ask(c, request);
                step.record("residentId", step.actor().id());
            }
            case ACCEPT_REOPEN -> {
                c.decisionTaken();
                String department = c.departmentCode;
                if (department == null) {
                    // Fixed on the spot, so no department has had it: the one the routing rule names reworks it.
                    department = routing.responsible(c.kind, c.classCode, c.streetCode, c.districtCode).departmentCode();
                    step.record("department", department);
                }
                c.reopen(department);
            }
            case DECLINE_REOPEN -> c.decisionTaken();
            default -> throw step.notMine(Reopening.class);
        }
    }
}
