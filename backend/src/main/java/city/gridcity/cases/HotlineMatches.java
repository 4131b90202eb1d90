package city.gridcity.cases;

import city.gridcity.shared.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records what the daily hotline matching found, as case history: a {@link CaseAction#HOTLINE_MATCH} event on the
 * complaint (with the grid finding of the same problem, when there is one: its number and its report and closing
 * moments as they stood then) and one on the finding (the complaint and its call). The case facts fold these events, in
 * the same transaction, so 发现率 and 未诉先办率 are read from the facts and survive a facts rebuild.
 *
 * <p>Tenant: the current city's cases. Not a transition: neither case changes state, nobody is notified.
 */
@ApplicationScoped
public class HotlineMatches {

    private final CaseHistory history;

    HotlineMatches(CaseHistory history) {
        this.history = history;
    }

    /**
     * Records the matching's outcome for a complaint of the current city: {@code findingId} null when no grid finding
     * of the same problem was found.
     *
     * @throws ProblemException 404 when either case is not the city's
     */
    @Transactional
    public void record(long complaintId, Long findingId, Instant at) {
        // Both rows locked in id order: two matchings of one day cannot interleave their events or deadlock.
        CityCase first = lock(findingId == null ? complaintId : Math.min(complaintId, findingId));
        CityCase second = findingId == null ? first : lock(Math.max(complaintId, findingId));
        CityCase complaint = first.id == complaintId ? first : second;
        CityCase finding = findingId == null ? null : first.id == complaintId ? second : first;
        Actor matcher = Actor.system("hotline-matching");
        Map<String, Object> onComplaint = new HashMap<>();
        if (finding != null) {
            onComplaint.put("finding", finding.number);
            onComplaint.put("findingReportedAt", finding.reportedAt.toString());
            if (finding.closedAt != null) {
                onComplaint.put("findingClosedAt", finding.closedAt.toString());
            }
        }
        history.append(complaint, new CaseHistory.Entry(CaseAction.HOTLINE_MATCH, complaint.state, matcher,
                Actor.SYSTEM_ROLE, null, onComplaint, List.of(), at));
        if (finding != null) {
            history.append(finding, new CaseHistory.Entry(CaseAction.HOTLINE_MATCH, finding.state, matcher,
                    Actor.SYSTEM_ROLE, null, Map.of("complaint", complaint.number,
                    "complaintAt", complaint.reportedAt.toString()), List.of(), at));
        }
    }

    private static CityCase lock(long id) {
        return CityCase.<CityCase>find("id", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("Case " + id));
    }
}
