package city.gridcity.cases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A volunteer's triage as the portal's phone pages do it: the report as a volunteer may read it, and
 * one step that uploads the photos taken on site and takes the action together, so a refused action
 * leaves no photo behind on the case.
 */
@ApplicationScoped
public class TriageDesk {

    private final CaseReads reads;
    private final CasePhotos photos;
    private final CaseActions actions;

    TriageDesk(CaseReads reads, CasePhotos photos, CaseActions actions) {
        this.reads = reads;
        this.photos = photos;
        this.actions = actions;
    }

    /** A report as a triaging volunteer reads it: no reporter, no staff's words. */
    public record Report(String number, String state, String classCode, String className, boolean minor,
                         String description, String address, String communityCode, Instant reportedAt,
                         CityCase.Triage triage, int beforePhotos, int afterPhotos, List<String> allowedActions,
                         List<DuplicateFinder.Nearby> mergeCandidates) {
    }

    /** A photo taken on site, before or after. */
    public record Photo(CasePhoto.Stage stage, byte[] bytes, String fileName) {
    }

    /** @throws city.gridcity.shared.problem.ProblemException 404 when the volunteer may not see the case */
    @Transactional
    public Report report(String number, Actor actor) {
        CityCase c = reads.get(number, actor);
        int before = 0;
        int after = 0;
        for (CasePhoto p : CasePhoto.<CasePhoto>list("caseId", c.id)) {
            if (p.stage == CasePhoto.Stage.BEFORE) {
                before++;
            } else if (p.stage == CasePhoto.Stage.AFTER) {
                after++;
            }
        }
        return new Report(c.number, c.state.name(), c.classCode, c.className, c.minor, c.description, c.address,
                c.communityCode, c.reportedAt, c.triage, before, after, actions.allowedActions(c, actor),
                reads.possibleDuplicates(c, actor));
    }

    /**
     * Uploads the photos, then takes the action with them, in one transaction.
     *
     * @throws city.gridcity.shared.problem.ProblemException as the upload or the action refuses
     */
    @Transactional
    public void act(String number, CaseAction action, String reason, String duplicateOf, List<Photo> taken, Actor actor) {
        List<Long> ids = new ArrayList<>();
        for (Photo p : taken) {
            ids.add(photos.upload(number, p.stage(), p.bytes(), p.fileName(), actor).id);
        }
        actions.act(number, new ActionCommand(action.wireName(), null, reason, null, null, null, null, null, duplicateOf,
                null, null, null, ids.isEmpty() ? null : ids), actor);
    }
}
